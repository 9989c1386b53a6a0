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
 * The JDK classes every servlet container's connector binds through (NIO, NIO.2 and classic sockets), so
 * readiness learns the application's port without knowing the container.
 */
public final class ServerSocketInstrumentation implements TypeInstrumentation {

    public static final String[] TYPES = {"sun.nio.ch.ServerSocketChannelImpl", "sun.nio.ch.AsynchronousServerSocketChannelImpl",
            "java.net.ServerSocket"};

    @Override
    public List<String> classFileMarkers() {
        return Arrays.asList("sun/nio/ch/ServerSocketChannelImpl", "sun/nio/ch/AsynchronousServerSocketChannelImpl",
                "java/net/ServerSocket");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(namedOneOf(TYPES))
                .transform(advices.advise(named("bind").and(takesArguments(2))
                        .and(takesArgument(0, named("java.net.SocketAddress"))), SocketBindAdvice.class.getName()));
    }
}
