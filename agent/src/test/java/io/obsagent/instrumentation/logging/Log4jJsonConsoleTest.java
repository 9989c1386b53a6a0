package io.obsagent.instrumentation.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.request.CurrentRequest;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Log4jJsonConsoleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withTheTemplateLayoutPresentTheConsoleWritesLogstashShapedJson() throws Exception {
        ConsoleAppender.Builder<?> builder = ConsoleAppender.newBuilder().setName("Console")
                .setConfiguration(new DefaultConfiguration()).setLayout(PatternLayout.newBuilder().withPattern("%m%n").build());

        assertThat(logstash().switchToJson(builder)).isTrue();

        Layout<?> layout = builder.build().getLayout();
        assertThat(layout).isInstanceOf(JsonTemplateLayout.class);
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        mdc.putValue("request_id", "req-9");
        mdc.putValue("path", "/api/users/7");
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("io.obsagent.testapp.jersey.UsersResource")
                .setLevel(Level.WARN).setMessage(new SimpleMessage("user fetched id=7")).setThreadName("exec-3")
                .setContextData(mdc).setThrown(new IllegalArgumentException("bad")).setTimeMillis(1763649000123L).build();
        String line = new String(layout.toByteArray(event), "UTF-8");

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("message").asText()).isEqualTo("user fetched id=7");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger_name").asText()).isEqualTo("io.obsagent.testapp.jersey.UsersResource");
        assertThat(json.get("thread_name").asText()).isEqualTo("exec-3");
        assertThat(json.get("@timestamp").asText()).startsWith("2025-11-");
        assertThat(json.get("stack_trace").asText()).contains("IllegalArgumentException: bad");
        assertThat(json.get("request_id").asText()).isEqualTo("req-9");
        assertThat(json.get("path").asText()).isEqualTo("/api/users/7");
        assertThat(json.has("mdc")).isFalse();
    }

    @Test
    void anAppenderWithoutALayoutGetsJsonTooBecauseLog4jWouldDefaultToText() throws Exception {
        ConsoleAppender.Builder<?> builder = ConsoleAppender.newBuilder().setName("Console");

        assertThat(logstash().switchToJson(builder)).isTrue();
        assertThat(builder.getLayout()).isInstanceOf(JsonTemplateLayout.class);
    }

    @Test
    void aLayoutThatIsNotAPatternIsTheApplicationsChoiceAndStays() throws Exception {
        JsonTemplateLayout own = JsonTemplateLayout.newBuilder().setConfiguration(new DefaultConfiguration())
                .setEventTemplate("{\"m\":{\"$resolver\":\"message\"}}").build();
        ConsoleAppender.Builder<?> builder = ConsoleAppender.newBuilder().setName("Console").setLayout(own);

        assertThat(logstash().switchToJson(builder)).isFalse();
        assertThat(builder.getLayout()).isSameAs(own);
    }

    @Test
    void withoutTheTemplateLayoutJacksonsJsonLayoutLiftsTheRequestKeysToTheTop() throws Exception {
        try (URLClassLoader app = isolated(org.apache.logging.log4j.LogManager.class, ConsoleAppender.class,
                ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonAutoDetect.class)) {
            Object builder = newConsoleBuilder(app);

            assertThat(logstash().switchToJson(builder)).isTrue();

            Object layout = builder.getClass().getMethod("getLayout").invoke(builder);
            assertThat(layout.getClass().getName()).isEqualTo("org.apache.logging.log4j.core.layout.JsonLayout");
        }
    }

    /** In the logstash shape Log4j's own JSON layouts serve when present; no adapter loader is needed then. */
    private static Log4jJsonConsole logstash() {
        return new Log4jJsonConsole(null, new AppLogFormat("svc", AppLogShape.LOGSTASH, new CurrentRequest(null), fault -> {
        }));
    }

    private static Object newConsoleBuilder(ClassLoader app) throws Exception {
        Class<?> console = Class.forName("org.apache.logging.log4j.core.appender.ConsoleAppender", true, app);
        return console.getMethod("newBuilder").invoke(null);
    }

    /** An application class loader holding only the jars these classes come from. */
    private static URLClassLoader isolated(Class<?>... from) {
        URL[] jars = Arrays.stream(from).map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .distinct().toArray(URL[]::new);
        return new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
    }
}
