package io.obsagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A stock Tomcat or WildFly distribution (unpacked from Maven Central by the suite's build), started the way
 * operators start it: {@code catalina.sh run} with {@code CATALINA_OPTS}, {@code standalone.sh} with
 * {@code JAVA_OPTS}, {@code MODULE_OPTS} or {@code JAVA_TOOL_OPTIONS}. The distribution is never changed: each
 * run gets a server base of its own ({@code CATALINA_BASE}, {@code jboss.server.base.dir}) holding its
 * configuration, its deployments and its logs, as multi-instance installations have.
 */
public final class StandaloneServer {

    /** How the operator adds the agent to the server's JVM. */
    public enum Attach { CATALINA_OPTS, JAVA_OPTS, MODULE_OPTS, JAVA_TOOL_OPTIONS }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** The servers' own option variables, which a developer's shell must not add to a test's JVM either. */
    private static final Set<String> SERVER_OPTIONS = Set.of("JAVA_OPTS", "CATALINA_OPTS", "MODULE_OPTS");

    private final String kind;
    private final Path home;
    private final Path base;
    private final Path deployments;
    private final int appPort;
    private final List<String> serverArguments = new ArrayList<>();
    private Path javaHome = Jdks.defaultHome();
    private String agentArguments = "";

    private StandaloneServer(String kind, Path home, Path base, Path deployments, int appPort) {
        this.kind = kind;
        this.home = home;
        this.base = base;
        this.deployments = deployments;
        this.appPort = appPort;
    }

    /**
     * Tomcat from {@code property}'s distribution, with its HTTP connector and its shutdown port on free ports.
     * Its host checks for changed WARs every second rather than every ten, so redeploy tests take seconds.
     */
    public static StandaloneServer tomcat(String property) {
        Path home = distribution(property);
        Path base = newBase("tomcat");
        copyTree(home.resolve("conf"), base.resolve("conf"));
        for (String dir : new String[]{"logs", "temp", "work", "webapps"}) {
            createDirectories(base.resolve(dir));
        }
        int appPort = AppProcessBuilder.freePort();
        Path serverXml = base.resolve("conf/server.xml");
        rewrite(serverXml, Map.of("port=\"8080\"", "port=\"" + appPort + "\"",
                "port=\"8005\"", "port=\"" + AppProcessBuilder.freePort() + "\"",
                "<Engine name=\"Catalina\" defaultHost=\"localhost\">",
                "<Engine name=\"Catalina\" defaultHost=\"localhost\" backgroundProcessorDelay=\"1\">"));
        return new StandaloneServer("tomcat", home, base, base.resolve("webapps"), appPort);
    }

    /** WildFly from its distribution, all its sockets moved by one free port offset. */
    public static StandaloneServer wildfly() {
        Path home = distribution("it.server.wildfly.home");
        Path base = newBase("wildfly");
        copyTree(home.resolve("standalone"), base);
        int offset = freeOffset(8080, 8443, 9990, 9993);
        StandaloneServer server = new StandaloneServer("wildfly", home, base, base.resolve("deployments"), 8080 + offset);
        server.serverArguments.add("-Djboss.server.base.dir=" + base);
        server.serverArguments.add("-Djboss.socket.binding.port-offset=" + offset);
        return server;
    }

    public StandaloneServer javaHome(Path javaHome) {
        this.javaHome = javaHome;
        return this;
    }

    /** More agent arguments ({@code key=value,...}) after the side server's port. */
    public StandaloneServer agentArguments(String arguments) {
        this.agentArguments = "," + arguments;
        return this;
    }

    /** Deploys {@code war} under context path {@code /name}. */
    public StandaloneServer deploy(Path war, String name) {
        try {
            Files.copy(war, deployments.resolve(name + ".war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path deployed(String name) {
        return deployments.resolve(name + ".war");
    }

    /** The lines of the server's log file whose name starts with {@code prefix} ({@code catalina}), as they are now. */
    public List<String> logFile(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(base.resolve(kind.equals("tomcat") ? "logs" : "log"))) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + " log in " + base));
            return Files.readAllLines(file);
        }
    }

    public int appPort() {
        return appPort;
    }

    /**
     * Starts the server with the agent attached through {@code attach} (or without it when {@code attach} is
     * null), its side server on {@code sidePort}; {@code readyPath} is a path of a deployed webapp.
     */
    public AppProcess start(Attach attach, int sidePort, String readyPath) {
        String agent = "-javaagent:" + Apps.agentJar() + "=server.port=" + sidePort + agentArguments;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", javaHome.toString());
        if (kind.equals("tomcat")) {
            environment.put("CATALINA_HOME", home.toString());
            environment.put("CATALINA_BASE", base.toString());
        } else {
            environment.put("JBOSS_HOME", home.toString());
        }
        if (attach != null) {
            environment.put(attach.name(), agent);
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh",
                home.resolve(kind.equals("tomcat") ? "bin/catalina.sh" : "bin/standalone.sh").toString()));
        if (kind.equals("tomcat")) {
            command.add("run");
        }
        command.addAll(serverArguments);
        ProcessBuilder launcher = new ProcessBuilder(command).directory(base.toFile());
        launcher.environment().keySet().removeIf(v -> AppProcessBuilder.leaksFromDevelopersShell(v)
                || SERVER_OPTIONS.contains(v));
        launcher.environment().putAll(environment);
        String name = kind + (attach == null ? "" : " with agent in " + attach);
        StringBuilder line = new StringBuilder("$");
        environment.forEach((k, v) -> line.append(' ').append(k).append("='").append(v).append('\''));
        command.forEach(c -> line.append(' ').append(c));
        return AppProcess.start(name, launcher, line.toString(), AppProcessBuilder.logFile(null, name), readyPath, appPort,
                attach == null ? null : sidePort, javaHome);
    }

    private static Path distribution(String property) {
        String value = System.getProperty(property, "");
        Path home = Path.of(value);
        if (value.isBlank() || !Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException("No server distribution at " + property + "=" + value
                    + ": run the suite through `mvn verify`, which unpacks it from Maven Central");
        }
        return home;
    }

    private static Path newBase(String kind) {
        Path work = Path.of(System.getProperty("it.work.dir", "target/it-work")).toAbsolutePath();
        return createDirectories(work.resolve(kind + "-base-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet()));
    }

    /** A port offset under which all of {@code ports} were free a moment ago. */
    private static int freeOffset(int... ports) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20000, 40000);
            if (IntStream.of(ports).allMatch(p -> isFree(p + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("No free port offset for " + java.util.Arrays.toString(ports));
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static void rewrite(Path file, Map<String, String> replacements) {
        try {
            String text = Files.readString(file);
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                if (!text.contains(r.getKey())) {
                    throw new IllegalStateException(file + " has no " + r.getKey());
                }
                text = text.replace(r.getKey(), r.getValue());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
