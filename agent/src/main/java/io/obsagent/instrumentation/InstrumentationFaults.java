package io.obsagent.instrumentation;

import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.metrics.AgentSelfMetrics;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

import java.util.concurrent.atomic.AtomicInteger;

/** Byte Buddy's failures to transform a class: counted, and the first few logged. The class then simply stays as it was. */
public final class InstrumentationFaults extends AgentBuilder.Listener.Adapter {

    private static final int LOGGED = 10;

    private final AgentSelfMetrics metrics;
    private final EventWriter events;
    private final AtomicInteger logged = new AtomicInteger();

    public InstrumentationFaults(AgentSelfMetrics metrics, EventWriter events) {
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
        metrics.error("instrumentation");
        if (logged.incrementAndGet() <= LOGGED) {
            events.emit(AgentEvents.error("instrumentation", "could not instrument " + typeName + ": " + throwable));
        }
    }
}
