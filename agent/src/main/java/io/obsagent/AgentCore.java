package io.obsagent;

import io.obsagent.bridge.AppLogs;
import io.obsagent.bridge.Faults;
import io.obsagent.bridge.Hops;
import io.obsagent.bridge.Outgoing;
import io.obsagent.bridge.Readiness;
import io.obsagent.bridge.Requests;
import io.obsagent.bridge.Responses;
import io.obsagent.bridge.Rules;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.client.ClientMetrics;
import io.obsagent.core.client.OutgoingCalls;
import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.metrics.AgentSelfMetrics;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.metrics.LabelLimit;
import io.obsagent.core.metrics.rules.MetricRules;
import io.obsagent.core.metrics.rules.RuleMetrics;
import io.obsagent.core.readiness.AppState;
import io.obsagent.core.readiness.DataSourceRegistry;
import io.obsagent.core.readiness.ReadinessReports;
import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.request.RequestIds;
import io.obsagent.core.request.RequestRecorder;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.ThreadHops;
import io.obsagent.core.request.Routes;
import io.obsagent.core.response.SecurityHeaders;
import io.obsagent.instrumentation.logging.AppLogsJson;
import io.obsagent.instrumentation.logging.MdcBinding;
import io.obsagent.instrumentation.servlet.AsyncCompletion;
import io.obsagent.instrumentation.servlet.ServletRequests;
import io.obsagent.instrumentation.servlet.ServletResponses;
import io.obsagent.instrumentation.spring.SpringMvcAttributes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The core objects of one agent, wired together and registered behind the bridge, one concern at a time. */
final class AgentCore {

    /** Attributes frameworks leave on the request: read by the generic servlet advice, named here. */
    private static final String[] ROUTE_ATTRIBUTES = {SpringMvcAttributes.ROUTE};
    private static final String[] ERROR_ATTRIBUTES = {SpringMvcAttributes.ERROR};
    /** Where a line that could not be written as JSON is counted (the library's text line was written instead). */
    private static final String APP_LOGS_FORMAT = "app_logs.format";

    final PrometheusRegistry registry = new PrometheusRegistry();
    final AgentSelfMetrics selfMetrics;
    final AgentFaults faults;
    final AppState appState = new AppState();
    final DataSourceRegistry dataSources = new DataSourceRegistry();
    final RequestTracker tracker;

    private AgentCore(AgentConfig config, EventWriter events, MetricRules rules) {
        String service = config.get(Settings.SERVICE_NAME);
        selfMetrics = new AgentSelfMetrics(registry, AgentRuntime.agentVersion(), service, events::dropped);
        faults = new AgentFaults(selfMetrics, events);
        Faults.register(faults);

        String idHeader = config.get(Settings.REQUEST_ID_HEADER);
        RequestRecorder recorder = new RequestRecorder(new Routes(new LabelLimit(config.get(Settings.ENDPOINT_LIMIT))),
                new HttpMetrics(registry, config.get(Settings.BUCKETS)), events, config.get(Settings.ACCESS_LOG));
        CurrentRequest current = new CurrentRequest(new MdcBinding());
        tracker = new RequestTracker(new RequestIds(config.get(Settings.REQUEST_ID_MAX_LENGTH)),
                current, recorder, new AsyncCompletion(faults, ERROR_ATTRIBUTES),
                config.get(Settings.INJECT_FAULT));
        RuleMetrics ruleMetrics = ruleMetrics(config, events, rules);
        recorder.afterFirstRequest(ruleMetrics::requestServed);
        Requests.register(new ServletRequests(idHeader, tracker, ROUTE_ATTRIBUTES, ERROR_ATTRIBUTES));

        SecurityHeaders securityHeaders = config.get(Settings.SECURITY_HEADERS)
                ? new SecurityHeaders(config.family(Settings.SECURITY_HEADER_PREFIX), config.get(Settings.TRUST_FORWARDED))
                : null;
        Responses.register(new ServletResponses(idHeader, securityHeaders, config.get(Settings.ERRORS_JSON)));
        Readiness.register(new ReadinessReports(appState, dataSources));
        Rules.register(ruleMetrics);
        AppLogs.register(new AppLogsJson(events, selfMetrics, new AppLogFormat(service,
                config.get(Settings.APP_LOGS_FORMAT), current, fault -> faults.adviceFailed(APP_LOGS_FORMAT, fault))));
        Hops.register(new ThreadHops(tracker.current()));
        Outgoing.register(new OutgoingCalls(tracker.current(), idHeader, config.get(Settings.PROPAGATION_REQUEST_ID),
                config.get(Settings.PROPAGATION_EXCLUDE_HOSTS),
                new ClientMetrics(registry, config.get(Settings.BUCKETS), config.get(Settings.CLIENT_HOST_LIMIT))));
    }

    /**
     * Registered after the HTTP and self metrics, so that the registry refuses a rule that takes one of their
     * names (the JVM metrics, registered later, are kept safe by the names the rule parser reserves). Its problems,
     * now and when the first request has been served (rules that matched nothing), are configuration errors.
     */
    private RuleMetrics ruleMetrics(AgentConfig config, final EventWriter events, MetricRules rules) {
        return RuleMetrics.register(rules, registry, config.get(Settings.BUCKETS),
                problem -> events.emit(problem.event()));
    }

    /** Builds the core and registers it with the bridge: from here on, advice reaches it. */
    static AgentCore wire(AgentConfig config, EventWriter events, MetricRules rules) {
        return new AgentCore(config, events, rules);
    }
}
