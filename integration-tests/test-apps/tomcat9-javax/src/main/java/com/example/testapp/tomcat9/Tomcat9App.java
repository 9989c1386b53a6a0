package com.example.testapp.tomcat9;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.FilterRegistration;
import javax.servlet.ServletContext;

import com.example.testapp.javax.JavaxEndpoints;
import com.example.testapp.javax.ServerPort;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

public final class Tomcat9App {

    private static final Logger LOG = Logger.getLogger(Tomcat9App.class.getName());

    private Tomcat9App() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerPort.resolve(args);
        AppMetrics metrics = new AppMetrics();
        Supplier<String> greeting = GeneratedGreeting.create();

        Tomcat tomcat = new Tomcat();
        tomcat.setPort(port);
        tomcat.getConnector();
        Connector tls = TlsConnector.fromEnvironment();
        if (tls != null) {
            tomcat.getService().addConnector(tls);
        }
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(
                (classes, servletContext) -> registerEndpoints(servletContext, metrics, greeting), null);
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat), "tomcat9-app-shutdown"));
        LOG.info("tomcat9-javax-app listening on port " + port);
        tomcat.getServer().await();
    }

    private static void registerEndpoints(ServletContext context, AppMetrics metrics, Supplier<String> greeting) {
        FilterRegistration.Dynamic counting = context.addFilter("request-counting", new RequestCountingFilter(metrics));
        counting.setAsyncSupported(true);
        counting.addMappingForUrlPatterns(null, false, "/*");
        context.addServlet("app-metrics", new AppMetricsServlet(metrics)).addMapping("/app-metrics");
        context.addServlet("libraries", new LibrariesServlet(greeting)).addMapping("/libraries");
        JavaxEndpoints.register(context, new MdcServlet());
    }

    private static void stop(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            LOG.log(Level.WARNING, "tomcat did not stop cleanly", e);
        }
    }
}
