package io.obsagent.core.events;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The {@code exception_message} and {@code stack_trace} of an application's throwable, as every agent event and
 * application log line writes them. The throwable's own {@code getMessage()} or {@code toString()} may throw:
 * the text then says so instead of failing the line.
 */
public final class ThrowableText {

    private ThrowableText() {
    }

    public static String message(Throwable exception) {
        try {
            String message = exception.getMessage();
            return message == null ? "" : message;
        } catch (Throwable t) {
            return "(getMessage() threw " + t.getClass().getName() + ")";
        }
    }

    public static String stackTrace(Throwable exception) {
        StringWriter trace = new StringWriter();
        try {
            exception.printStackTrace(new PrintWriter(trace));
        } catch (Throwable t) {
            trace.append("\n(the rest of the stack trace is unavailable: printing it threw ")
                    .append(t.getClass().getName()).append(')');
        }
        return trace.toString();
    }
}
