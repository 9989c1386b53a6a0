package io.obsagent;

import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.config.ServiceIdentity;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wires the agent together. On the premain thread only what must be in place before the application's
 * first class loads; everything slower (reading jars, binding the side server) runs on a daemon thread.
 */
final class AgentRuntime {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final long EXIT_FLUSH_MILLIS = 150;

    private AgentRuntime() {
    }

    static void start(String args, Instrumentation inst) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        AgentConfig config = withServiceName(ConfigLoader.load(args));
        EventWriter events = EventWriter.start(config.get(Settings.SERVICE_NAME), config.get(Settings.LOG_LEVEL),
                config.get(Settings.LOG_TARGET), System.out, System.err);
        for (ConfigProblem problem : config.problems()) {
            events.emit(AgentEvents.configError(problem));
        }
        Runtime.getRuntime().addShutdownHook(daemon("obs-agent-exit", () -> events.flush(EXIT_FLUSH_MILLIS)));
        daemon("obs-agent-start", () -> finishStart(config, events)).start();
    }

    private static void finishStart(AgentConfig config, EventWriter events) {
        try {
            AgentConfig effective = withServiceVersion(config);
            String version = effective.get(Settings.SERVICE_VERSION);
            String server = config.get(Settings.SERVER_ENABLED)
                    ? config.get(Settings.SERVER_HOST) + ":" + config.get(Settings.SERVER_PORT) : "disabled";
            events.emit(AgentEvents.started(version, agentVersion(), config.get(Settings.ENVIRONMENT), server,
                    effective.describe()));
        } catch (Throwable t) {
            events.emit(AgentEvents.error("start", String.valueOf(t)));
        }
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
