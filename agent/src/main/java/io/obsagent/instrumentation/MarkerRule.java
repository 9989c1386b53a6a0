package io.obsagent.instrumentation;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One instrumentation's test of a class file, after the name: it has one of the markers and, when method names are
 * given, declares a concrete method of one of those names (what the instrumentation advises), so that the classes
 * that only call a data source's {@code getConnection} or take a servlet request stay out of Byte Buddy.
 */
final class MarkerRule {

    private final List<String> markers;
    private final Set<String> methodNames;

    /** @param methodNames empty: any class file with a marker passes (a JAX-RS resource method has any name) */
    MarkerRule(List<String> markers, List<String> methodNames) {
        this.markers = Collections.unmodifiableList(markers);
        this.methodNames = new HashSet<String>(methodNames);
    }

    static MarkerRule of(TypeInstrumentation instrumentation) {
        return new MarkerRule(instrumentation.classFileMarkers(), instrumentation.advisedMethodNames());
    }

    List<String> markers() {
        return markers;
    }

    /** {@code text} is {@code classfile} as Latin-1, where the markers are searched for. */
    boolean passes(String text, byte[] classfile) {
        for (String marker : markers) {
            if (text.indexOf(marker) >= 0) {
                return methodNames.isEmpty() || DeclaredMethods.concreteOneOf(classfile, methodNames);
            }
        }
        return false;
    }
}
