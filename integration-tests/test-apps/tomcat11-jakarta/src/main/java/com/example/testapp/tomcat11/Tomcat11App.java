package com.example.testapp.tomcat11;

import java.util.logging.Level;
import java.util.logging.Logger;

import com.example.testapp.jakarta.JakartaEndpoints;
import com.example.testapp.jakarta.ServerPort;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat as its documentation shows it: a context added by hand, so no default servlet unless mapped. */
public final class Tomcat11App {

    private static final Logger LOG = Logger.getLogger(Tomcat11App.class.getName());

    private Tomcat11App() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerPort.resolve(args);
        Tomcat tomcat = new Tomcat();
        tomcat.setPort(port);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(
                (classes, servletContext) -> JakartaEndpoints.register(servletContext, new MdcServlet()), null);
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat), "tomcat11-app-shutdown"));
        LOG.info("tomcat11-jakarta-app listening on port " + port);
        tomcat.getServer().await();
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
