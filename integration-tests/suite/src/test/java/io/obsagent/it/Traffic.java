package io.obsagent.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Http;

/**
 * Steady GET traffic at a fixed pace, alternating between the replicas, each going through the same round of
 * paths; remembers when each request completed and what it answered, to compare with what Prometheus computes.
 */
final class Traffic {

    private final Map<AppProcess, Integer> sent = new HashMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<Long> completedMillis = new ArrayList<>();
    private long startMillis;
    private long endMillis;

    private Traffic() {
    }

    static Traffic send(List<AppProcess> replicas, List<String> round, int perSecond, Duration duration) throws InterruptedException {
        Traffic traffic = new Traffic();
        long pace = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long begin = System.nanoTime();
        traffic.startMillis = System.currentTimeMillis();
        for (int i = 0; System.nanoTime() - begin < duration.toNanos(); i++) {
            AppProcess replica = replicas.get(i % replicas.size());
            int status = Http.get(replica.appUrl(round.get((i / replicas.size()) % round.size()))).status();
            traffic.completedMillis.add(System.currentTimeMillis());
            traffic.statuses.merge(status, 1, Integer::sum);
            traffic.sent.merge(replica, 1, Integer::sum);
            long wait = begin + (i + 1) * pace - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        traffic.endMillis = System.currentTimeMillis();
        return traffic;
    }

    int sent(AppProcess replica) {
        return sent.getOrDefault(replica, 0);
    }

    /** Status code to how many requests answered it. */
    Map<Integer, Integer> statuses() {
        return statuses;
    }

    /** Requests that completed after {@code fromSeconds} and at or before {@code toSeconds} (Unix time). */
    long completedBetween(double fromSeconds, double toSeconds) {
        return completedMillis.stream().filter(t -> t > fromSeconds * 1000 && t <= toSeconds * 1000).count();
    }

    double startSeconds() {
        return startMillis / 1000.0;
    }

    double endSeconds() {
        return endMillis / 1000.0;
    }
}
