package io.obsagent.instrumentation.logging.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.obsagent.core.applogs.AppLogRecord;
import io.obsagent.core.events.Level;

import java.util.Map;

/** A Logback event as the agent's formatter reads it; only methods Logback 1.2 to 1.5 all have. */
final class LogbackRecord extends AppLogRecord {

    private final ILoggingEvent event;

    LogbackRecord(ILoggingEvent event) {
        this.event = event;
    }

    @Override
    public long timestampMillis() {
        return event.getTimeStamp();
    }

    @Override
    public Level level() {
        return byThresholds(event.getLevel().toInt(), ch.qos.logback.classic.Level.ERROR_INT,
                ch.qos.logback.classic.Level.WARN_INT, ch.qos.logback.classic.Level.INFO_INT);
    }

    @Override
    public String logger() {
        return event.getLoggerName();
    }

    @Override
    public String message() {
        return event.getFormattedMessage();
    }

    @Override
    public String thread() {
        return event.getThreadName();
    }

    @Override
    public void copyContext(Context into) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                into.put(entry.getKey(), entry.getValue());
            }
        }
    }

    @Override
    public boolean onLoggingThread() {
        return Thread.currentThread().getName().equals(event.getThreadName());
    }

    @Override
    public Throwable thrown() {
        IThrowableProxy proxy = event.getThrowableProxy();
        return proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
    }

    /** A deserialised event (from a socket appender) keeps only a copy of the throwable, still with its frames. */
    @Override
    public String[] thrownText() {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return null;
        }
        String message = proxy.getMessage();
        return new String[]{proxy.getClassName(), message == null ? "" : message, ThrowableProxyUtil.asString(proxy)};
    }
}
