package io.obsagent.core.readiness;

import io.obsagent.core.config.ReadyCheckSpec;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Turns the operator's {@code ready.checks} into checks. */
public final class ConfiguredChecks {

    private ConfiguredChecks() {
    }

    public static List<ReadyCheck> from(List<ReadyCheckSpec> specs) {
        List<ReadyCheck> checks = new ArrayList<ReadyCheck>();
        if (specs == null) {
            return checks;
        }
        for (ReadyCheckSpec spec : specs) {
            URI target = spec.target();
            if ("tcp".equalsIgnoreCase(target.getScheme())) {
                checks.add(new TcpCheck(spec.name(), target.getHost(), target.getPort()));
            } else {
                checks.add(new HttpCheck(spec.name(), target));
            }
        }
        return checks;
    }
}
