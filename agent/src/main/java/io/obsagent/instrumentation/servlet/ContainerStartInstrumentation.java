package io.obsagent.instrumentation.servlet;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeAndMethod;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Signals that a servlet container has started a web application, for readiness: the standard
 * start-up callbacks of both namespaces, and the context start of the containers we know by name
 * (which covers applications that have no filter, listener or eagerly loaded servlet).
 */
public final class ContainerStartInstrumentation implements TypeInstrumentation {

    private static final String ON_STARTUP = "onStartup";
    private static final String CONTEXT_INITIALIZED = "contextInitialized";

    private static final String[] CONTEXT_STARTS = {
            "org.apache.catalina.core.StandardContext#startInternal",
            "org.eclipse.jetty.server.handler.ContextHandler#startContext",
            "org.eclipse.jetty.ee8.nested.ContextHandler#startContext",
            "org.eclipse.jetty.ee9.nested.ContextHandler#startContext",
            "org.eclipse.jetty.ee10.servlet.ServletContextHandler#startContext",
            "org.eclipse.jetty.ee11.servlet.ServletContextHandler#startContext",
            "io.undertow.servlet.core.DeploymentManagerImpl#start",
    };

    @Override
    public List<String> typeNames() {
        return TypeAndMethod.types(CONTEXT_STARTS);
    }

    /** The descriptors of {@code ServletContainerInitializer.onStartup} and {@code ServletContextListener.contextInitialized}. */
    @Override
    public List<String> classFileMarkers() {
        return Arrays.asList("Ljava/util/Set;Ljavax/servlet/ServletContext;)V", "Ljava/util/Set;Ljakarta/servlet/ServletContext;)V",
                "Ljavax/servlet/ServletContextEvent;)V", "Ljakarta/servlet/ServletContextEvent;)V");
    }

    @Override
    public List<String> advisedMethodNames() {
        return Arrays.asList(ON_STARTUP, CONTEXT_INITIALIZED);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        String advice = ContainerStartAdvice.class.getName();
        AgentBuilder b = builder
                .type(not(isInterface()).and(hasSuperType(namedOneOf("javax.servlet.ServletContainerInitializer",
                        "jakarta.servlet.ServletContainerInitializer"))))
                .transform(advices.advise(named(ON_STARTUP).and(takesArguments(2)).and(not(isAbstract())), advice))
                .type(not(isInterface()).and(hasSuperType(namedOneOf("javax.servlet.ServletContextListener",
                        "jakarta.servlet.ServletContextListener"))))
                .transform(advices.advise(named(CONTEXT_INITIALIZED).and(takesArguments(1)).and(not(isAbstract())), advice));
        for (String start : CONTEXT_STARTS) {
            String[] typeAndMethod = start.split("#");
            b = b.type(named(typeAndMethod[0]))
                    .transform(advices.advise(named(typeAndMethod[1]).and(takesArguments(0)), advice));
        }
        return b;
    }
}
