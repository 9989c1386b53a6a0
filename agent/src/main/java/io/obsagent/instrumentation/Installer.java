package io.obsagent.instrumentation;

import io.obsagent.bridge.FirstCopy;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Installs the instrumentation in two steps. {@link #register} runs in premain and costs next to
 * nothing: it registers the {@link CandidateFilter}. {@link #build} runs on a background thread: it
 * builds Byte Buddy's transformer (the expensive part of any agent's start), hands it to the filter,
 * and retransforms the few candidate classes that were loaded before the agent.
 */
public final class Installer {

    private final Instrumentation inst;
    private final List<TypeInstrumentation> instrumentations;
    private final CandidateFilter filter;
    private final TypePoolPerLoader typePools = new TypePoolPerLoader();
    /** What the filter never saw; held only until {@link #retransformLoadedCandidates}. */
    private volatile Class<?>[] loadedBeforeFilter;
    private static final byte[] NO_CLASS_FILE = new byte[0];

    private Installer(Instrumentation inst, List<TypeInstrumentation> instrumentations, List<String> lateJdkTypes) {
        this.inst = inst;
        this.instrumentations = instrumentations;
        Set<String> typeNames = new HashSet<String>();
        List<MarkerRule> rules = new ArrayList<MarkerRule>();
        List<String> inheritedMarkers = new ArrayList<String>();
        for (TypeInstrumentation instrumentation : instrumentations) {
            typeNames.addAll(internalNames(instrumentation.typeNames()));
            rules.add(MarkerRule.of(instrumentation));
            inheritedMarkers.addAll(instrumentation.inheritedMarkers());
        }
        this.filter = new CandidateFilter(typeNames, rules, inheritedMarkers, new HashSet<String>(internalNames(lateJdkTypes)));
    }

    /**
     * Premain: starts filtering class loads; nothing is transformed until {@link #build} completes.
     * {@code lateJdkTypes} (binary names of instrumented JDK types) never wait for it: see {@link CandidateFilter}.
     */
    public static Installer register(Instrumentation inst, List<TypeInstrumentation> instrumentations, List<String> lateJdkTypes) {
        Installer installer = new Installer(inst, instrumentations, lateJdkTypes);
        inst.addTransformer(installer.filter, true);
        installer.loadedBeforeFilter = inst.getAllLoadedClasses();
        return installer;
    }

    /** Start-up failed before {@link #build}: classes waiting in the filter go on, untransformed. */
    public void abandon() {
        filter.ready(null);
    }

    /**
     * Background: builds Byte Buddy's transformer. Classes waiting in the filter proceed when this returns, whatever
     * happens; then {@link #retransformLoadedCandidates} instruments those loaded before.
     */
    public void build(AgentBuilder.Listener listener) {
        filter.installerThread(Thread.currentThread());
        ClassFileTransformer transformer = null;
        try {
            letTheJdkReadTheBridge();
            ModuleFirstLocation location = new ModuleFirstLocation();
            Advices advices = new Advices(Installer.class.getClassLoader(), location, typePools);
            transformer = byteBuddy(instrumentations, listener, typePools, location, advices);
        } catch (Throwable t) {
            listener.onError("byte-buddy", null, null, false, t);
        } finally {
            filter.ready(transformer);
        }
        if (transformer != null) {
            filter.supertypeListener(new LoadedSubtypes(inst, listener));
        }
    }

    /** Byte Buddy's transformer for {@code instrumentations}; what {@link #build} hands to the filter (tests use it directly). */
    static ClassFileTransformer byteBuddy(List<TypeInstrumentation> instrumentations, AgentBuilder.Listener listener,
                                          TypePoolPerLoader typePools, ModuleFirstLocation location, Advices advices) {
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                // Advice only visits the methods it matches: no method graph of the whole hierarchy is needed.
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(typePools)
                .with(location)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(listener)
                .ignore(new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
                    @Override
                    public boolean matches(TypeDescription type) {
                        return AgentPackages.contains(type.getInternalName());
                    }
                });
        for (TypeInstrumentation instrumentation : instrumentations) {
            builder = instrumentation.extend(builder, advices);
        }
        return builder.makeRaw();
    }

    /**
     * Byte Buddy's defaults reach for {@code sun.misc.Unsafe}, which Java 24+ warns about on the console; we
     * need no class injection, so its "safe" mode is on while the classes that read the switch initialise.
     * The property has Byte Buddy's relocated name, and is removed again at once: the agent leaves no
     * JVM-wide property behind.
     */
    private static AgentBuilder newAgentBuilder() {
        String safe = ClassInjector.UsingUnsafe.SAFE_PROPERTY;
        String before = System.getProperty(safe);
        System.setProperty(safe, "true");
        try {
            // Advice only rewrites methods a class declares: no graph of the methods it inherits is needed.
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED)
                    .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE));
        } finally {
            if (before == null) {
                System.clearProperty(safe);
            } else {
                System.setProperty(safe, before);
            }
        }
    }

    /**
     * Advice inlined into JDK classes (the socket bind, executors, HTTP clients) calls the bridge, which lives in
     * the boot loader's unnamed module; the JDK modules instrumented must be allowed to read it. Reflective: the
     * agent compiles for Java 8.
     */
    private void letTheJdkReadTheBridge() throws ReflectiveOperationException {
        Method getModule;
        try {
            getModule = Class.class.getMethod("getModule");
        } catch (NoSuchMethodException java8) {
            return;
        }
        Class<?> moduleType = Class.forName("java.lang.Module");
        Method redefineModule = Instrumentation.class.getMethod("redefineModule", moduleType, Set.class, Map.class,
                Map.class, Set.class, Map.class);
        for (Class<?> jdkType : instrumentedModules()) {
            redefineModule.invoke(inst, getModule.invoke(jdkType), Collections.singleton(getModule.invoke(FirstCopy.class)),
                    Collections.emptyMap(), Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        }
    }

    /** A class of each JDK module whose classes get advice: {@code java.base}, and {@code java.net.http} when present. */
    private static List<Class<?>> instrumentedModules() {
        List<Class<?>> types = new ArrayList<Class<?>>();
        types.add(Object.class);
        try {
            types.add(Class.forName("java.net.http.HttpClient", false, ClassLoader.getSystemClassLoader()));
        } catch (ClassNotFoundException | LinkageError notInThisJdk) {
            // Java 8 to 10, or a runtime image without the module: nothing of it is instrumented.
        }
        return types;
    }

    /**
     * The application has started: the type descriptions Byte Buddy parsed for its start (megabytes for a framework's
     * hierarchies) and the advice resolved for its loaders are let go, and a class loaded later is matched and advised
     * with what is parsed for it alone.
     */
    public void startupOver() {
        typePools.stopSharing();
    }

    public FilterTotals filterTotals() {
        return filter.totals();
    }

    /**
     * The candidates the filter could not hand to Byte Buddy, retransformed: those loaded before the filter was
     * registered (whose class files are read only when their names do not rule them out), and those that loaded
     * while Byte Buddy was being built and went on untransformed (known by name). Returns how many (none when the
     * build failed).
     */
    public int retransformLoadedCandidates(AgentBuilder.Listener listener) {
        Class<?>[] before = loadedBeforeFilter;
        loadedBeforeFilter = null;
        if (!filter.hasTransformer()) {
            return 0;
        }
        Set<Class<?>> candidates = Collections.newSetFromMap(new IdentityHashMap<Class<?>, Boolean>());
        for (Class<?> type : before) {
            if (isModifiable(type)) {
                String internalName = type.getName().replace('.', '/');
                byte[] classfile = classfile(type, internalName);
                if (classfile != null && filter.isCandidate(internalName, classfile)) {
                    candidates.add(type);
                }
            }
        }
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (filter.passedUntransformed(type.getName()) && isModifiable(type)) {
                candidates.add(type);
            }
        }
        for (Class<?> type : candidates) {
            try {
                inst.retransformClasses(type);
            } catch (Throwable t) {
                listener.onError(type.getName(), type.getClassLoader(), JavaModule.ofType(type), true, t);
            }
        }
        return candidates.size();
    }

    private boolean isModifiable(Class<?> type) {
        return inst.isModifiableClass(type) && !type.isArray() && !type.isPrimitive();
    }

    /** A loaded class's file as its loader serves it; only read for classes the filter would not ignore by name. */
    private byte[] classfile(Class<?> type, String internalName) {
        if (!filter.mayConcern(internalName)) {
            return null;
        }
        if (filter.isNamed(internalName)) {
            // Chosen by name. Reading a JDK class file loads the jrt: URL handler, which beside another agent can be
            // a class being loaded right then (a ClassCircularityError that stopped the whole start).
            return NO_CLASS_FILE;
        }
        ClassLoader loader = type.getClassLoader();
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return ClassFiles.readAll(in);
        } catch (IOException | RuntimeException | LinkageError unreadable) {
            return null;
        }
    }

    private static List<String> internalNames(List<String> binaryNames) {
        List<String> names = new ArrayList<String>();
        for (String name : binaryNames) {
            names.add(name.replace('.', '/'));
        }
        return names;
    }
}
