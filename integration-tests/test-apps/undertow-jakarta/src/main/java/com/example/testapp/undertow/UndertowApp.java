package com.example.testapp.undertow;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;

import com.example.testapp.jakarta.JakartaEndpoints;
import com.example.testapp.jakarta.ServerPort;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.api.ServletStackTraces;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class UndertowApp {

    private static final Logger LOG = LoggerFactory.getLogger(UndertowApp.class);

    private UndertowApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = ServerPort.resolve(args);
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowApp.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("undertow-jakarta")
                .setServletStackTraces(stackTraces())
                .addServletContainerInitializer(new ServletContainerInitializerInfo(EndpointRegistration.class,
                        new ImmediateInstanceFactory<>(new EndpointRegistration()), Collections.emptySet()));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder()
                .addHttpListener(port, "0.0.0.0")
                .setHandler(manager.start())
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, manager), "undertow-app-shutdown"));
        LOG.info("undertow-jakarta-app listening on port {}", port);
    }

    /**
     * UNDERTOW_STACK_TRACES=none|local_only|all; Undertow's default, local_only, answers an escaping exception
     * with its debug page to a client on this host, and with a plain error page to any other.
     */
    private static ServletStackTraces stackTraces() {
        String configured = System.getenv("UNDERTOW_STACK_TRACES");
        return configured == null || configured.trim().isEmpty() ? ServletStackTraces.LOCAL_ONLY
                : ServletStackTraces.valueOf(configured.trim().toUpperCase(Locale.ROOT));
    }

    private static void stop(Undertow server, DeploymentManager manager) {
        server.stop();
        try {
            manager.stop();
            manager.undeploy();
        } catch (Exception e) {
            LOG.warn("undertow did not stop cleanly", e);
        }
    }

    /** Registers the endpoints while the deployment starts, through the portable ServletContext API. */
    private static final class EndpointRegistration implements ServletContainerInitializer {

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            JakartaEndpoints.register(context, new MdcServlet());
        }
    }
}
