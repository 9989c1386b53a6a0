package io.obsagent.core.events;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the fields of one JSON object into a reusable buffer. Strings are escaped so that no value,
 * however hostile, can end the line or the object early (CR, LF, quotes, control characters, U+2028/9).
 */
public final class JsonFields {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private boolean first = true;

    /** Fields appended to {@code out}, which the caller has opened with '{' and will close. */
    public JsonFields(StringBuilder out) {
        this.out = out;
    }

    /**
     * A complete JSON object of the fields the caller writes, e.g. the side server's answers:
     * {@code JsonFields.object(f -> f.string("status", "ok"))}.
     */
    public static String object(Consumer<JsonFields> writer) {
        StringBuilder out = new StringBuilder(128).append('{');
        writer.accept(new JsonFields(out));
        return out.append('}').toString();
    }

    public JsonFields string(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(out, value);
        }
        return this;
    }

    /** {@code request_id}, {@code trace_id} when known, {@code method}, {@code path}. */
    public JsonFields request(RequestIdentity request) {
        string("request_id", request.requestId());
        String traceId = request.traceId();
        if (traceId != null) {
            string("trace_id", traceId);
        }
        return string("method", request.method()).string("path", request.path());
    }

    public JsonFields number(String name, long value) {
        name(name).append(value);
        return this;
    }

    /** A duration in milliseconds with microsecond precision, e.g. {@code 3.214}, without floating-point noise. */
    public JsonFields millis(String name, long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        StringBuilder b = name(name).append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            b.append('0');
        }
        if (fraction < 10) {
            b.append('0');
        }
        b.append(fraction);
        return this;
    }

    public JsonFields bool(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    /** A nested object of string values, e.g. the effective configuration in {@code agent_started}. */
    public JsonFields object(String name, Map<String, String> values) {
        name(name).append('{');
        boolean firstEntry = true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!firstEntry) {
                out.append(',');
            }
            firstEntry = false;
            quote(out, e.getKey());
            out.append(':');
            quote(out, String.valueOf(e.getValue()));
        }
        out.append('}');
        return this;
    }

    private StringBuilder name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(out, name);
        return out.append(':');
    }

    /** Runs of characters that need no escape are copied at once: most values are plain text. */
    static void quote(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        int run = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c != '\u2028' && c != '\u2029'
                    && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && pairedAt(value, i)) {
                i++;
                continue;
            }
            out.append(value, run, i);
            escape(out, c);
            run = i + 1;
        }
        out.append(value, run, length).append('"');
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            default:
                unicodeEscape(out, c);
        }
    }

    /** A lone surrogate cannot be encoded as UTF-8; it is escaped instead of turning into '?'. */
    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }
}
