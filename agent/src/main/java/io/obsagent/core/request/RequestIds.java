package io.obsagent.core.request;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a valid incoming request ID or makes a new random (version 4) UUID. IDs correlate log lines; they
 * are not secrets, so each thread's own random source is used instead of one shared, locked SecureRandom.
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Each thread's own buffer for the ID's text: a new ID then costs only its String. */
    private static final ThreadLocal<char[]> BUFFERS = new ThreadLocal<char[]>() {
        @Override
        protected char[] initialValue() {
            return new char[36];
        }
    };

    private final int maxLength;

    public RequestIds(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The incoming ID when it matches {@code [A-Za-z0-9._:@-]{1,max_length}}, else a new one. */
    public String keepOrCreate(String incoming) {
        return isValid(incoming) ? incoming : create();
    }

    public boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A new {@code xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx} UUID. */
    public static String create() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] out = BUFFERS.get();
        hex(out, 0, high >>> 32, 8);
        out[8] = '-';
        hex(out, 9, high >>> 16, 4);
        out[13] = '-';
        hex(out, 14, high, 4);
        out[18] = '-';
        hex(out, 19, low >>> 48, 4);
        out[23] = '-';
        hex(out, 24, low, 12);
        return new String(out);
    }

    private static void hex(char[] out, int offset, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[offset + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
