package io.obsagent.server;

import java.util.List;
import java.util.Map;

/**
 * Finds and parses an HTTP/1.x request head (request line and header lines) in bytes read so far. Strict where
 * leniency would let a request mean two things (obs-fold, a space before the colon, conflicting lengths, both a
 * length and a transfer coding) and where a value could never be a request of the side server's (control or
 * non-ASCII bytes in the request line); lines may end with CRLF or a bare LF.
 */
final class RequestHead {

    static final int MAX_HEADERS = 100;

    /** The request cannot be answered; {@link #status} says why (400, 431 or 505). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Malformed(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private RequestHead() {
    }

    /** How many CR and LF bytes start {@code bytes[from, to)}: empty lines a client may send before a request. */
    static int leadingEmptyLines(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && (bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i - from;
    }

    /**
     * The index just past the empty line that ends the head starting at {@code start}, searching from {@code scanFrom}
     * (bytes before it were searched already) up to {@code to}; -1 when the head is not complete yet.
     */
    static int end(byte[] bytes, int start, int scanFrom, int to) {
        for (int i = Math.max(start, scanFrom - 2); i < to; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i + 1 < to && bytes[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < to && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /** Parses the head in {@code bytes[start, end)}, {@code end} as {@link #end} found it. */
    static SideRequest parse(byte[] bytes, int start, int end) throws Malformed {
        int lineEnd = lineEnd(bytes, start, end);
        String requestLine = line(bytes, start, lineEnd);
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace) {
            throw new Malformed(400, "malformed request line");
        }
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        String version = requestLine.substring(lastSpace + 1);
        if (!isToken(method)) {
            throw new Malformed(400, "malformed method");
        }
        boolean http10 = version(version);
        String[] pathAndQuery = pathAndQuery(target);

        Map<String, List<String>> headers = SideRequest.newHeaderMap();
        int count = 0;
        for (int position = next(bytes, lineEnd); ; ) {
            int e = lineEnd(bytes, position, end);
            if (e == position) {
                break;
            }
            if (++count > MAX_HEADERS) {
                throw new Malformed(431, "more than " + MAX_HEADERS + " header lines");
            }
            header(line(bytes, position, e), headers);
            position = next(bytes, e);
        }
        long contentLength = contentLength(headers.get("Content-Length"));
        boolean chunked = headers.containsKey("Transfer-Encoding");
        if (chunked && contentLength >= 0) {
            throw new Malformed(400, "both Content-Length and Transfer-Encoding");
        }
        return new SideRequest(method, pathAndQuery[0], pathAndQuery[1], http10, headers, contentLength, chunked);
    }

    /** The index of the line's terminator (CRLF or LF) starting at {@code from}; a bare CR is malformed. */
    private static int lineEnd(byte[] bytes, int from, int end) throws Malformed {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                return i > from && bytes[i - 1] == '\r' ? i - 1 : i;
            }
            if (bytes[i] == '\r' && (i + 1 >= end || bytes[i + 1] != '\n')) {
                throw new Malformed(400, "bare CR");
            }
        }
        throw new Malformed(400, "unterminated line");
    }

    /** The start of the line after the one ending (terminator included) at {@code lineEnd}. */
    private static int next(byte[] bytes, int lineEnd) {
        return bytes[lineEnd] == '\r' ? lineEnd + 2 : lineEnd + 1;
    }

    private static String line(byte[] bytes, int from, int to) {
        char[] chars = new char[to - from];
        for (int i = from; i < to; i++) {
            chars[i - from] = (char) (bytes[i] & 0xff);
        }
        return new String(chars);
    }

    /** True for HTTP/1.0, false for HTTP/1.1; anything else is not served. */
    private static boolean version(String version) throws Malformed {
        if (version.equals("HTTP/1.1")) {
            return false;
        }
        if (version.equals("HTTP/1.0")) {
            return true;
        }
        if (version.length() == 8 && version.startsWith("HTTP/") && isDigit(version.charAt(5))
                && version.charAt(6) == '.' && isDigit(version.charAt(7))) {
            throw new Malformed(505, "unsupported version");
        }
        throw new Malformed(400, "malformed version");
    }

    /** Origin form {@code /path?query}, absolute form {@code http://host/path?query}, or {@code *}. */
    private static String[] pathAndQuery(String target) throws Malformed {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new Malformed(400, "control, space or non-ASCII byte in the request target");
            }
        }
        String rest = target;
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme > 0) {
            int slash = target.indexOf('/', scheme + 3);
            int question = target.indexOf('?', scheme + 3);
            int pathStart = slash < 0 ? question : question < 0 ? slash : Math.min(slash, question);
            rest = pathStart < 0 ? "/" : target.charAt(pathStart) == '?' ? "/" + target.substring(pathStart) : target.substring(pathStart);
        } else if (!target.startsWith("/") && !target.equals("*")) {
            throw new Malformed(400, "malformed request target");
        }
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int question = rest.indexOf('?');
        return question < 0 ? new String[] {rest, null} : new String[] {rest.substring(0, question), rest.substring(question + 1)};
    }

    private static void header(String line, Map<String, List<String>> headers) throws Malformed {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new Malformed(400, "obsolete line folding");
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.substring(0, colon))) {
            throw new Malformed(400, "malformed header line");
        }
        String value = line.substring(colon + 1).trim();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new Malformed(400, "control byte in a header value");
            }
        }
        SideRequest.add(headers, line.substring(0, colon), value);
    }

    /** -1 when absent; every value must be the same number. */
    private static long contentLength(List<String> values) throws Malformed {
        if (values == null) {
            return -1;
        }
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String digits = part.trim();
                if (digits.isEmpty() || digits.length() > 18) {
                    throw new Malformed(400, "malformed Content-Length");
                }
                for (int i = 0; i < digits.length(); i++) {
                    if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                        throw new Malformed(400, "malformed Content-Length");
                    }
                }
                long parsed = Long.parseLong(digits);
                if (length >= 0 && parsed != length) {
                    throw new Malformed(400, "conflicting Content-Length");
                }
                length = parsed;
            }
        }
        return length;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110 token: {@code 1*tchar}. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
