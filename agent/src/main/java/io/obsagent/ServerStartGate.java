package io.obsagent;

/**
 * Whether the side server must wait for the application's container before it is created. On Java 8 the
 * JDK's HTTP server takes a {@code java.util.logging} logger in its constructor, which initialises the
 * LogManager; JBoss Modules applications (WildFly, EAP) install their own LogManager during their start and
 * fail when the JDK's was initialised first. From Java 9 the JDK server logs through {@code System.Logger},
 * which does not initialise the LogManager, so only that combination waits.
 */
final class ServerStartGate {

    private ServerStartGate() {
    }

    static boolean mustWaitForContainer(String javaSpecificationVersion, String command) {
        boolean java8 = javaSpecificationVersion != null && javaSpecificationVersion.startsWith("1.");
        String main = command == null ? "" : command.trim();
        boolean jbossModules = main.startsWith("org.jboss.modules.Main") || main.contains("jboss-modules");
        return java8 && jbossModules;
    }
}
