package io.obsagent.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The jars under test, located through the system properties that failsafe sets (see suite/pom.xml). */
public final class Apps {

    private Apps() {
    }

    /** The Spring Boot task API. */
    public static AppJar sampleApp() {
        return new AppJar("sample-app", pathFromProperty("sample.app.jar"), "/api/v1/tasks");
    }

    /** Jetty 9.4, javax.servlet, SLF4J + Logback. */
    public static AppJar jetty9() {
        return new AppJar("jetty9-javax", pathFromProperty("it.app.jetty9.jar"), "/hello");
    }

    /** Tomcat 9, javax.servlet, JUL; bundles its own Jackson, Byte Buddy and Prometheus simpleclient. */
    public static AppJar tomcat9() {
        return new AppJar("tomcat9-javax", pathFromProperty("it.app.tomcat9.jar"), "/hello");
    }

    /** Jersey 3.1 on Tomcat 10.1, jakarta.servlet, Log4j 2. */
    public static AppJar jersey() {
        return new AppJar("jersey-jakarta", pathFromProperty("it.app.jersey.jar"), "/hello");
    }

    /** The test apps that serve the full set of servlet-level endpoints. */
    public static List<AppJar> servletApps() {
        return List.of(jetty9(), tomcat9());
    }

    public static List<AppJar> testApps() {
        return List.of(jetty9(), tomcat9(), jersey());
    }

    /** javax.servlet-api 4.0.1, which the suite's build copies to target/it-jars. */
    public static Path javaxServlet4Api() {
        Path jar = pathFromProperty("it.javax.servlet4.api.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Servlet 4.0 API jar is missing: " + jar + ". Run the suite through `mvn verify`.");
        }
        return jar;
    }

    /** The agent jar, or a failure that names the missing file. */
    public static Path agentJar() {
        Path jar = pathFromProperty("obs.agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The agent jar is missing: " + jar
                    + ". Build it first (mvn -B package -pl agent from the repository root).");
        }
        return jar;
    }

    private static Path pathFromProperty(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set."
                    + " Run the suite through `mvn verify`, whose failsafe configuration sets it, or set it yourself.");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
