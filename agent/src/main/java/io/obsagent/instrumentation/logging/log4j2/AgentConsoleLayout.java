package io.obsagent.instrumentation.logging.log4j2;

import io.obsagent.core.applogs.AppLogFormat;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

import java.io.Serializable;
import java.nio.charset.Charset;

/**
 * The layout a Log4j 2 console appender gets with {@code app_logs.json}: each event becomes the agent's JSON line,
 * which the appender writes through its own manager as it wrote its text. The application's layout is kept: an
 * event the agent cannot format is written by it, as before.
 */
final class AgentConsoleLayout extends AbstractStringLayout {

    private final AppLogFormat format;
    private final Layout<? extends Serializable> original;

    AgentConsoleLayout(AppLogFormat format, Layout<? extends Serializable> original) {
        super(Charset.forName("UTF-8"));
        this.format = format;
        this.original = original;
    }

    @Override
    public String toSerializable(LogEvent event) {
        String line = format.line(new Log4jRecord(event));
        if (line != null) {
            return line;
        }
        Serializable text = original.toSerializable(event);
        return text instanceof String ? (String) text : String.valueOf(text);
    }

    @Override
    public byte[] toByteArray(LogEvent event) {
        String line = format.line(new Log4jRecord(event));
        return line != null ? getBytes(line) : original.toByteArray(event);
    }

    @Override
    public String getContentType() {
        return "application/json; charset=UTF-8";
    }
}
