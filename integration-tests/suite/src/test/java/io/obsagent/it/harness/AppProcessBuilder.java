package io.obsagent.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Says how to start an {@link AppProcess}: which JDK, with or without the agent, which JVM options,
 * system properties and environment variables.
 *
 * <p>The app gets a free port through {@code SERVER_PORT}. With the agent, the side server gets a free
 * port through {@code OBS_SERVER_PORT}, unless the test sets {@code server.port} (or a config file) itself.
 */
public final class AppProcessBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AppJar jar;
    private boolean withAgent;
    private String agentArguments;
    private Path javaHome = defaultJavaHome();
    private String testName;
    private final List<Path> classpathBefore = new ArrayList<>();
    /**
     * The JIT's first tier only: the suite starts some 150 application JVMs on 2 cores, and they start about a
     * quarter faster without the optimising compiler competing for the CPUs. Nothing here measures peak speed
     * (scripts/bench.sh does, with the JVM's defaults).
     */
    private final List<String> jvmArguments = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
    private final List<String> jvmArgumentsAfterAgent = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    AppProcessBuilder(AppJar jar) {
        this.jar = jar;
    }

    public AppProcessBuilder withAgent() {
        this.withAgent = true;
        return this;
    }

    /** With the agent, given {@code arguments} after the '=' of {@code -javaagent:}. */
    public AppProcessBuilder withAgent(String arguments) {
        this.withAgent = true;
        this.agentArguments = arguments;
        return this;
    }

    /** A JVM option such as {@code -Xmx256m}, placed before {@code -jar}. */
    public AppProcessBuilder jvmArgument(String argument) {
        jvmArguments.add(argument);
        return this;
    }

    /** A JVM option placed after the agent's {@code -javaagent:}, e.g. another agent that must attach after ours. */
    public AppProcessBuilder jvmArgumentAfterAgent(String argument) {
        jvmArgumentsAfterAgent.add(argument);
        return this;
    }

    public AppProcessBuilder systemProperty(String name, String value) {
        systemProperties.put(name, value);
        return this;
    }

    public AppProcessBuilder env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Runs the app from the class path, with {@code jar} ahead of the app's own classes, instead of with
     * {@code -jar}: e.g. a newer servlet API than the container ships, as build tools often resolve it.
     */
    public AppProcessBuilder classpathBefore(Path jar) {
        classpathBefore.add(jar);
        return this;
    }

    /** Names the log file after this test instead of the calling method, e.g. for a class-wide app started in a base class. */
    public AppProcessBuilder testName(String testName) {
        this.testName = testName;
        return this;
    }

    public AppProcessBuilder javaHome(Path javaHome) {
        this.javaHome = javaHome;
        return this;
    }

    public AppProcess start() {
        Path appJar = jar.requireBuilt();
        Path java = javaHome.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("No java executable at " + java + " (it.java.home / javaHome)");
        }
        int[] ports = freePorts();
        int appPort = ports[0];
        Integer sidePort = withAgent && !configuresSidePort() ? ports[1] : null;

        List<String> command = command(java, appJar);
        Map<String, String> harnessEnvironment = harnessEnvironment(appPort, sidePort);
        ProcessBuilder launcher = new ProcessBuilder(command).directory(workDirectory().toFile());
        launcher.environment().keySet().removeIf(AppProcessBuilder::leaksFromDevelopersShell);
        launcher.environment().putAll(harnessEnvironment);
        String name = jar.name() + (withAgent ? " with agent" : "");
        return AppProcess.start(name, launcher, commandLine(harnessEnvironment, command), logFile(),
                jar.readyPath(), appPort, sidePort, javaHome);
    }

    private List<String> command(Path java, Path appJar) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArguments);
        if (withAgent) {
            command.add("-javaagent:" + Apps.agentJar() + (agentArguments == null ? "" : "=" + agentArguments));
        }
        command.addAll(jvmArgumentsAfterAgent);
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (classpathBefore.isEmpty()) {
            command.add("-jar");
            command.add(appJar.toString());
        } else {
            List<String> classpath = new ArrayList<>();
            classpathBefore.forEach(jar -> classpath.add(jar.toString()));
            classpath.add(appJar.toString());
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classpath));
            command.add(JarManifest.mainClass(appJar)
                    .orElseThrow(() -> new IllegalStateException(appJar + " names no Main-Class")));
        }
        return command;
    }

    /** The ports the harness chose, then the test's own variables (which win). */
    private Map<String, String> harnessEnvironment(int appPort, Integer sidePort) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SERVER_PORT", String.valueOf(appPort));
        if (sidePort != null) {
            variables.put("OBS_SERVER_PORT", String.valueOf(sidePort));
        }
        variables.putAll(environment);
        return variables;
    }

    private boolean configuresSidePort() {
        String arguments = agentArguments == null ? "" : agentArguments;
        return systemProperties.containsKey("obs.server.port") || systemProperties.containsKey("obs.config.file")
                || environment.containsKey("OBS_SERVER_PORT") || environment.containsKey("OBS_CONFIG_FILE")
                || arguments.contains("server.port=") || arguments.contains("config.file=");
    }

    private Path logFile() {
        return logFile(testName, jar.name());
    }

    /**
     * target/it-logs/TestClass.testMethod-NAME-N.log, named after {@code testName} or else the test that starts the
     * process (the first caller outside the harness).
     */
    static Path logFile(String testName, String name) {
        String test = testName != null ? testName : StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().startsWith(AppProcess.class.getPackageName() + "."))
                .findFirst()
                .map(frame -> simpleName(frame.getClassName()) + "." + frame.getMethodName())
                .orElse("unknown"));
        String fileName = test + "-" + name + "-" + SEQUENCE.incrementAndGet() + ".log";
        Path directory = Path.of(System.getProperty("it.logs.dir", "target/it-logs"));
        return directory.resolve(fileName.replaceAll("[^A-Za-z0-9._-]", "_")).toAbsolutePath();
    }

    /** The command as a shell would show it, with the variables the harness set, to reproduce a run by hand. */
    private static String commandLine(Map<String, String> environment, List<String> command) {
        StringBuilder line = new StringBuilder("$");
        environment.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        command.forEach(argument -> line.append(' ').append(argument));
        return line.toString();
    }

    /** A port that was free a moment ago, for a test's own listener (e.g. a TLS connector or a database). */
    public static int freePort() {
        return freePorts()[0];
    }

    /** Two distinct ports that were free a moment ago. */
    private static int[] freePorts() {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** A developer's own settings for the agent, the JVM or the sample app must not change what a test sees. */
    static boolean leaksFromDevelopersShell(String variable) {
        return variable.startsWith("OBS_") || variable.startsWith("OTEL_") || variable.startsWith("SPRING_")
                || Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "SERVER_PORT").contains(variable);
    }

    /** Where the apps run, so that what they write (e.g. Tomcat's work directory) stays under target/. */
    private static Path workDirectory() {
        Path directory = Path.of(System.getProperty("it.work.dir", "target/it-work")).toAbsolutePath();
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Path defaultJavaHome() {
        String configured = System.getProperty("it.java.home", "");
        return Path.of(configured.isBlank() ? System.getProperty("java.home") : configured);
    }
}
