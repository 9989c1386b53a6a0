package io.obsagent.core.request;

/**
 * Derives a low-cardinality route from a raw path when no framework or servlet mapping names the route:
 * path parameters (matrix parameters such as {@code ;jsessionid=}) are dropped and segments that look like
 * identifiers (numbers, UUIDs, long hexadecimal strings) become {@code {id}}.
 */
public final class RawPaths {

    static final String ID = "{id}";
    private static final int MIN_HEX_ID = 16;

    private RawPaths() {
    }

    public static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder out = null;
        int length = path.length();
        int start = 0;
        while (start <= length) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            int semicolon = path.indexOf(';', start);
            int segmentEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
            boolean changed = segmentEnd != end || isIdLike(path, start, segmentEnd);
            if (changed && out == null) {
                out = new StringBuilder(length).append(path, 0, start);
            }
            if (out != null) {
                if (isIdLike(path, start, segmentEnd)) {
                    out.append(ID);
                } else {
                    out.append(path, start, segmentEnd);
                }
                if (end < length) {
                    out.append('/');
                }
            }
            start = end + 1;
        }
        String result = out == null ? path : out.toString();
        return result.startsWith("/") ? result : "/" + result;
    }

    static boolean isIdLike(String s, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return false;
        }
        return allDigits(s, from, to) || (len == 36 && isUuid(s, from)) || (len >= MIN_HEX_ID && allHexWithDigit(s, from, to));
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUuid(String s, int from) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allHexWithDigit(String s, int from, int to) {
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isHex(c)) {
                return false;
            }
            digit |= c <= '9';
        }
        return digit;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
