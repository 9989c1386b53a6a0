package io.obsagent;

import io.obsagent.bridge.Bridge;
import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.config.ServiceIdentity;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.metrics.rules.MetricRules;
import io.obsagent.instrumentation.Installer;
import io.obsagent.instrumentation.InstrumentationFaults;
import io.obsagent.instrumentation.Instrumentations;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the agent together. On the premain thread only what must be in place before the application's
 * first class loads: the configuration, the event writer and the class file filter. Everything slower
 * (the metrics registry, building Byte Buddy, reading jars, the side server) runs on a daemon thread;
 * no request can be instrumented before that thread has built Byte Buddy, so nothing is missed.
 */
final class AgentRuntime {

    private static final long EXIT_FLUSH_MILLIS = 150;

    private AgentRuntime() {
    }

    static void start(String args, Instrumentation inst) {
        if (Bridge.class.getClassLoader() != null) {
            throw new IllegalStateException("the bridge is not on the bootstrap class path");
        }
        if (!Bridge.claim()) {
            StartupFailure.report("premain", new IllegalStateException(
                    "obs-agent is attached more than once; this copy stays inert"));
            return;
        }
        AgentConfig config = withServiceName(ConfigLoader.load(args));
        EventWriter events = EventWriter.start(config.get(Settings.SERVICE_NAME), config.get(Settings.LOG_LEVEL),
                config.get(Settings.LOG_TARGET), System.out, System.err);
        for (ConfigProblem problem : config.problems()) {
            events.emit(AgentEvents.configError(problem));
        }
        Runtime.getRuntime().addShutdownHook(daemon("obs-agent-exit", () -> events.flush(EXIT_FLUSH_MILLIS)));
        MetricRules rules = metricRules(config, events);
        Installer installer = Installer.register(inst, Instrumentations.all(config, rules), Instrumentations.jdkTypes());

        daemon("obs-agent-start", () -> {
            try {
                AgentCore core = AgentCore.wire(config, events, rules);
                installer.build(new InstrumentationFaults(core.selfMetrics, events));
                announce(config, events);
            } catch (Throwable t) {
                installer.abandon();
                events.emit(AgentEvents.error("start", String.valueOf(t)));
            }
        }).start();
    }

    /** The business-metric rules: read here because the classes they name must pass the class file filter. */
    private static MetricRules metricRules(AgentConfig config, EventWriter events) {
        List<ConfigProblem> problems = new ArrayList<ConfigProblem>();
        MetricRules rules = MetricRules.parse(config.family(Settings.RULES_PREFIX), problems);
        for (ConfigProblem problem : problems) {
            events.emit(AgentEvents.configError(problem));
        }
        return rules;
    }

    private static void announce(AgentConfig config, EventWriter events) {
        AgentConfig effective = withServiceVersion(config);
        String server = config.get(Settings.SERVER_ENABLED)
                ? config.get(Settings.SERVER_HOST) + ":" + config.get(Settings.SERVER_PORT) : "disabled";
        events.emit(AgentEvents.started(effective.get(Settings.SERVICE_VERSION), agentVersion(),
                config.get(Settings.ENVIRONMENT), server, effective.describe()));
    }

    private static AgentConfig withServiceName(AgentConfig config) {
        if (config.get(Settings.SERVICE_NAME) != null) {
            return config;
        }
        return config.with(Settings.SERVICE_NAME,
                ServiceIdentity.name(System.getenv(), System.getProperty("sun.java.command")));
    }

    private static AgentConfig withServiceVersion(AgentConfig config) {
        if (config.get(Settings.SERVICE_VERSION) != null) {
            return config;
        }
        return config.with(Settings.SERVICE_VERSION, ServiceIdentity.version(System.getProperty("sun.java.command")));
    }

    static String agentVersion() {
        String version = AgentRuntime.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
