package io.obsagent.core.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the number of distinct values one label takes, so hostile or unbounded input cannot grow the series
 * without end (agent/SPEC.md §6). The first {@code limit} values are kept; later new ones, and any value too
 * long to be real, become {@link #OTHER}. Returned values are canonical instances, cheap to compare and hash.
 */
public final class LabelLimit {

    public static final String OTHER = "OTHER";
    static final int MAX_LENGTH = 256;

    private final int limit;
    private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<String, String>();
    private final AtomicInteger size = new AtomicInteger();

    public LabelLimit(int limit) {
        this.limit = limit;
    }

    public String admit(String value) {
        String known = admitted.get(value);
        if (known != null) {
            return known;
        }
        if (value.length() > MAX_LENGTH || size.get() >= limit) {
            return OTHER;
        }
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            return OTHER;
        }
        String raced = admitted.putIfAbsent(value, value);
        if (raced != null) {
            size.decrementAndGet();
            return raced;
        }
        return value;
    }
}
