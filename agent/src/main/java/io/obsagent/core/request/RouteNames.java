package io.obsagent.core.request;

import io.obsagent.core.metrics.LabelLimit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoint names made of a context path, a servlet prefix and a template or mapping, remembered per template so
 * that a request under a prefix or a context path neither concatenates nor hashes a new string. Templates and
 * mappings come from the application's code and configuration, so they are few; the raw-path fallback never
 * comes here. Past {@link #MAX_TEMPLATES} (or {@link #MAX_PREFIXES} per template) names are joined uncached.
 */
final class RouteNames {

    static final int MAX_TEMPLATES = 4096;
    static final int MAX_PREFIXES = 8;

    private final ConcurrentHashMap<String, Joined[]> byTemplate = new ConcurrentHashMap<String, Joined[]>();

    /** The admitted endpoint for {@code template} under {@code context} and {@code prefix}. */
    String joined(String context, String prefix, String template, LabelLimit limit) {
        Joined[] known = byTemplate.get(template);
        if (known != null) {
            for (Joined j : known) {
                if (j.context.equals(context) && j.prefix.equals(prefix)) {
                    return j.endpoint;
                }
            }
        }
        String endpoint = limit.admit(join(join(context, prefix), template));
        remember(template, new Joined(context, prefix, endpoint), known);
        return endpoint;
    }

    private void remember(String template, Joined joined, Joined[] known) {
        int n = known == null ? 0 : known.length;
        if (n >= MAX_PREFIXES || (known == null && byTemplate.size() >= MAX_TEMPLATES)) {
            return;
        }
        Joined[] grown = new Joined[n + 1];
        if (n > 0) {
            System.arraycopy(known, 0, grown, 0, n);
        }
        grown[n] = joined;
        // A racing writer may replace this copy with its own: a name is then joined once more, never wrongly.
        byTemplate.put(template, grown);
    }

    /** {@code prefix} then {@code template}, with exactly one slash between them and one in front. */
    static String join(String prefix, String template) {
        if (prefix.isEmpty()) {
            return template.startsWith("/") || template.isEmpty() ? template : "/" + template;
        }
        if (template.isEmpty()) {
            return prefix;
        }
        boolean prefixSlash = prefix.endsWith("/");
        boolean templateSlash = template.startsWith("/");
        if (prefixSlash && templateSlash) {
            return prefix + template.substring(1);
        }
        return prefixSlash || templateSlash ? prefix + template : prefix + "/" + template;
    }

    /** One name: the same template under one context path and servlet prefix. */
    private static final class Joined {
        final String context;
        final String prefix;
        final String endpoint;

        Joined(String context, String prefix, String endpoint) {
            this.context = context;
            this.prefix = prefix;
            this.endpoint = endpoint;
        }
    }
}
