package io.obsagent.core.client;

import io.obsagent.core.metrics.rules.Wildcards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code propagation.exclude_hosts}: comma-separated host globs ({@code *} is any run of characters), case-insensitive. */
final class HostPatterns {

    private final String[] patterns;

    HostPatterns(String commaSeparated) {
        List<String> list = new ArrayList<String>();
        if (commaSeparated != null) {
            for (String pattern : commaSeparated.split(",")) {
                if (!pattern.trim().isEmpty()) {
                    list.add(pattern.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        patterns = list.toArray(new String[0]);
    }

    boolean matches(String host) {
        if (patterns.length == 0 || host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (Wildcards.matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }
}
