package io.obsagent.instrumentation;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's only registered class file transformer. It is installed at once in premain, long before
 * Byte Buddy is ready, and hands a class to Byte Buddy only when the agent instruments it by name, or its class
 * file mentions something the agent instruments and declares a method that would be advised ({@link MarkerRule}).
 * A class that needs instrumenting but loads while Byte Buddy is still being built waits for it (boundedly), so
 * nothing is missed however fast the application starts.
 */
final class CandidateFilter implements ClassFileTransformer {

    static final long READY_WAIT_SECONDS = 10;
    /** Bounds the learned markers, which every class file not ignored by name is searched for. */
    static final int MAX_LEARNED = 1000;

    /** Internal-name prefixes never instrumented but by name: the JDK and other agents;
     * the agent itself is {@link AgentPackages}. */
    private static final String[] IGNORED_PREFIXES = {"java/", "jdk/", "sun/", "com/sun/",
            "net/bytebuddy/", "io/opentelemetry/javaagent/", "co/elastic/apm/", "com/newrelic/",
            "datadog/", "com/datadoghq/", "org/glowroot/", "com/dynatrace/"};

    private final Set<String> typeNames;
    /** All rules' markers: what most class files are searched for, once each; the few that have one meet the rules. */
    private final MarkerSet markers;
    private final MarkerRule[] rules;
    private final MarkerSet inheritedMarkers;
    /** Names of the types whose class files had an inherited marker: their subtypes' class files name them. */
    private volatile String[] learnedMarkers = new String[0];
    private volatile SupertypeListener supertypeListener;
    private final Set<String> lateJdkTypes;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final FilterTotals totals = new FilterTotals();
    /**
     * Binary names of the candidates that loaded before Byte Buddy was ready and went on untransformed: to be
     * retransformed, found among all loaded classes by {@code Class.getName()} without converting each.
     */
    private final Set<String> passedUntransformed = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
    private volatile ClassFileTransformer byteBuddy;
    private volatile Thread installer;

    /** Told of each type whose subtypes became candidates; some of them may be loaded already. */
    interface SupertypeListener {
        void learned(String internalName);
    }

    /**
     * @param typeNames    internal names of the classes instrumented by name: candidates without reading their class file
     * @param rules        what the class file of any other candidate must show: a marker, some declared method
     * @param lateJdkTypes those of {@code typeNames} whose loading never waits for Byte Buddy: the executors and
     *                     clients that a starting application loads on its main thread long before it serves a
     *                     request (waiting there serialised the whole build into the start-up); they pass
     *                     untransformed and are retransformed with the other loaded candidates once it is ready
     */
    CandidateFilter(Set<String> typeNames, List<MarkerRule> rules, List<String> inheritedMarkers, Set<String> lateJdkTypes) {
        this.typeNames = typeNames;
        List<String> markers = new ArrayList<String>();
        for (MarkerRule rule : rules) {
            markers.addAll(rule.markers());
        }
        this.markers = new MarkerSet(markers);
        this.rules = rules.toArray(new MarkerRule[0]);
        this.inheritedMarkers = new MarkerSet(inheritedMarkers);
        this.lateJdkTypes = lateJdkTypes;
    }

    void supertypeListener(SupertypeListener listener) {
        supertypeListener = listener;
    }

    /** Byte Buddy is built (or failed to build: {@code null}); waiting classes go on. */
    void ready(ClassFileTransformer transformer) {
        byteBuddy = transformer;
        ready.countDown();
    }

    boolean hasTransformer() {
        return byteBuddy != null;
    }

    void installerThread(Thread thread) {
        installer = thread;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfile) throws IllegalClassFormatException {
        long start = System.nanoTime();
        boolean candidate = className != null && classfile != null && isCandidate(className, classfile);
        long filtered = System.nanoTime();
        totals.filtered(filtered - start, candidate);
        if (!candidate) {
            return null;
        }
        ClassFileTransformer delegate = byteBuddy;
        if (delegate == null && lateJdkTypes.contains(className)) {
            passedUntransformed.add(className.replace('/', '.'));
            return null;
        }
        if (delegate == null && Thread.currentThread() != installer) {
            try {
                ready.await(READY_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delegate = byteBuddy;
        }
        if (delegate == null) {
            passedUntransformed.add(className.replace('/', '.'));
            return null;
        }
        long transforming = System.nanoTime();
        totals.waited(transforming - filtered);
        try {
            return delegate.transform(loader, className, classBeingRedefined, protectionDomain, classfile);
        } finally {
            totals.transformed(System.nanoTime() - transforming);
        }
    }

    FilterTotals totals() {
        return totals;
    }

    /** Whether a class of this binary name loaded before Byte Buddy was ready and went on untransformed. */
    boolean passedUntransformed(String binaryName) {
        return passedUntransformed.contains(binaryName);
    }

    /** False for classes ignored by name alone: their class file need not even be read. */
    boolean mayConcern(String className) {
        return isNamed(className) || !isIgnored(className);
    }

    /** A class instrumented by name: a candidate whatever its class file holds. */
    boolean isNamed(String className) {
        return typeNames.contains(className);
    }

    boolean isCandidate(String className, byte[] classfile) {
        if (isNamed(className)) {
            return true;
        }
        if (isIgnored(className)) {
            return false;
        }
        // Latin-1 maps bytes to chars one to one, and String.indexOf is vectorised by the JVM.
        String text = new String(classfile, StandardCharsets.ISO_8859_1);
        if (inheritedMarkers.foundIn(text)) {
            learn(className);
        }
        return markers.foundIn(text) && meetsARule(text, classfile) || contains(text, learnedMarkers);
    }

    private boolean meetsARule(String text, byte[] classfile) {
        for (MarkerRule rule : rules) {
            if (rule.passes(text, classfile)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String text, String[] markers) {
        for (String marker : markers) {
            if (text.indexOf(marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A subtype's class file names its supertype as {@code name} (and in descriptors as {@code Lname;}). */
    private synchronized void learn(String className) {
        String[] known = learnedMarkers;
        for (String marker : known) {
            if (marker.equals(className)) {
                return;
            }
        }
        if (known.length >= MAX_LEARNED) {
            return;
        }
        String[] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = className;
        learnedMarkers = more;
        SupertypeListener listener = supertypeListener;
        if (listener != null) {
            listener.learned(className);
        }
    }

    private static boolean isIgnored(String className) {
        if (AgentPackages.contains(className)) {
            return true;
        }
        for (String prefix : IGNORED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
