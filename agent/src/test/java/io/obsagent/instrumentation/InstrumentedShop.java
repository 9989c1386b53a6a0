package io.obsagent.instrumentation;

import io.obsagent.bridge.Rules;
import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.metrics.ExposedSamples;
import io.obsagent.core.metrics.rules.MetricRules;
import io.obsagent.core.metrics.rules.RuleMetrics;
import io.obsagent.instrumentation.rules.MethodRulesInstrumentation;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test application {@code com.example.shop} loaded as under the agent: its class files pass the agent's
 * {@link CandidateFilter} and Byte Buddy transformer, built from the given rules, before they are defined; the
 * advice reaches the rule metrics through the real {@link Rules} bridge. Close it to unregister the hooks.
 */
final class InstrumentedShop extends ClassLoader implements AutoCloseable {

    private static final String SHOP = "com.example.shop.";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final MetricRules rules;
    private final CandidateFilter filter;
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    InstrumentedShop(Map<String, String> ruleFamily) throws NoSuchMethodException {
        super(InstrumentedShop.class.getClassLoader());
        rules = MetricRules.parse(ruleFamily, problems);
        RuleMetrics metrics = RuleMetrics.register(rules, registry, new double[] {0.001, 1}, problems::add);
        MethodRulesInstrumentation instrumentation = new MethodRulesInstrumentation(rules);
        filter = new CandidateFilter(Collections.emptySet(), Collections.singletonList(MarkerRule.of(instrumentation)), Collections.emptyList(),
                Collections.emptySet());
        TypePoolPerLoader pools = new TypePoolPerLoader();
        ModuleFirstLocation location = new ModuleFirstLocation();
        filter.ready(Installer.byteBuddy(Collections.singletonList(instrumentation), new AgentBuilder.Listener.Adapter() {
            @Override
            public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
                failures.add(typeName + ": " + error);
            }
        }, pools, location, new Advices(InstrumentedShop.class.getClassLoader(), location, pools)));
        Rules.register(metrics);
    }

    MetricRules rules() {
        return rules;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** Byte Buddy's errors, which must stay empty. */
    List<String> failures() {
        return failures;
    }

    boolean wasTransformed(String simpleName) {
        return transformed.contains(SHOP + simpleName);
    }

    Object create(String simpleName, Object... arguments) throws ReflectiveOperationException {
        for (java.lang.reflect.Constructor<?> constructor : loadClass(SHOP + simpleName).getConstructors()) {
            if (constructor.getParameterCount() == arguments.length) {
                return constructor.newInstance(arguments);
            }
        }
        throw new NoSuchMethodException(simpleName + " with " + arguments.length + " arguments");
    }

    /** Calls a public method by name and arity; what the method throws is thrown as it is. */
    static Object call(Object target, String method, Object... arguments) throws Throwable {
        Class<?> type = target instanceof Class ? (Class<?>) target : target.getClass();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == arguments.length) {
                try {
                    return m.invoke(target instanceof Class ? null : target, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    Map<String, Double> samples() {
        return ExposedSamples.of(registry);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(SHOP)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = define(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
        String internalName = name.replace('.', '/');
        byte[] original = read(internalName + ".class");
        if (original == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] result;
        try {
            result = filter.transform(this, internalName, null, null, original);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (result != null) {
            transformed.add(name);
        }
        byte[] bytes = result == null ? original : result;
        return defineClass(name, bytes, 0, bytes.length);
    }

    private byte[] read(String resource) {
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Rules.register(new Rules.Hooks() {
            @Override
            public long enter(int probe) {
                return 0;
            }

            @Override
            public void exit(int probe, long startNanos, Throwable thrown) {
            }
        });
    }
}
