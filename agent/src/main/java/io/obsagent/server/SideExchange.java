package io.obsagent.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request and the answer an endpoint gives to it: status, headers and a body held whole (the side server's
 * answers are small, or, for {@code /metrics}, made whole by the exposition writer anyway). {@link #encode} makes
 * the bytes that go out: the answer to {@code HEAD} carries the headers of the answer to {@code GET}, its
 * {@code Content-Length} included, and no body.
 */
final class SideExchange {

    private final SideRequest request;
    private final Map<String, String> headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
    private int status = -1;
    private byte[] body = new byte[0];

    SideExchange(SideRequest request) {
        this.request = request;
    }

    SideRequest request() {
        return request;
    }

    void setHeader(String name, String value) {
        headers.put(name, value);
    }

    /** The status given, or -1 while there is no answer yet. */
    int status() {
        return status;
    }

    /** Forgets the answer made so far, headers included. */
    void reset() {
        headers.clear();
        status = -1;
        body = new byte[0];
    }

    void respond(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    /**
     * The answer as it goes on the wire. {@code Content-Length} is the body's, except for a {@code HEAD} answered
     * without a body whose handler named the length itself (the scrape handler does).
     */
    ByteBuffer encode(boolean closeAfter) {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        head.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        String declaredLength = headers.remove("Content-Length");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        boolean withBody = !request.isHead();
        String length = !withBody && body.length == 0 && declaredLength != null ? declaredLength : Integer.toString(body.length);
        head.append("Content-Length: ").append(length).append("\r\n");
        if (closeAfter) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(headBytes.length + (withBody ? body.length : 0));
        out.put(headBytes);
        if (withBody) {
            out.put(body);
        }
        out.flip();
        return out;
    }

    /** A short answer the server gives itself, before or instead of an endpoint: a JSON error and the connection closed. */
    static ByteBuffer error(int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\n"
                + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(headBytes.length + body.length);
        out.put(headBytes).put(body).flip();
        return out;
    }

    static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 406:
                return "Not Acceptable";
            case 431:
                return "Request Header Fields Too Large";
            case 500:
                return "Internal Server Error";
            case 503:
                return "Service Unavailable";
            case 505:
                return "HTTP Version Not Supported";
            default:
                return "Status " + status;
        }
    }
}
