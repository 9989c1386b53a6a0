package io.obsagent.instrumentation;

/**
 * The agent's own classes, which are never instrumented: the classes directly in {@code io.obsagent} and
 * those of its implementation packages, including the relocated dependencies. Deliberately not the whole
 * {@code io.obsagent} namespace: code of other artifacts may live below it (the suite's test applications
 * do, in {@code io.obsagent.testapp}), just as the OpenTelemetry agent ignores {@code io.opentelemetry.javaagent}
 * but not the {@code io.opentelemetry} API that applications use. A package added to the agent belongs here;
 * AgentJarIT checks that every class in the jar is covered.
 */
public final class AgentPackages {

    private static final String ROOT = "io/obsagent/";
    private static final String[] PACKAGES = {"bridge/", "core/", "instrumentation/", "server/", "shaded/"};

    private AgentPackages() {
    }

    /** @param internalName a class name with slashes, e.g. {@code io/obsagent/core/request/Routes} */
    public static boolean contains(String internalName) {
        if (!internalName.startsWith(ROOT)) {
            return false;
        }
        if (internalName.indexOf('/', ROOT.length()) < 0) {
            return true;
        }
        for (String pkg : PACKAGES) {
            if (internalName.startsWith(pkg, ROOT.length())) {
                return true;
            }
        }
        return false;
    }
}
