package io.obsagent.it.harness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A response read byte for byte. The head is decoded as ISO-8859-1 so every byte the server sent stays
 * visible; a chunked body is de-chunked as far as it goes (a response aborted after it was committed
 * ends without the last chunk).
 */
public record RawResponse(String statusLine, int status, List<String> headerLines, byte[] body) {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    static RawResponse parse(byte[] response) {
        int headEnd = indexOf(response, HEAD_END, 0);
        if (headEnd < 0) {
            throw new IllegalArgumentException("No complete response head in: "
                    + new String(response, StandardCharsets.ISO_8859_1));
        }
        List<String> lines = List.of(new String(response, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n"));
        String statusLine = lines.get(0);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        List<String> headerLines = lines.subList(1, lines.size());
        byte[] rest = Arrays.copyOfRange(response, headEnd + HEAD_END.length, response.length);
        boolean chunked = headerLines.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).matches("transfer-encoding:\\s*chunked\\s*"));
        return new RawResponse(statusLine, status, headerLines, chunked ? dechunk(rest) : rest);
    }

    /** Values of every header line with this name (case-insensitive), trimmed. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                values.add(line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    /** The first value of the header, or null when absent. */
    public String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int sizeEnd = indexOf(chunked, new byte[] {'\r', '\n'}, position);
            if (sizeEnd < 0) {
                break;
            }
            String sizeField = new String(chunked, position, sizeEnd - position, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeField.split(";", 2)[0].trim(), 16);
            int start = sizeEnd + 2;
            if (size == 0 || start + size > chunked.length) {
                body.write(chunked, start, Math.min(size, chunked.length - start));
                break;
            }
            body.write(chunked, start, size);
            position = start + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
