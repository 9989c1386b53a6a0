package io.obsagent.core.request;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the number of distinct {@code endpoint} label values. The first {@code limit} values are kept;
 * later new ones, and any value too long to be a real route, are recorded as {@code OTHER}. Returned
 * values are canonical instances, so the series cache can compare them cheaply.
 */
public final class RouteLimiter {

    public static final String OTHER = "OTHER";
    public static final String NOT_FOUND = "NOT_FOUND";
    static final int MAX_LENGTH = 256;

    private final int limit;
    private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<String, String>();
    private final AtomicInteger size = new AtomicInteger();

    public RouteLimiter(int limit) {
        this.limit = limit;
    }

    public String admit(String endpoint) {
        String known = admitted.get(endpoint);
        if (known != null) {
            return known;
        }
        if (endpoint.length() > MAX_LENGTH || size.get() >= limit) {
            return OTHER;
        }
        if (size.incrementAndGet() > limit) {
            size.decrementAndGet();
            return OTHER;
        }
        String raced = admitted.putIfAbsent(endpoint, endpoint);
        if (raced != null) {
            size.decrementAndGet();
            return raced;
        }
        return endpoint;
    }

    /** Distinct values admitted so far (never more than the limit). */
    public int size() {
        return admitted.size();
    }
}
