package io.obsagent;

import io.obsagent.bridge.Bridge;
import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.config.ServiceIdentity;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.metrics.AgentSelfMetrics;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.readiness.AppState;
import io.obsagent.core.readiness.DataSourceRegistry;
import io.obsagent.core.request.RequestIds;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.RouteLimiter;
import io.obsagent.core.request.Routes;
import io.obsagent.instrumentation.HookDispatcher;
import io.obsagent.instrumentation.InstrumentationFaults;
import io.obsagent.instrumentation.Installer;
import io.obsagent.instrumentation.Instrumentations;
import io.obsagent.instrumentation.TypeInstrumentation;
import io.obsagent.instrumentation.logging.AppLogsJson;
import io.obsagent.instrumentation.logging.JsonConsoleInstrumentation;
import io.obsagent.instrumentation.logging.MdcBinding;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the agent together. On the premain thread only what must be in place before the application's
 * first class loads; everything slower (building Byte Buddy, reading jars, binding the side server) runs
 * on a daemon thread.
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
        String service = config.get(Settings.SERVICE_NAME);
        EventWriter events = EventWriter.start(service, config.get(Settings.LOG_LEVEL),
                config.get(Settings.LOG_TARGET), System.out, System.err);
        for (ConfigProblem problem : config.problems()) {
            events.emit(AgentEvents.configError(problem));
        }
        Runtime.getRuntime().addShutdownHook(daemon("obs-agent-exit", () -> events.flush(EXIT_FLUSH_MILLIS)));

        PrometheusRegistry registry = new PrometheusRegistry();
        AgentSelfMetrics self = new AgentSelfMetrics(registry, agentVersion(), service, events::dropped);
        RequestTracker tracker = new RequestTracker(new RequestIds(config.get(Settings.REQUEST_ID_MAX_LENGTH)),
                new Routes(new RouteLimiter(config.get(Settings.ENDPOINT_LIMIT))),
                new HttpMetrics(registry, config.get(Settings.BUCKETS)), events, config.get(Settings.ACCESS_LOG),
                new MdcBinding());
        AppState appState = new AppState();
        DataSourceRegistry dataSources = new DataSourceRegistry();
        Bridge.register(new HookDispatcher(config.get(Settings.REQUEST_ID_HEADER), tracker, appState, dataSources,
                self, events, new AppLogsJson(events, self)));
        Installer installer = Installer.register(inst, instrumentations(config), Instrumentations.jdkTypes());

        daemon("obs-agent-start", () -> {
            installer.build(new InstrumentationFaults(self, events));
            announce(config, events);
        }).start();
    }

    /** Everything always instrumented, and the application's console appenders only when app_logs.json asks for it. */
    private static List<TypeInstrumentation> instrumentations(AgentConfig config) {
        List<TypeInstrumentation> all = new ArrayList<TypeInstrumentation>(Instrumentations.all());
        if (config.get(Settings.APP_LOGS_JSON)) {
            all.add(new JsonConsoleInstrumentation());
        }
        return all;
    }

    private static void announce(AgentConfig config, EventWriter events) {
        try {
            AgentConfig effective = withServiceVersion(config);
            String server = config.get(Settings.SERVER_ENABLED)
                    ? config.get(Settings.SERVER_HOST) + ":" + config.get(Settings.SERVER_PORT) : "disabled";
            events.emit(AgentEvents.started(effective.get(Settings.SERVICE_VERSION), agentVersion(),
                    config.get(Settings.ENVIRONMENT), server, effective.describe()));
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
