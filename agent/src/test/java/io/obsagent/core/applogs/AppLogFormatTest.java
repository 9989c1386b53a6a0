package io.obsagent.core.applogs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.metrics.LabelLimit;
import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.request.NoLoggingContext;
import io.obsagent.core.request.RequestContext;
import io.obsagent.core.request.RequestIds;
import io.obsagent.core.request.RequestRecorder;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.Routes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AppLogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Throwable> failures = new ArrayList<>();
    private final CurrentRequest current = new CurrentRequest(NoLoggingContext.INSTANCE);

    @Test
    void aLineOutsideAnyRequestHasTheAgentsHeadTheMdcAndNoRequestId() throws Exception {
        Record record = new Record(Level.WARNING, "hello \"world\"\n");
        record.mdc.put("tenant", "acme");
        String line = format(AppLogShape.AGENT).line(record);

        assertThat(line).startsWith("{\"timestamp\":\"2025-11-20T14:30:00.123Z\",\"level\":\"warning\",\"logger\":\"com.example.Foo\"")
                .endsWith("}\n");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("event").asText()).isEqualTo("hello \"world\"\n");
        assertThat(json.get("service").asText()).isEqualTo("task-api");
        assertThat(json.get("thread").asText()).isEqualTo("worker-1");
        assertThat(json.get("tenant").asText()).isEqualTo("acme");
        assertThat(json.has("request_id")).isFalse();
        assertThat(json.has("exception_type")).isFalse();
    }

    @Test
    void aLineWrittenWhileARequestIsCurrentCarriesItsFieldsUnlessTheMdcHasThem() throws Exception {
        RequestContext request = tracker().start("POST", "/api/v1/tasks", "req-42", null);
        try {
            JsonNode fromRequest = JSON.readTree(format(AppLogShape.AGENT).line(new Record(Level.INFO, "m")));
            assertThat(fromRequest.get("request_id").asText()).isEqualTo("req-42");
            assertThat(fromRequest.get("method").asText()).isEqualTo("POST");
            assertThat(fromRequest.get("path").asText()).isEqualTo("/api/v1/tasks");

            Record withMdc = new Record(Level.INFO, "m");
            withMdc.mdc.put("request_id", "from-mdc");
            String line = format(AppLogShape.AGENT).line(withMdc);
            assertThat(line.split("\"request_id\"", -1)).hasSize(2);
            assertThat(JSON.readTree(line).get("request_id").asText()).isEqualTo("from-mdc");

            Record elsewhere = new Record(Level.INFO, "m");
            elsewhere.onLoggingThread = false;
            assertThat(JSON.readTree(format(AppLogShape.AGENT).line(elsewhere)).has("request_id")).isFalse();
        } finally {
            request.dispatchExited(200, null, null, null);
        }
    }

    @Test
    void aLoggedThrowableHasTypeMessageAndStackTraceAsUnhandledExceptionHasThem() throws Exception {
        Record record = new Record(Level.ERROR, "failed");
        record.thrown = new IllegalStateException("boom");
        JsonNode json = JSON.readTree(format(AppLogShape.AGENT).line(record));
        assertThat(json.get("level").asText()).isEqualTo("error");
        assertThat(json.get("exception_type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("exception_message").asText()).isEqualTo("boom");
        assertThat(json.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void anMdcKeyNamedLikeAFieldOfTheShapeCannotRepeatIt() throws Exception {
        Record record = new Record(Level.INFO, "m");
        record.mdc.put("level", "forged");
        String line = format(AppLogShape.AGENT).line(record);
        assertThat(line.split("\"level\"", -1)).hasSize(2);
        assertThat(JSON.readTree(line).get("mdc.level").asText()).isEqualTo("forged");
    }

    @Test
    void aRecordThatCannotBeReadGivesNoLineAndIsReported() {
        Record record = new Record(Level.INFO, null) {
            @Override
            public String message() {
                throw new NoSuchMethodError("getFormattedMessage");
            }
        };
        assertThat(format(AppLogShape.AGENT).line(record)).isNull();
        assertThat(failures).singleElement().isInstanceOf(NoSuchMethodError.class);
    }

    @Test
    void theLogstashShapeHasLogstashLogbackEncodersFieldNames() throws Exception {
        Record record = new Record(Level.WARNING, "m");
        record.thrown = new RuntimeException("x");
        JsonNode json = JSON.readTree(format(AppLogShape.LOGSTASH).line(record));
        assertThat(json.get("@timestamp").asText()).isEqualTo("2025-11-20T14:30:00.123Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("level_value").asInt()).isEqualTo(30000);
        assertThat(json.get("logger_name").asText()).isEqualTo("com.example.Foo");
        assertThat(json.get("thread_name").asText()).isEqualTo("worker-1");
        assertThat(json.get("message").asText()).isEqualTo("m");
        assertThat(json.get("stack_trace").asText()).startsWith("java.lang.RuntimeException: x");
        assertThat(json.has("event")).isFalse();
    }

    private AppLogFormat format(AppLogShape shape) {
        return new AppLogFormat("task-api", shape, current, failures::add);
    }

    private RequestTracker tracker() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        EventWriter events = EventWriter.start("svc", Level.INFO,
                ConfigLoader.load("", new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET), out, out);
        RequestRecorder recorder = new RequestRecorder(new Routes(new LabelLimit(500)),
                new HttpMetrics(new PrometheusRegistry(), new double[]{1}), events, true);
        return new RequestTracker(new RequestIds(128), current, recorder, null, null);
    }

    private static class Record extends AppLogRecord {
        final Level level;
        final String message;
        final Map<String, String> mdc = new LinkedHashMap<>();
        Throwable thrown;
        boolean onLoggingThread = true;

        Record(Level level, String message) {
            this.level = level;
            this.message = message;
        }

        @Override
        public long timestampMillis() {
            return 1763649000123L;
        }

        @Override
        public Level level() {
            return level;
        }

        @Override
        public String logger() {
            return "com.example.Foo";
        }

        @Override
        public String message() {
            return message;
        }

        @Override
        public String thread() {
            return "worker-1";
        }

        @Override
        public void copyContext(Context into) {
            mdc.forEach(into::put);
        }

        @Override
        public boolean onLoggingThread() {
            return onLoggingThread;
        }

        @Override
        public Throwable thrown() {
            return thrown;
        }
    }
}
