package io.obsagent.core.config;

import io.obsagent.core.events.LogTarget;

import io.obsagent.core.events.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderTest {

    private final Properties props = new Properties();
    private final Map<String, String> env = new HashMap<>();

    private AgentConfig load(String args) {
        return ConfigLoader.load(args, props, env);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        AgentConfig config = load(null);
        assertThat(config.get(Settings.SERVER_PORT)).isEqualTo(9464);
        assertThat(config.get(Settings.SERVER_HOST)).isEqualTo("0.0.0.0");
        assertThat(config.get(Settings.REQUEST_ID_HEADER)).isEqualTo("X-Request-ID");
        assertThat(config.get(Settings.REQUEST_ID_MAX_LENGTH)).isEqualTo(128);
        assertThat(config.get(Settings.ENDPOINT_LIMIT)).isEqualTo(500);
        assertThat(config.get(Settings.BUCKETS)).containsExactly(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
        assertThat(config.get(Settings.LOG_LEVEL)).isEqualTo(Level.INFO);
        assertThat(config.get(Settings.LOG_TARGET).kind()).isEqualTo(LogTarget.Kind.STDOUT);
        assertThat(config.get(Settings.ENVIRONMENT)).isEqualTo("development");
        assertThat(config.get(Settings.SERVER_AUTH)).isNull();
        assertThat(config.get(Settings.READY_CHECKS)).isNull();
        assertThat(config.get(Settings.APP_LOGS_JSON)).isFalse();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void agentArgumentBeatsPropertyBeatsEnvironmentBeatsFile(@TempDir Path dir) throws IOException {
        Path file = write(dir, "server.port=1001\nenvironment=from-file\nservice.name=file-name\nlog.level=error\n");
        env.put("OBS_CONFIG_FILE", file.toString());
        env.put("OBS_SERVER_PORT", "1002");
        env.put("OBS_ENVIRONMENT", "from-env");
        env.put("OBS_SERVICE_NAME", "env-name");
        props.setProperty("obs.server.port", "1003");
        props.setProperty("obs.environment", "from-property");

        AgentConfig config = load("server.port=1004");

        assertThat(config.get(Settings.SERVER_PORT)).isEqualTo(1004);
        assertThat(config.get(Settings.ENVIRONMENT)).isEqualTo("from-property");
        assertThat(config.get(Settings.SERVICE_NAME)).isEqualTo("env-name");
        assertThat(config.get(Settings.LOG_LEVEL)).isEqualTo(Level.ERROR);
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void environmentNamesMapToKeysBothWays() {
        assertThat(Setting.envName("server.port")).isEqualTo("OBS_SERVER_PORT");
        assertThat(Setting.envName("request_id.max_length")).isEqualTo("OBS_REQUEST_ID_MAX_LENGTH");
        env.put("OBS_REQUEST_ID_MAX_LENGTH", "64");
        env.put("OBS_APP_LOGS_JSON", "true");
        AgentConfig config = load(null);
        assertThat(config.get(Settings.REQUEST_ID_MAX_LENGTH)).isEqualTo(64);
        assertThat(config.get(Settings.APP_LOGS_JSON)).isTrue();
    }

    @Test
    void familyKeysComeBackFromTheEnvironment() {
        env.put("OBS_SECURITY_HEADERS_X_FRAME_OPTIONS", "SAMEORIGIN");
        env.put("OBS_METRICS_RULES_TASK_CREATED_METHOD", "com.example.TaskService#create");
        AgentConfig config = load(null);
        assertThat(config.family("security_headers.")).containsEntry("x-frame-options", "SAMEORIGIN");
        assertThat(config.family("metrics.rules.")).containsEntry("task_created.method", "com.example.TaskService#create");
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void malformedValueIsReportedOnceAndTheDefaultUsed() {
        props.setProperty("obs.server.port", "abc");
        AgentConfig config = load(null);
        assertThat(config.get(Settings.SERVER_PORT)).isEqualTo(9464);
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("server.port");
            assertThat(p.value()).isEqualTo("abc");
            assertThat(p.error()).contains("whole number").contains("9464");
        });
    }

    @Test
    void malformedHigherSourceDoesNotFallBackToALowerOne() {
        env.put("OBS_SERVER_PORT", "9000");
        props.setProperty("obs.server.port", "70000");
        assertThat(load(null).get(Settings.SERVER_PORT)).isEqualTo(9464);
    }

    @Test
    void everyKindOfBadValueIsRejected() {
        AgentConfig config = load("server.enabled=maybe,log.level=loud,log.target=syslog,metrics.buckets=0.5,0.1,"
                + "request_id.header=X Bad,server.auth=digest:x,ready.checks=db=ftp://h:1,metrics.endpoint_limit=0");
        assertThat(config.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("server.enabled",
                "log.level", "log.target", "metrics.buckets", "request_id.header", "server.auth", "ready.checks",
                "metrics.endpoint_limit");
        assertThat(config.get(Settings.SERVER_ENABLED)).isTrue();
        assertThat(config.get(Settings.BUCKETS)).hasSize(11);
    }

    @Test
    void unknownKeysAreReportedFromEverySource(@TempDir Path dir) throws IOException {
        env.put("OBS_NO_SUCH_THING", "1");
        props.setProperty("obs.server.prot", "1");
        env.put("OBS_CONFIG_FILE", write(dir, "colour=blue\n").toString());
        AgentConfig config = load("sevrer.port=1");
        assertThat(config.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("OBS_NO_SUCH_THING", "server.prot", "colour", "sevrer.port");
        assertThat(config.problems()).allSatisfy(p -> assertThat(p.error()).contains("unknown key"));
    }

    @Test
    void agentArgumentValuesMayContainCommas() {
        AgentConfig config = load("metrics.buckets=0.1,0.5,1,server.port=9999,ready.checks=db=tcp://localhost:5432,api=http://localhost:8080/health");
        assertThat(config.get(Settings.BUCKETS)).containsExactly(0.1, 0.5, 1);
        assertThat(config.get(Settings.SERVER_PORT)).isEqualTo(9999);
        assertThat(config.get(Settings.READY_CHECKS)).extracting(ReadyCheckSpec::name).containsExactly("db", "api");
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void missingFileIsReportedAndEverythingElseStillApplies() {
        props.setProperty("obs.config.file", "/no/such/obs.properties");
        props.setProperty("obs.server.port", "9100");
        AgentConfig config = load(null);
        assertThat(config.get(Settings.SERVER_PORT)).isEqualTo(9100);
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("config.file");
            assertThat(p.error()).contains("cannot read");
        });
    }

    @Test
    void aDirectoryGivenAsTheFileIsReportedAndTheDefaultsApply(@TempDir Path dir) {
        props.setProperty("obs.config.file", dir.toString());
        AgentConfig config = load(null);
        assertThat(config.get(Settings.SERVER_PORT)).isEqualTo(9464);
        assertThat(config.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("config.file");
            assertThat(p.value()).isEqualTo(dir.toString());
            assertThat(p.error()).startsWith("cannot read the file: ");
        });
    }

    @Test
    void injectedFaultIsOffUnlessItNamesAKnownPoint() {
        assertThat(load(null).get(Settings.INJECT_FAULT)).isNull();
        assertThat(load("debug.inject_fault=request.end").get(Settings.INJECT_FAULT)).isEqualTo(FaultPoint.REQUEST_END);
        AgentConfig unknown = load("debug.inject_fault=request.middle");
        assertThat(unknown.get(Settings.INJECT_FAULT)).isNull();
        assertThat(unknown.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("debug.inject_fault"));
    }

    @Test
    void fileMayUseThePropertyPrefix(@TempDir Path dir) throws IOException {
        env.put("OBS_CONFIG_FILE", write(dir, "obs.server.port=9200\n").toString());
        assertThat(load(null).get(Settings.SERVER_PORT)).isEqualTo(9200);
    }

    @Test
    void secretsAreMaskedInTheDescriptionAndInProblems() {
        props.setProperty("obs.server.auth", "basic:admin:hunter2");
        env.put("OBS_SECURITY_HEADERS_X_API_TOKEN", "abc");
        AgentConfig config = load("ready.checks=db=http://user:pw@db:80/x");
        Map<String, String> shown = config.describe();
        assertThat(shown.get("server.auth")).isEqualTo("****");
        assertThat(shown.get("security_headers.x-api-token")).isEqualTo("****");
        assertThat(shown.get("ready.checks")).doesNotContain("pw").contains("****@db");
        assertThat(shown.toString()).doesNotContain("hunter2");

        props.setProperty("obs.server.auth", "basic:nopassword");
        assertThat(load(null).problems()).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo("****"));
    }

    @Test
    void serverAuthParsesBothSchemes() {
        ServerAuth basic = load("server.auth=basic:ops:s3cr:et").get(Settings.SERVER_AUTH);
        assertThat(basic.scheme()).isEqualTo(ServerAuth.Scheme.BASIC);
        assertThat(basic.user()).isEqualTo("ops");
        assertThat(basic.secret()).isEqualTo("s3cr:et");
        ServerAuth bearer = load("server.auth=bearer:tok").get(Settings.SERVER_AUTH);
        assertThat(bearer.scheme()).isEqualTo(ServerAuth.Scheme.BEARER);
        assertThat(bearer.secret()).isEqualTo("tok");
    }

    @Test
    void describeListsEveryKeyWithItsEffectiveValue() {
        Map<String, String> shown = load("server.port=0").describe();
        assertThat(shown).containsEntry("server.port", "0").containsEntry("metrics.buckets",
                "0.005,0.01,0.025,0.05,0.1,0.25,0.5,1.0,2.5,5.0,10.0").containsEntry("server.auth", "none");
        assertThat(shown).containsKeys(Settings.all().keySet().toArray(new String[0]));
    }

    private static Path write(Path dir, String content) throws IOException {
        Path file = dir.resolve("obs.properties");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
