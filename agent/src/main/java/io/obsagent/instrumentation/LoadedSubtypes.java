package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Retransforms the subtypes of a newly learned supertype (see {@link CandidateFilter}) that were loaded before it
 * was: the JVM reads a class's file, and so transforms it, before it loads the interfaces the class implements.
 * Runs shortly after, on one daemon thread, once the class that triggered the learning is defined.
 */
final class LoadedSubtypes implements CandidateFilter.SupertypeListener {

    private static final long DELAY_MILLIS = 200;

    private final Instrumentation inst;
    private final AgentBuilder.Listener listener;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    LoadedSubtypes(Instrumentation inst, AgentBuilder.Listener listener) {
        this.inst = inst;
        this.listener = listener;
    }

    @Override
    public void learned(String internalName) {
        if (pending.add(internalName.replace('/', '.')) && scheduled.compareAndSet(false, true)) {
            executor().schedule(new Runnable() {
                @Override
                public void run() {
                    retransformSubtypes();
                }
            }, DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(new ThreadFactory() {
                @Override
                public Thread newThread(Runnable task) {
                    Thread thread = new Thread(task, "obs-agent-subtypes");
                    thread.setDaemon(true);
                    return thread;
                }
            });
        }
        return executor;
    }

    private void retransformSubtypes() {
        scheduled.set(false);
        Set<String> supertypes = new HashSet<String>(pending);
        pending.removeAll(supertypes);
        List<Class<?>> subtypes = new ArrayList<Class<?>>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (!type.isInterface() && !type.isArray() && inst.isModifiableClass(type) && !supertypes.contains(type.getName())
                    && hasSupertypeNamed(type, supertypes)) {
                subtypes.add(type);
            }
        }
        for (Class<?> type : subtypes) {
            try {
                inst.retransformClasses(type);
            } catch (Throwable t) {
                listener.onError(type.getName(), type.getClassLoader(), JavaModule.ofType(type), true, t);
            }
        }
    }

    private static boolean hasSupertypeNamed(Class<?> type, Set<String> names) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (names.contains(t.getName()) || hasInterfaceNamed(t, names)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasInterfaceNamed(Class<?> type, Set<String> names) {
        for (Class<?> face : type.getInterfaces()) {
            if (names.contains(face.getName()) || hasInterfaceNamed(face, names)) {
                return true;
            }
        }
        return false;
    }
}
