package io.obsagent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The files of the operations kit in this tree (scripts/ops), read as the tools that consume them would: the
 * Kubernetes manifests and Prometheus files as YAML, the dashboard as Grafana's JSON model.
 */
final class OperationsKit {

    private static final Pattern JAVA_AGENT = Pattern.compile("-javaagent:(\\S+)");
    private static final Pattern DEFAULT_PORT = Pattern.compile("^\\| `server\\.port` \\| `(\\d+)` \\|", Pattern.MULTILINE);
    private static final String ANNOTATION_LABEL = "__meta_kubernetes_pod_annotation_";

    private final Path ops;

    private OperationsKit(Path ops) {
        this.ops = ops;
    }

    static OperationsKit inTree() {
        return new OperationsKit(Path.of(System.getProperty("it.ops.dir", "../../scripts/ops")).toAbsolutePath().normalize());
    }

    Path sampleAppConfig() {
        return ops.resolve("../../sample-app/obs.properties").normalize();
    }

    /** The side server's default port, as the contract states it (agent/SPEC.md, configuration table). */
    int agentDefaultSidePort() {
        Matcher m = DEFAULT_PORT.matcher(read(ops.resolve("../..").resolve("agent/SPEC.md")));
        if (!m.find()) {
            throw new IllegalStateException("agent/SPEC.md states no server.port default");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The Deployment's environment, with the agent jar where the image has it replaced by {@code agentJar}. */
    Map<String, String> deploymentEnvironment(Path agentJar) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> variable : list(container().get("env"))) {
            environment.put((String) variable.get("name"),
                    ((String) variable.get("value")).replace(deploymentAgentPath(), agentJar.toString()));
        }
        return environment;
    }

    String deploymentAgentPath() {
        for (Map<String, Object> variable : list(container().get("env"))) {
            Matcher m = JAVA_AGENT.matcher(String.valueOf(variable.get("value")));
            if ("JAVA_TOOL_OPTIONS".equals(variable.get("name")) && m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("the Deployment sets no JAVA_TOOL_OPTIONS with -javaagent");
    }

    int metricsContainerPort() {
        return list(container().get("ports")).stream().filter(p -> "metrics".equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    Map<String, String> podAnnotations() {
        return (Map<String, String>) map(map(map(yaml("kubernetes/deployment.yaml").get("spec")).get("template")).get("metadata"))
                .get("annotations");
    }

    /** The pod annotations the discovery config of prometheus-kubernetes.yml reads, as discovery label names. */
    Set<String> podDiscoveryAnnotationLabels() {
        Set<String> labels = new LinkedHashSet<>();
        for (Map<String, Object> job : list(yaml("prometheus/prometheus-kubernetes.yml").get("scrape_configs"))) {
            for (Map<String, Object> relabel : list(job.get("relabel_configs"))) {
                for (Object source : (List<?>) relabel.getOrDefault("source_labels", List.of())) {
                    if (source.toString().startsWith(ANNOTATION_LABEL)) {
                        labels.add(source.toString().substring(ANNOTATION_LABEL.length()));
                    }
                }
            }
        }
        return labels;
    }

    /** Kubernetes discovery names an annotation's label after it, with every character but [a-zA-Z0-9_] as _. */
    static String annotationLabel(String annotation) {
        return annotation.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    /** The Service's metrics port: its number and its target port. */
    List<Object> serviceMetricsPort() {
        return list(map(yaml("kubernetes/service.yaml").get("spec")).get("ports")).stream()
                .filter(p -> "metrics".equals(p.get("name"))).map(p -> List.of(p.get("port"), p.get("targetPort")))
                .findFirst().orElseThrow();
    }

    /** Port and path of the ServiceMonitor's endpoint and the PodMonitor's. */
    List<Map<String, Object>> monitorEndpoints() {
        List<Map<String, Object>> endpoints = new ArrayList<>();
        endpoints.add(portAndPath(list(map(yaml("kubernetes/servicemonitor.yaml").get("spec")).get("endpoints")).get(0)));
        endpoints.add(portAndPath(list(map(yaml("kubernetes/podmonitor.yaml").get("spec")).get("podMetricsEndpoints")).get(0)));
        return endpoints;
    }

    /** Probe name to its HTTP path. */
    Map<String, String> probePaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            if (container().containsKey(probe)) {
                paths.put(probe, (String) map(map(container().get(probe)).get("httpGet")).get("path"));
            }
        }
        return paths;
    }

    Set<Object> probePorts() {
        Set<Object> ports = new LinkedHashSet<>();
        for (String probe : probePaths().keySet()) {
            ports.add(map(map(container().get(probe)).get("httpGet")).get("port"));
        }
        return ports;
    }

    String dockerfile() {
        return read(ops.resolve("docker/Dockerfile"));
    }

    DashboardQueries dashboard() throws IOException {
        return DashboardQueries.read(ops.resolve("grafana/obs-agent-dashboard.json"));
    }

    /**
     * A value for every variable of the dashboard: {@code all} for the query variables (their All value is a
     * regex), a textbox's default, and Grafana's built-in intervals.
     */
    Map<String, String> variables(DashboardQueries dashboard, String all, String rateInterval, String range) {
        Map<String, String> values = new LinkedHashMap<>();
        dashboard.json().path("templating").path("list").forEach(v -> {
            switch (v.path("type").asText()) {
                case "query" -> values.put(v.path("name").asText(), all);
                case "textbox" -> values.put(v.path("name").asText(), v.path("query").asText());
                default -> { }
            }
        });
        values.put("__rate_interval", rateInterval);
        values.put("__range", range);
        values.put("__interval", "1s");
        return values;
    }

    /** The first query of the panel titled {@code title}, variables substituted. */
    String panelQuery(DashboardQueries dashboard, String title, Map<String, String> values) {
        return dashboard.targets().stream().filter(t -> t.panel().equals(title)).findFirst()
                .map(t -> DashboardQueries.substitute(t.expr(), values))
                .orElseThrow(() -> new IllegalStateException("no panel " + title));
    }

    List<Path> ruleFiles() {
        try (Stream<Path> files = Files.list(ops.resolve("prometheus/rules"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int ruleGroupCount() {
        return ruleFiles().stream().mapToInt(f -> list(yaml(f).get("groups")).size()).sum();
    }

    String alertExpr(String alert) {
        for (Path file : ruleFiles()) {
            for (Map<String, Object> group : list(yaml(file).get("groups"))) {
                for (Map<String, Object> rule : list(group.get("rules"))) {
                    if (alert.equals(rule.get("alert"))) {
                        return (String) rule.get("expr");
                    }
                }
            }
        }
        throw new IllegalStateException("no alert " + alert + " in " + ruleFiles());
    }

    private Map<String, Object> container() {
        Map<String, Object> pod = map(map(map(yaml("kubernetes/deployment.yaml").get("spec")).get("template")).get("spec"));
        return list(pod.get("containers")).get(0);
    }

    private static Map<String, Object> portAndPath(Map<String, Object> endpoint) {
        return Map.of("port", endpoint.get("port"), "path", endpoint.get("path"));
    }

    private Map<String, Object> yaml(String file) {
        return yaml(ops.resolve(file));
    }

    private static Map<String, Object> yaml(Path file) {
        return new Yaml().load(read(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return (List<Map<String, Object>>) node;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
