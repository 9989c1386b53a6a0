package com.example.testapp.jetty12;

import com.example.testapp.jakarta.JakartaEndpoints;
import com.example.testapp.jakarta.ServerPort;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

public final class Jetty12App {

    private static final Logger LOG = LogManager.getLogger(Jetty12App.class);

    private Jetty12App() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerPort.resolve(args);
        Server server = new Server(port);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addEventListener(new EndpointRegistration());
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        LOG.info("jetty12-jakarta-app listening on port {}", port);
        server.join();
    }

    /** Registers the endpoints while the context starts, when Jetty allows programmatic registration. */
    private static final class EndpointRegistration implements ServletContextListener {

        @Override
        public void contextInitialized(ServletContextEvent event) {
            JakartaEndpoints.register(event.getServletContext(), new MdcServlet());
        }
    }
}
