package io.obsagent.core.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the agent's pool threads: daemons, so they never keep the application's JVM alive, and named
 * {@code obs-agent-...}, so an operator reading a thread dump knows whose they are.
 */
public final class AgentThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    /** {@code role} becomes part of the name: {@code obs-agent-<role>-<n>}. */
    public AgentThreads(String role) {
        this.prefix = "obs-agent-" + role + "-";
    }

    @Override
    public Thread newThread(Runnable task) {
        return daemon(prefix + count.incrementAndGet(), task);
    }

    /** One named daemon thread, not yet started. */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = new AgentThread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** True on the agent's own threads: what they do (an HTTP readiness check) is not the application's work. */
    public static boolean isAgentThread() {
        return Thread.currentThread() instanceof AgentThread;
    }

    private static final class AgentThread extends Thread {
        AgentThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
