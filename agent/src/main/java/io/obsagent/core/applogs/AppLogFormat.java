package io.obsagent.core.applogs;

import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.events.JsonFields;
import io.obsagent.core.events.Level;
import io.obsagent.core.events.ThrowableText;
import io.obsagent.core.events.Timestamps;
import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.request.RequestContext;

import java.util.function.Consumer;

/**
 * Writes one application log record as one JSON line ({@code app_logs.json}, agent/SPEC.md §5), on the thread the
 * logging library formats on, for the library's own appender to write. Thread-safe: each thread has its own buffer.
 * A record that cannot be written gives {@code null}, and the fault is reported, so the adapter writes the
 * library's own text line instead.
 */
public final class AppLogFormat {

    /** Buffers bigger than this (a huge stack trace) are not kept for the thread's next line. */
    private static final int KEPT_CAPACITY = 8 * 1024;

    private final String service;
    private final AppLogShape shape;
    private final CurrentRequest current;
    private final Consumer<Throwable> failed;
    private final ThreadLocal<Line> lines = new ThreadLocal<Line>();

    public AppLogFormat(String service, AppLogShape shape, CurrentRequest current, Consumer<Throwable> failed) {
        this.service = service;
        this.shape = shape;
        this.current = current;
        this.failed = failed;
    }

    public AppLogShape shape() {
        return shape;
    }

    /** The record as one line of JSON ending in a newline, or null when it could not be written (counted). */
    public String line(AppLogRecord record) {
        Line line = lines.get();
        if (line == null) {
            line = new Line();
            lines.set(line);
        } else if (line.busy) {
            // A line logged while this thread writes another (a message argument's toString() that logs):
            // the line in progress keeps its buffer.
            line = new Line();
        }
        line.busy = true;
        try {
            return line.write(record);
        } catch (Throwable fault) {
            failed.accept(fault);
            return null;
        } finally {
            line.busy = false;
            if (line.out.capacity() > KEPT_CAPACITY && lines.get() == line) {
                lines.set(new Line());
            }
        }
    }

    /** One thread's buffer, and the MDC entries of the record being written. */
    private final class Line implements AppLogRecord.Context {
        final StringBuilder out = new StringBuilder(512);
        final Timestamps timestamps = new Timestamps();
        final AppLogFields names = shape == AppLogShape.AGENT ? AppLogFields.AGENT : AppLogFields.LOGSTASH;
        JsonFields fields;
        boolean busy;
        /** Which of {@link AppLogFields#REQUEST} the MDC already gave. */
        int requestFieldsSeen;

        String write(AppLogRecord record) {
            out.setLength(0);
            out.append('{');
            fields = new JsonFields(out);
            requestFieldsSeen = 0;
            names.head(this, record);
            record.copyContext(this);
            RequestContext request = record.onLoggingThread() ? current.get() : null;
            if (request != null) {
                requestField(0, request.requestId());
                requestField(1, request.method());
                requestField(2, request.path());
            }
            names.thrown(fields, record);
            return out.append("}\n").toString();
        }

        private void requestField(int index, String value) {
            if ((requestFieldsSeen & (1 << index)) == 0 && value != null) {
                fields.string(AppLogFields.REQUEST[index], value);
            }
        }

        String service() {
            return service;
        }

        void timestamp(String name, long millis) {
            fields.string(name, "");
            // Replace the empty quotes just written by the formatted time, without a String per line.
            out.setLength(out.length() - 1);
            timestamps.append(out, millis);
            out.append('"');
        }

        @Override
        public void put(String key, String value) {
            if (key == null) {
                return;
            }
            for (int i = 0; i < AppLogFields.REQUEST.length; i++) {
                if (AppLogFields.REQUEST[i].equals(key)) {
                    requestFieldsSeen |= 1 << i;
                }
            }
            fields.string(names.reserves(key) ? "mdc." + key : key, value);
        }
    }

    /** The field names of each shape. */
    private enum AppLogFields {
        AGENT("timestamp", "level", "logger", "event", "service", "thread",
                "exception_type", "exception_message", "stack_trace") {
            @Override
            void head(Line line, AppLogRecord record) {
                line.timestamp("timestamp", record.timestampMillis());
                line.fields.string("level", record.level().text())
                        .string("logger", record.logger())
                        .string("event", record.message())
                        .string("service", line.service())
                        .string("thread", record.thread());
            }

            @Override
            void thrown(JsonFields fields, AppLogRecord record) {
                String[] text = thrownText(record);
                if (text != null) {
                    fields.string("exception_type", text[0]).string("exception_message", text[1])
                            .string("stack_trace", text[2]);
                }
            }
        },
        LOGSTASH("@timestamp", "@version", "message", "logger_name", "thread_name", "level", "level_value",
                "stack_trace") {
            @Override
            void head(Line line, AppLogRecord record) {
                line.timestamp("@timestamp", record.timestampMillis());
                Level level = record.level();
                line.fields.string("@version", "1")
                        .string("message", record.message())
                        .string("logger_name", record.logger())
                        .string("thread_name", record.thread())
                        .string("level", level == Level.WARNING ? "WARN" : level.name())
                        .number("level_value", 10_000L * (level.ordinal() + 1));
            }

            @Override
            void thrown(JsonFields fields, AppLogRecord record) {
                String[] text = thrownText(record);
                if (text != null) {
                    fields.string("stack_trace", text[2]);
                }
            }
        };

        static final String[] REQUEST = {"request_id", "method", "path"};

        private final String[] reserved;

        AppLogFields(String... reserved) {
            this.reserved = reserved;
        }

        abstract void head(Line line, AppLogRecord record);

        abstract void thrown(JsonFields fields, AppLogRecord record);

        /** An MDC key that would repeat one of the shape's own fields is written as {@code mdc.<key>}. */
        boolean reserves(String key) {
            for (String name : reserved) {
                if (name.equals(key)) {
                    return true;
                }
            }
            return false;
        }

        static String[] thrownText(AppLogRecord record) {
            Throwable thrown = record.thrown();
            if (thrown != null) {
                return new String[]{thrown.getClass().getName(), ThrowableText.message(thrown),
                        ThrowableText.stackTrace(thrown)};
            }
            return record.thrownText();
        }
    }
}
