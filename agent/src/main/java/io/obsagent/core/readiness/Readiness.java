package io.obsagent.core.readiness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One evaluation of every readiness check: what {@code /health/ready} answers. */
public final class Readiness {

    private final Map<String, String> checks;
    private final String error;

    Readiness(Map<String, CheckResult> results) {
        Map<String, String> states = new LinkedHashMap<String, String>();
        String firstError = null;
        for (Map.Entry<String, CheckResult> e : results.entrySet()) {
            CheckResult result = e.getValue();
            states.put(e.getKey(), result.state().text());
            if (firstError == null && !result.isOk()) {
                firstError = e.getKey() + ": " + (result.message() == null ? result.state().text() : result.message());
            }
        }
        this.checks = Collections.unmodifiableMap(states);
        this.error = firstError;
    }

    public boolean isReady() {
        return error == null;
    }

    /** Check name to {@code ok}, {@code starting} or {@code failed}, in the order the checks are declared. */
    public Map<String, String> checks() {
        return checks;
    }

    /** The first check that is not ok, as {@code name: message}; {@code null} when ready. */
    public String error() {
        return error;
    }
}
