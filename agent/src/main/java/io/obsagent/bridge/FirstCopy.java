package io.obsagent.bridge;

import java.util.concurrent.atomic.AtomicBoolean;

/** Which copy of the agent runs: the bridge exists once per JVM, so the first copy to claim it wins. */
public final class FirstCopy {

    private static final AtomicBoolean CLAIMED = new AtomicBoolean();

    private FirstCopy() {
    }

    /** True for the first agent copy in this JVM; a second copy attached by mistake stays inert. */
    public static boolean claim() {
        return CLAIMED.compareAndSet(false, true);
    }
}
