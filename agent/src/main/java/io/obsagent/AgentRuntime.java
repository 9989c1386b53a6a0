package io.obsagent;

import io.obsagent.bridge.FirstCopy;
import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.config.ServiceIdentity;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.JvmMetricsRegistration;
import io.obsagent.core.metrics.ReadinessMetrics;
import io.obsagent.core.metrics.rules.MetricRules;
import io.obsagent.core.readiness.AppCheck;
import io.obsagent.core.readiness.ConfiguredChecks;
import io.obsagent.core.readiness.DatabaseCheck;
import io.obsagent.core.readiness.ReadinessChecks;
import io.obsagent.core.readiness.ReadyCheck;
import io.obsagent.core.threads.AgentThreads;
import io.obsagent.instrumentation.Installer;
import io.obsagent.instrumentation.InstrumentationFaults;
import io.obsagent.server.ServiceInfo;
import io.obsagent.server.SideServer;

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

    /** How long after the container's start the type descriptions parsed for start-up are kept. */
    private static final long STARTUP_SETTLE_MILLIS = 10_000;

    private AgentRuntime() {
    }

    static void start(String args, Instrumentation inst, long bridgeNanos) {
        StartupPhases phases = new StartupPhases(bridgeNanos);
        if (FirstCopy.class.getClassLoader() != null) {
            throw new IllegalStateException("the bridge is not on the bootstrap class path");
        }
        AgentConfig config = withServiceName(ConfigLoader.load(args));
        if (!FirstCopy.claim()) {
            StartupFailure.inert(config.get(Settings.SERVICE_NAME), "obs-agent is attached more than once"
                    + " (two -javaagent options name it): this copy stays inert, the first one runs");
            return;
        }
        EventWriter events = EventWriter.start(config.get(Settings.SERVICE_NAME), config.get(Settings.LOG_LEVEL),
                config.get(Settings.LOG_TARGET), System.out, System.err);
        for (ConfigProblem problem : config.problems()) {
            events.emit(problem.event());
        }
        AgentExit exit = new AgentExit(events);
        Runtime.getRuntime().addShutdownHook(AgentThreads.daemon("obs-agent-exit", exit));
        MetricRules rules = metricRules(config, events);
        phases.ended("config");
        Installer installer = Installer.register(inst, AgentInstrumentations.all(config, rules),
                AgentInstrumentations.lateJdkTypes(config));
        phases.ended("filter_registered");

        AgentThreads.daemon("obs-agent-start", () -> {
            AgentCore core;
            InstrumentationFaults faults;
            try {
                core = AgentCore.wire(config, events, rules);
                phases.ended("core");
                faults = new InstrumentationFaults(core.selfMetrics, events);
                installer.build(faults);
                phases.ended("byte_buddy");
            } catch (Throwable t) {
                installer.abandon();
                events.emit(AgentEvents.error("start", String.valueOf(t)));
                return;
            }
            try {
                // Classes loaded before Byte Buddy was ready; a failure here leaves the classes loaded since instrumented.
                phases.count("retransformed", installer.retransformLoadedCandidates(faults));
                phases.ended("retransform");
            } catch (Throwable t) {
                core.faults.report("retransform", t);
            }
            try {
                AgentConfig effective = withServiceVersion(config);
                SideServer server = startServer(effective, core);
                phases.ended("side_server");
                events.emit(AgentEvents.started(effective.get(Settings.SERVICE_VERSION), agentVersion(),
                        effective.get(Settings.ENVIRONMENT), serverField(effective, server), effective.describe()));
                if (server != null) {
                    exit.serverStarted(server);
                    JvmMetricsRegistration.registerOnFirstScrape(core.registry, core.appState, core.faults);
                }
                boolean debug = events.isEnabled(Level.DEBUG);
                if (debug) {
                    phases.startThreadDone();
                }
                core.appState.awaitContainerStart(JvmMetricsRegistration.MAX_WAIT_MILLIS);
                if (debug) {
                    events.emit(phases.withFilterTotals(installer.filterTotals()));
                }
                // A framework goes on loading classes for a while after its container started (Spring Boot's beans).
                Thread.sleep(STARTUP_SETTLE_MILLIS);
                installer.startupOver();
            } catch (Throwable t) {
                core.faults.report("start", t);
            }
        }).start();
    }

    /** The business-metric rules: read here because the classes they name must pass the class file filter. */
    private static MetricRules metricRules(AgentConfig config, EventWriter events) {
        List<ConfigProblem> problems = new ArrayList<ConfigProblem>();
        MetricRules rules = MetricRules.parse(config.family(Settings.RULES_PREFIX), problems);
        for (ConfigProblem problem : problems) {
            events.emit(problem.event());
        }
        return rules;
    }

    /**
     * The side server, or {@code null} when it is disabled or cannot start (port taken): the application
     * runs on without it.
     */
    private static SideServer startServer(AgentConfig config, AgentCore core) {
        if (!config.get(Settings.SERVER_ENABLED)) {
            return null;
        }
        String host = config.get(Settings.SERVER_HOST);
        int port = config.get(Settings.SERVER_PORT);
        try {
            if (ServerStartGate.mustWaitForContainer(System.getProperty("java.specification.version"),
                    System.getProperty("sun.java.command"))) {
                core.appState.awaitContainerStart(JvmMetricsRegistration.MAX_WAIT_MILLIS);
            }
            SideServer server = SideServer.bind(host, port, core.faults);
            List<ReadyCheck> checks = new ArrayList<ReadyCheck>();
            checks.add(new AppCheck(core.appState, server.port()));
            checks.add(new DatabaseCheck(core.dataSources));
            checks.addAll(ConfiguredChecks.from(config.get(Settings.READY_CHECKS)));
            ReadinessChecks readiness = ReadinessChecks.of(checks);
            ReadinessMetrics.register(core.registry, readiness);
            server.start(new ServiceInfo(config.get(Settings.SERVICE_NAME), config.get(Settings.SERVICE_VERSION),
                    agentVersion()), config.get(Settings.SERVER_AUTH), core.registry, readiness, core.faults);
            return server;
        } catch (Throwable t) {
            core.faults.report("server", "side server not started on " + host + ":" + port + ": " + t);
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

    private static AgentConfig withServiceName(AgentConfig config) {
        if (config.get(Settings.SERVICE_NAME) != null) {
            return config;
        }
        return config.with(Settings.SERVICE_NAME,
                ServiceIdentity.name(System.getenv(), System.getProperty("sun.java.command"), System.getProperties()));
    }

    private static AgentConfig withServiceVersion(AgentConfig config) {
        if (config.get(Settings.SERVICE_VERSION) != null) {
            return config;
        }
        return config.with(Settings.SERVICE_VERSION, ServiceIdentity.version(System.getProperty("sun.java.command"),
                System.getProperties()));
    }

    static String agentVersion() {
        String version = AgentRuntime.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
