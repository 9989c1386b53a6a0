package io.obsagent.instrumentation.logging.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import io.obsagent.core.applogs.AppLogFormat;

import java.nio.charset.Charset;

/**
 * The encoder a Logback console appender gets with {@code app_logs.json}: each event becomes the agent's JSON
 * line, returned to the appender, which writes it through its own stream under its own lock as it wrote its text.
 * The application's encoder is kept: an event the agent cannot format is written by it, as before.
 */
final class AgentConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private static final Charset UTF_8 = Charset.forName("UTF-8");

    private final AppLogFormat format;
    private final Encoder<ILoggingEvent> original;

    AgentConsoleEncoder(AppLogFormat format, Encoder<ILoggingEvent> original) {
        this.format = format;
        this.original = original;
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = format.line(new LogbackRecord(event));
        return line != null ? line.getBytes(UTF_8) : original.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
