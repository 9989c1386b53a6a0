package com.example.testapp.jersey;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.glassfish.jersey.servlet.ServletContainer;

public final class JerseyApp {

    private static final Logger LOG = LogManager.getLogger(JerseyApp.class);

    private JerseyApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = port(args);
        Tomcat tomcat = new Tomcat();
        tomcat.setPort(port);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer((classes, servletContext) -> registerEndpoints(servletContext), null);
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat), "jersey-app-shutdown"));
        LOG.info("jersey-jakarta-app listening on port {}", port);
        tomcat.getServer().await();
    }

    /** SERVER_PORT, else the first program argument, else 8080. */
    private static int port(String[] args) {
        String fromEnvironment = System.getenv("SERVER_PORT");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Integer.parseInt(fromEnvironment.trim());
        }
        return args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    }

    private static void registerEndpoints(ServletContext context) {
        FilterRegistration.Dynamic secured = context.addFilter("secured", new SecuredFilter());
        secured.setAsyncSupported(true);
        secured.addMappingForUrlPatterns(null, false, "/*");

        ServletRegistration.Dynamic jersey = context.addServlet("jersey", new ServletContainer(new ApiApplication()));
        jersey.setAsyncSupported(true);
        jersey.setLoadOnStartup(1);
        jersey.addMapping("/api/*");

        context.addServlet("hello", new HelloServlet()).addMapping("/hello");
        context.addServlet("not-found", new NotFoundServlet()).addMapping("/");
    }

    private static void stop(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            LOG.warn("tomcat did not stop cleanly", e);
        }
    }
}
