package io.obsagent.it.harness;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP response: status, headers (names case-insensitive, multi-valued) and body text. */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {

    public HttpResult {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(caseInsensitive);
    }

    /** The first value of the header, or null when absent. */
    public String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }
}
