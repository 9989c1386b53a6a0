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

    /** Undertow 2.3, jakarta.servlet 6, SLF4J 2 + Logback 1.5; the servlet endpoints of the javax apps. */
    public static AppJar undertow() {
        return new AppJar("undertow-jakarta", pathFromProperty("it.app.undertow.jar"), "/hello");
    }

    /** Jetty 12.1 (ee10), jakarta.servlet 6, Log4j 2; the servlet endpoints of the javax apps. */
    public static AppJar jetty12() {
        return new AppJar("jetty12-jakarta", pathFromProperty("it.app.jetty12.jar"), "/hello");
    }

    /** Tomcat 11, jakarta.servlet 6.1, JUL only; the servlet endpoints of the javax apps. */
    public static AppJar tomcat11() {
        return new AppJar("tomcat11-jakarta", pathFromProperty("it.app.tomcat11.jar"), "/hello");
    }

    /** Tomcat 11 with plain servlets that hand work to every kind of executor and call downstream services; Logback 1.5. */
    public static AppJar caller() {
        return new AppJar("caller-tomcat", pathFromProperty("it.app.caller.jar"), "/echo");
    }

    /** Spring Boot 2.7 (Spring MVC 5.3, Tomcat 9, javax), Java 8 bytecode, executable Boot jar: the orders API. */
    public static AppJar boot2() {
        return new AppJar("boot2-javax", pathFromProperty("it.app.boot2.jar"), "/orders/1");
    }

    /** Spring Boot 4.0 (Spring MVC 7, Tomcat 11, Jackson 3, jakarta), executable Boot jar: the orders API. */
    public static AppJar boot4() {
        return new AppJar("boot4-app", pathFromProperty("it.app.boot4.jar"), "/orders/1");
    }

    /** Spring Boot 3.5 on Undertow 2.3, executable Boot jar: the orders API. */
    public static AppJar boot3Undertow() {
        return new AppJar("boot3-undertow", pathFromProperty("it.app.boot3undertow.jar"), "/orders/1");
    }

    /** Spring Boot 4.0 on Jetty 12.1 (EE 11), executable Boot jar: the orders API. */
    public static AppJar boot4Jetty() {
        return new AppJar("boot4-jetty", pathFromProperty("it.app.boot4jetty.jar"), "/orders/1");
    }

    /**
     * Spring Boot 3.5 with Spring MVC, Data JPA (Hibernate 6, HikariCP, H2), validation and Actuator: a library API
     * that loads about 17 000 classes before its first answer, as production Spring services do.
     */
    public static AppJar boot3Jpa() {
        return new AppJar("boot3-jpa", pathFromProperty("it.app.boot3jpa.jar"), "/books");
    }

    /** A WAR for javax.servlet servers (Tomcat 9): the servlet endpoints and its own Log4j 2. */
    public static Path warJavaxLog4j() {
        return copiedByTheBuild("it.war.javax.log4j", "The javax WAR");
    }

    /** A WAR for jakarta.servlet servers (Tomcat 10.1+, WildFly): the servlet endpoints and its own SLF4J 2 + Logback. */
    public static Path warJakartaLogback() {
        return copiedByTheBuild("it.war.jakarta.logback", "The jakarta WAR");
    }

    /** The test apps that serve the full set of servlet-level endpoints. */
    public static List<AppJar> servletApps() {
        return List.of(jetty9(), tomcat9(), tomcat11(), jetty12(), undertow());
    }

    /** The test apps that answer "hello" on /hello. */
    public static List<AppJar> testApps() {
        return List.of(jetty9(), tomcat9(), jersey(), tomcat11(), jetty12(), undertow());
    }

    /** javax.servlet-api 4.0.1, which the suite's build copies to target/it-jars. */
    public static Path javaxServlet4Api() {
        return copiedByTheBuild("it.javax.servlet4.api.jar", "The Servlet 4.0 API jar");
    }

    /** The OpenTelemetry Java agent, which the suite's build copies to target/it-jars. */
    public static Path otelAgent() {
        return copiedByTheBuild("it.otel.agent.jar", "The OpenTelemetry Java agent jar");
    }

    private static Path copiedByTheBuild(String property, String what) {
        Path jar = pathFromProperty(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(what + " is missing: " + jar + ". Run the suite through `mvn verify`.");
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
