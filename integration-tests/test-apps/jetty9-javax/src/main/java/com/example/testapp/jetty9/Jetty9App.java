package com.example.testapp.jetty9;

import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;

import com.example.testapp.javax.JavaxEndpoints;
import com.example.testapp.javax.ServerPort;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Jetty9App {

    private static final Logger LOG = LoggerFactory.getLogger(Jetty9App.class);

    private Jetty9App() {
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
        LOG.info("jetty9-javax-app listening on port {}", port);
        server.join();
    }

    /** Registers the endpoints while the context starts, when Jetty allows programmatic registration. */
    private static final class EndpointRegistration implements ServletContextListener {

        @Override
        public void contextInitialized(ServletContextEvent event) {
            JavaxEndpoints.register(event.getServletContext(), new MdcServlet());
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
        }
    }
}
