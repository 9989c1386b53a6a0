package io.obsagent.core.metrics;

/** The {@code method} label: one of the standard HTTP methods, or {@code _OTHER} for anything else. */
public final class HttpMethods {

    public static final String OTHER = "_OTHER";

    private static final String[] LABELS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", OTHER};

    /** How many distinct method labels exist; indexes run from 0 to {@code COUNT - 1}. */
    public static final int COUNT = LABELS.length;

    private HttpMethods() {
    }

    /** The index of the method's label; anything non-standard (including {@code null}) is {@code _OTHER}. */
    public static int index(String method) {
        if (method != null) {
            for (int i = 0; i < COUNT - 1; i++) {
                if (LABELS[i].equals(method)) {
                    return i;
                }
            }
        }
        return COUNT - 1;
    }

    public static String label(int index) {
        return LABELS[index];
    }
}
