package io.obsagent;

import io.obsagent.bridge.Bridge;
import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.config.ServiceIdentity;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.metrics.AgentSelfMetrics;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.metrics.JvmMetricsRegistration;
import io.obsagent.core.readiness.AppCheck;
import io.obsagent.core.readiness.AppState;
import io.obsagent.core.readiness.ConfiguredChecks;
import io.obsagent.core.readiness.DataSourceRegistry;
import io.obsagent.core.readiness.DatabaseCheck;
import io.obsagent.core.readiness.ReadinessChecks;
import io.obsagent.core.readiness.ReadyCheck;
import io.obsagent.core.request.RequestIds;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.RouteLimiter;
import io.obsagent.core.request.Routes;
import io.obsagent.core.threads.AgentThreads;
import io.obsagent.instrumentation.HookDispatcher;
import io.obsagent.instrumentation.InstrumentationFaults;
import io.obsagent.instrumentation.Installer;
import io.obsagent.instrumentation.Instrumentations;
import io.obsagent.instrumentation.logging.MdcBinding;
import io.obsagent.server.ServiceInfo;
import io.obsagent.server.SideServer;
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
        Runtime.getRuntime().addShutdownHook(AgentThreads.daemon("obs-agent-exit", () -> events.flush(EXIT_FLUSH_MILLIS)));

        PrometheusRegistry registry = new PrometheusRegistry();
        AgentSelfMetrics self = new AgentSelfMetrics(registry, agentVersion(), service, events::dropped);
        RequestTracker tracker = new RequestTracker(new RequestIds(config.get(Settings.REQUEST_ID_MAX_LENGTH)),
                new Routes(new RouteLimiter(config.get(Settings.ENDPOINT_LIMIT))),
                new HttpMetrics(registry, config.get(Settings.BUCKETS)), events, config.get(Settings.ACCESS_LOG),
                new MdcBinding());
        AppState appState = new AppState();
        DataSourceRegistry dataSources = new DataSourceRegistry();
        AgentFaults faults = new AgentFaults(self, events);
        Bridge.register(new HookDispatcher(config.get(Settings.REQUEST_ID_HEADER), tracker, appState, dataSources,
                faults));
        Installer installer = Installer.register(inst, Instrumentations.all(), Instrumentations.jdkTypes());

        AgentThreads.daemon("obs-agent-start", () -> {
            try {
                installer.build(new InstrumentationFaults(self, events));
                AgentConfig effective = withServiceVersion(config);
                SideServer server = startServer(effective, registry, appState, dataSources, faults);
                announce(effective, events, serverField(effective, server));
                if (server != null) {
                    JvmMetricsRegistration.registerOnceAppStarted(registry, appState, faults);
                }
            } catch (Throwable t) {
                faults.report("start", t);
            }
        }).start();
    }

    /**
     * The side server, or {@code null} when it is disabled or cannot start (port taken): the application
     * runs on without it.
     */
    private static SideServer startServer(AgentConfig config, PrometheusRegistry registry, AppState appState,
                                          DataSourceRegistry dataSources, AgentFaults faults) {
        if (!config.get(Settings.SERVER_ENABLED)) {
            return null;
        }
        String host = config.get(Settings.SERVER_HOST);
        int port = config.get(Settings.SERVER_PORT);
        try {
            if (ServerStartGate.mustWaitForContainer(System.getProperty("java.specification.version"),
                    System.getProperty("sun.java.command"))) {
                appState.awaitContainerStart(JvmMetricsRegistration.MAX_WAIT_MILLIS);
            }
            SideServer server = SideServer.bind(host, port, faults);
            List<ReadyCheck> checks = new ArrayList<ReadyCheck>();
            checks.add(new AppCheck(appState, server.port()));
            checks.add(new DatabaseCheck(dataSources));
            checks.addAll(ConfiguredChecks.from(config.get(Settings.READY_CHECKS)));
            server.start(new ServiceInfo(config.get(Settings.SERVICE_NAME), config.get(Settings.SERVICE_VERSION),
                    agentVersion()), config.get(Settings.SERVER_AUTH), registry, ReadinessChecks.of(checks), faults);
            return server;
        } catch (Throwable t) {
            faults.report("server", "side server not started on " + host + ":" + port + ": " + t);
            return null;
        }
    }

    /** {@code server} of {@code agent_started}: the bound address, with the real port when 0 was asked for. */
    private static String serverField(AgentConfig config, SideServer server) {
        if (!config.get(Settings.SERVER_ENABLED)) {
            return "disabled";
        }
        return server == null ? "unavailable" : server.address();
    }

    private static void announce(AgentConfig effective, EventWriter events, String server) {
        try {
            events.emit(AgentEvents.started(effective.get(Settings.SERVICE_VERSION), agentVersion(),
                    effective.get(Settings.ENVIRONMENT), server, effective.describe()));
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
}
