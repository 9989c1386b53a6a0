package io.obsagent.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One request the side server read: its request line and headers. The body, if any, is never read. */
final class SideRequest {

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final boolean http10;
    private final Map<String, List<String>> headers;
    private final long contentLength;
    private final boolean chunked;

    SideRequest(String method, String rawPath, String rawQuery, boolean http10, Map<String, List<String>> headers,
                long contentLength, boolean chunked) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.http10 = http10;
        this.headers = headers;
        this.contentLength = contentLength;
        this.chunked = chunked;
    }

    String method() {
        return method;
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    /** The path as sent (still percent-encoded), without the query. */
    String rawPath() {
        return rawPath;
    }

    /** What follows the '?', or {@code null}. */
    String rawQuery() {
        return rawQuery;
    }

    /** The first value of the header (names are case-insensitive), or {@code null}. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of the header, or {@code null} when it is absent. */
    List<String> headers(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : Collections.unmodifiableList(values);
    }

    /** The declared body length; -1 when there is none or it is chunked. */
    long contentLength() {
        return contentLength;
    }

    boolean hasChunkedBody() {
        return chunked;
    }

    /** Whether the client allows the connection to be used for another request afterwards. */
    boolean keepAlive() {
        String connection = header("Connection");
        String value = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        return http10 ? value.contains("keep-alive") : !value.contains("close");
    }

    static Map<String, List<String>> newHeaderMap() {
        return new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    }

    static void add(Map<String, List<String>> headers, String name, String value) {
        List<String> values = headers.get(name);
        if (values == null) {
            values = new ArrayList<String>(1);
            headers.put(name, values);
        }
        values.add(value);
    }
}
