package io.obsagent.instrumentation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.obsagent.instrumentation.InstrumentedShop.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a watched call costs, measured on the inlined advice as it runs in an application: a loop over a
 * counted (or timed) method against the same loop over an unwatched one. The figures are printed; the test
 * itself only insists that the hot path allocates nothing, since timings on a shared machine are not a verdict.
 */
class WatchedCallCostTest {

    private static final int CALLS = 2_000_000;
    private static final int ROUNDS = 10;

    private InstrumentedShop shop;

    @BeforeEach
    void load() throws NoSuchMethodException {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("scans.type", "counter");
        rules.put("scans.method", "com.example.shop.Checkout#scan");
        rules.put("weighings.type", "timer");
        rules.put("weighings.method", "com.example.shop.Checkout#weigh");
        shop = new InstrumentedShop(rules);
    }

    @AfterEach
    void unload() {
        shop.close();
    }

    @Test
    void aWatchedCallAllocatesNothingAndItsCostIsReported() throws Throwable {
        Object checkout = shop.create("Checkout");
        double plain = fastestNanosPerCall(checkout, "packTimes");
        double counted = fastestNanosPerCall(checkout, "scanTimes");
        double timed = fastestNanosPerCall(checkout, "weighTimes");
        System.out.printf("watched call cost: counter %.1f ns, timer %.1f ns (unwatched call %.1f ns)%n",
                counted - plain, timed - plain, plain);

        long allocatedBefore = allocatedBytes();
        call(checkout, "scanTimes", CALLS);
        call(checkout, "weighTimes", CALLS);
        long allocated = allocatedBytes() - allocatedBefore;

        assertThat(allocated).as("bytes allocated by %s watched calls", 2 * CALLS).isLessThan(64 * 1024);
        assertThat(shop.samples().get("scans_total")).isEqualTo((ROUNDS + 1) * (double) CALLS);
    }

    private static double fastestNanosPerCall(Object checkout, String loop) throws Throwable {
        long fastest = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            call(checkout, loop, CALLS);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest / (double) CALLS;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
