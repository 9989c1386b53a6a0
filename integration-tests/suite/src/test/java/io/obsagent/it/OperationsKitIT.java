package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operations kit (scripts/ops) against the real thing: two sample-app replicas with the agent (one started
 * exactly as the kit's Kubernetes Deployment starts it, through JAVA_TOOL_OPTIONS and OBS_* variables), a real
 * Prometheus loading the kit's rule files and scraping both every second, traffic with 4xx and 5xx. Every query
 * of the Grafana dashboard runs; those on data the traffic makes return data; aggregates across the replicas add
 * up to the traffic sent; induced faults (failing requests, a dependency going away, a replica stopped) make the
 * matching alert expressions true, and a healthy service leaves the others quiet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsKitIT {

    private static final String JOB = "task-api";
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final Duration TRAFFIC = Duration.ofSeconds(16);
    private static final int REQUESTS_PER_SECOND = 40;
    /** What Grafana makes of $__rate_interval at a 1 s scrape interval is 4 s; wider, for steadier rates. */
    private static final String RATE_INTERVAL = "10s";
    /** One round of requests per replica: 7 of 10 answered 200, one 404, one 500 (an unsupported export format). */
    private static final List<String> ROUND = List.of("/api/v1/tasks", "/api/v1/tasks", "/api/v1/tasks", "/api/v1/tasks",
            "/api/v1/tasks", "/api/v1/tasks", "/api/v1/tasks/1", "/api/v1/tasks", "/api/v1/tasks/999999",
            "/api/v1/tasks/1/export?format=bogus");
    /** Metrics this traffic does not make: the sample app calls nothing outside, and the agent has no fault. */
    private static final List<String> NOT_MADE_HERE = List.of("http_client_", "obs_agent_errors_total");

    private final OperationsKit kit = OperationsKit.inTree();
    private ServerSocket upstream;
    private Thread upstreamAcceptor;
    private AppProcess fromManifest;
    private AppProcess withDependency;
    private int fromManifestSide;
    private int withDependencySide;
    private PrometheusServer prometheus;

    @BeforeAll
    void start() throws IOException {
        Path binary = SideServerIT.executable("prometheus");
        assumeTrue(binary != null, "prometheus is not installed (Debian package 'prometheus'); scripts/test.sh installs it");
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        upstreamAcceptor = new Thread(this::acceptUpstream, "upstream-acceptor");
        upstreamAcceptor.setDaemon(true);
        upstreamAcceptor.start();
        fromManifestSide = AppProcessBuilder.freePort();
        do {
            withDependencySide = AppProcessBuilder.freePort();
        } while (withDependencySide == fromManifestSide);

        AppProcessBuilder manifest = AppProcess.builder(Apps.sampleApp()).testName("OperationsKitIT-from-manifest");
        kit.deploymentEnvironment(Apps.agentJar()).forEach(manifest::env);
        fromManifest = manifest.env("OBS_SERVER_PORT", String.valueOf(fromManifestSide))
                .env("OBS_CONFIG_FILE", kit.sampleAppConfig().toString()).start();
        withDependency = AppProcess.builder(Apps.sampleApp()).testName("OperationsKitIT-with-dependency")
                .withAgent("service.name=" + JOB + ",server.port=" + withDependencySide + ",config.file=" + kit.sampleAppConfig()
                        + ",ready.checks=upstream=tcp://127.0.0.1:" + upstream.getLocalPort())
                .start();
        fromManifest.awaitReady();
        withDependency.awaitReady();

        prometheus = PrometheusServer.start(binary, prometheusConfig(),
                Path.of(System.getProperty("it.work.dir", "target/it-work")));
        prometheus.awaitQuery("up{job=\"" + JOB + "\"} == 1", r -> r.size() == 2, DEADLINE);
        JsonNode groups = prometheus.api("/api/v1/rules").path("groups");
        assertThat(groups.size()).as("rule groups loaded from %s", kit.ruleFiles()).isEqualTo(kit.ruleGroupCount());
    }

    @AfterAll
    void stop() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        for (AppProcess app : new AppProcess[]{fromManifest, withDependency}) {
            if (app != null) {
                app.close();
            }
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    /** The Deployment's probes and Prometheus annotations name what the agent serves, on its default port. */
    @Test
    @Order(1)
    void theManifestsProbeAndScrapeWhatTheAgentServes() {
        int port = kit.agentDefaultSidePort();
        assertThat(kit.metricsContainerPort()).as("the container port named metrics").isEqualTo(port);
        assertThat(kit.podAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(port));
        assertThat(kit.serviceMetricsPort()).as("the Service's metrics port and target").containsExactly(port, "metrics");
        assertThat(kit.monitorEndpoints()).as("ServiceMonitor and PodMonitor endpoints")
                .containsExactly(Map.of("port", "metrics", "path", kit.podAnnotations().get("prometheus.io/path")),
                        Map.of("port", "metrics", "path", kit.podAnnotations().get("prometheus.io/path")));
        assertThat(kit.podDiscoveryAnnotationLabels()).as("annotations the pod discovery config reads")
                .containsExactlyInAnyOrderElementsOf(kit.podAnnotations().keySet().stream().map(OperationsKit::annotationLabel).toList());
        assertThat(kit.dockerfile()).contains("EXPOSE " + port, "OBS_SERVER_PORT=" + port,
                "JAVA_TOOL_OPTIONS=\"-javaagent:" + kit.deploymentAgentPath() + "\"",
                "--chown=root:root --chmod=0444 obs-agent.jar " + kit.deploymentAgentPath());

        Map<String, String> probes = kit.probePaths();
        assertThat(probes).containsOnlyKeys("startupProbe", "livenessProbe", "readinessProbe");
        assertThat(kit.probePorts()).containsOnly("metrics");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            HttpResult answer = Http.get(side(fromManifest, probe.getValue()));
            assertThat(answer.status()).as("%s %s", probe.getKey(), probe.getValue()).isEqualTo(200);
            assertThat(answer.body()).as("%s %s", probe.getKey(), probe.getValue()).startsWith("{\"status\":\"");
        }
        HttpResult metrics = Http.get(side(fromManifest, kit.podAnnotations().get("prometheus.io/path")));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("obs_agent_info{", "obs_ready 1.0", "task_created_total");
        assertThat(fromManifest.stdoutLines()).anyMatch(line -> line.contains("\"event\":\"agent_started\"")
                && line.contains("\"environment\":\"production\""));
    }

    @Test
    @Order(2)
    void everyDashboardQueryRunsAndShowsTheTrafficOfBothReplicas() throws Exception {
        Map<AppProcess, Double> before = new LinkedHashMap<>();
        for (AppProcess app : replicas()) {
            assertThat(Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"observe me\"}").status()).isEqualTo(201);
            before.put(app, AgentMetrics.scrape(side(app, "/metrics")).sum("http_requests_total", Map.of()));
        }
        Traffic traffic = Traffic.send(replicas(), ROUND, REQUESTS_PER_SECOND, TRAFFIC);
        int total = traffic.statuses().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(traffic.statuses()).containsOnlyKeys(200, 404, 500);
        assertThat(traffic.statuses().get(500)).isCloseTo(total / 10, within(2));

        // The counters Prometheus holds add up, per replica, to what each served.
        for (AppProcess app : replicas()) {
            double expected = before.get(app) + traffic.sent(app);
            prometheus.awaitQuery("sum(http_requests_total{job=\"" + JOB + "\",instance=\"" + instance(app) + "\"}) == " + expected,
                    r -> r.size() == 1, DEADLINE);
        }

        DashboardQueries dashboard = kit.dashboard();
        double end = traffic.endSeconds();
        double start = traffic.startSeconds();
        Map<String, String> all = kit.variables(dashboard, ".+", RATE_INTERVAL, (long) Math.ceil(end - start) + "s");
        List<String> empty = new ArrayList<>();
        List<DashboardQueries.Target> targets = dashboard.targets();
        for (DashboardQueries.Target target : targets) {
            String promql = DashboardQueries.substitute(target.expr(), all);
            List<JsonNode> result = evaluate(promql, target.instant(), start, end);
            if (result.isEmpty()) {
                empty.add(target.panel() + ": " + promql);
                assertThat(NOT_MADE_HERE).as("%s: %s returns no data", target.panel(), promql).anyMatch(promql::contains);
            }
        }
        assertThat(targets).hasSizeGreaterThan(30);
        assertThat(1.0 - (double) empty.size() / targets.size()).as("share of queries with data; empty: %s", empty)
                .isGreaterThanOrEqualTo(0.8);

        // The same queries with one value per variable, as an operator picks them: they all run.
        Map<String, String> picked = new LinkedHashMap<>(all);
        picked.put("job", JOB);
        picked.put("instance", instance(fromManifest));
        picked.put("endpoint", "/api/v1/tasks");
        for (DashboardQueries.Target target : targets) {
            evaluate(DashboardQueries.substitute(target.expr(), picked), target.instant(), start, end);
        }

        for (DashboardQueries.LabelValues variable : dashboard.labelValues()) {
            JsonNode values = prometheus.api("/api/v1/label/" + variable.label() + "/values",
                    "match[]", DashboardQueries.substitute(variable.match(), all),
                    "start", String.valueOf(start), "end", String.valueOf(end));
            assertThat(values.size()).as("values of variable %s", variable.variable()).isPositive();
        }

        // Rates across replicas match the traffic sent over the same window.
        double at = end - 1;
        double window = Double.parseDouble(RATE_INTERVAL.replace("s", ""));
        double sentRate = traffic.completedBetween(at - window, at) / window;
        double rate = instant(kit.panelQuery(dashboard, "Request rate", all), at);
        System.out.printf("OperationsKitIT: %d of %d dashboard queries returned data; sent %.1f requests/s, Prometheus %.1f/s%n",
                targets.size() - empty.size(), targets.size(), sentRate, rate);
        assertThat(rate).as("request rate, both replicas").isCloseTo(sentRate, within(sentRate * 0.15));
        double perInstance = prometheus.api("/api/v1/query", "query", kit.panelQuery(dashboard, "Request rate per instance", all),
                "time", String.valueOf(at)).path("result").findValues("value").stream()
                .mapToDouble(v -> v.path(1).asDouble()).sum();
        assertThat(perInstance).as("sum of the per-instance rates").isCloseTo(sentRate, within(sentRate * 0.15));
        assertThat(instant(kit.panelQuery(dashboard, "Error ratio (5xx)", all), at)).as("5xx ratio")
                .isCloseTo(0.1, within(0.04));

        // 10 % of the requests fail: far beyond both burn rates of a 99.9 % objective.
        for (String alert : List.of("ObsAvailabilityBudgetBurnFast", "ObsAvailabilityBudgetBurnSlow")) {
            List<JsonNode> firing = prometheus.awaitQuery(kit.alertExpr(alert), r -> !r.isEmpty(), DEADLINE);
            assertThat(firing).extracting(s -> PrometheusServer.labels(s).get("job")).as(alert).containsExactly(JOB);
        }
        for (String alert : List.of("ObsLatencyBudgetBurn", "ObsLivenessFailing", "ObsAgentFaults", "ObsEventsDropped",
                "ObsHeapPressure", "ObsEndpointLimitReached", "ObsNotReady", "ObsTargetDown")) {
            assertThat(prometheus.query(kit.alertExpr(alert))).as("%s on a healthy service", alert).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aDependencyGoingAwayMakesTheNotReadyAlertTrue() throws Exception {
        String expr = kit.alertExpr("ObsNotReady");
        assertThat(prometheus.query(expr)).isEmpty();
        upstream.close();
        List<JsonNode> firing = prometheus.awaitQuery(expr, r -> !r.isEmpty(), DEADLINE);
        assertThat(firing).extracting(PrometheusServer::labels)
                .containsExactly(Map.of("__name__", "obs_ready_check", "job", JOB, "instance", instance(withDependency),
                        "check", "upstream"));
        assertThat(Http.get(side(withDependency, kit.probePaths().get("readinessProbe"))).status()).isEqualTo(503);
    }

    @Test
    @Order(4)
    void aStoppedReplicaMakesTheTargetDownAlertTrue() {
        String expr = kit.alertExpr("ObsTargetDown");
        assertThat(prometheus.query(expr)).isEmpty();
        fromManifest.close();
        List<JsonNode> firing = prometheus.awaitQuery(expr, r -> !r.isEmpty(), DEADLINE);
        assertThat(firing).extracting(s -> PrometheusServer.labels(s).get("instance")).containsExactly(instance(fromManifest));
    }

    private List<JsonNode> evaluate(String promql, boolean instant, double start, double end) {
        JsonNode data = instant
                ? prometheus.api("/api/v1/query", "query", promql, "time", String.valueOf(end))
                : prometheus.api("/api/v1/query_range", "query", promql, "start", String.valueOf(start),
                "end", String.valueOf(end), "step", "1");
        List<JsonNode> result = new ArrayList<>();
        data.path("result").forEach(result::add);
        return result;
    }

    private double instant(String promql, double at) {
        JsonNode result = prometheus.api("/api/v1/query", "query", promql, "time", String.valueOf(at)).path("result");
        assertThat(result.size()).as("%s at %s: %s", promql, at, result).isEqualTo(1);
        return PrometheusServer.value(result.get(0));
    }

    private String prometheusConfig() {
        String rules = kit.ruleFiles().stream().map(f -> "  - " + f + "\n").collect(Collectors.joining());
        return "global:\n"
                + "  scrape_interval: 1s\n"
                + "  scrape_timeout: 1s\n"
                + "  evaluation_interval: 1s\n"
                + "rule_files:\n" + rules
                + "scrape_configs:\n"
                + "  - job_name: " + JOB + "\n"
                + "    static_configs:\n"
                + "      - targets: ['" + instance(fromManifest) + "', '" + instance(withDependency) + "']\n";
    }

    private List<AppProcess> replicas() {
        return List.of(fromManifest, withDependency);
    }

    private String instance(AppProcess app) {
        return "127.0.0.1:" + (app == fromManifest ? fromManifestSide : withDependencySide);
    }

    private URI side(AppProcess app, String path) {
        return URI.create("http://" + instance(app) + path);
    }

    /** Accepts and at once closes what the readiness check opens, so the backlog never fills. */
    private void acceptUpstream() {
        while (!upstream.isClosed()) {
            try (Socket ignored = upstream.accept()) {
                // a TCP check only connects
            } catch (IOException closed) {
                return;
            }
        }
    }
}
