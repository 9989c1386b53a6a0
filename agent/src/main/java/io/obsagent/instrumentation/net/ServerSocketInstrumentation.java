package io.obsagent.instrumentation.net;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The JDK channels every servlet container's HTTP connector binds through (NIO and NIO.2), so readiness learns
 * the application's ports without knowing the container. Classic {@code java.net.ServerSocket} is left out on
 * purpose: that is how Tomcat's shutdown port, RMI/JMX and transaction recovery listen, and a probe connecting
 * to Tomcat's shutdown port makes it log a warning every time.
 */
public final class ServerSocketInstrumentation implements TypeInstrumentation {

    public static final String[] TYPES = {"sun.nio.ch.ServerSocketChannelImpl", "sun.nio.ch.AsynchronousServerSocketChannelImpl"};

    @Override
    public List<String> typeNames() {
        return Arrays.asList(TYPES);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(namedOneOf(TYPES))
                .transform(advices.advise(named("bind").and(takesArguments(2))
                        .and(takesArgument(0, named("java.net.SocketAddress"))), SocketBindAdvice.class.getName()));
    }
}
