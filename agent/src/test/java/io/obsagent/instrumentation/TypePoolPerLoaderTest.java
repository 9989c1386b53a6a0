package io.obsagent.instrumentation;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

class TypePoolPerLoaderTest {

    /**
     * As when the OpenTelemetry agent ran first: the class file being transformed implements an interface that
     * was generated at run time and has no class file anywhere, beside the interface this agent matches on.
     */
    @Test
    void aClassImplementingAGeneratedInterfaceStillMatchesItsOtherSupertypes() {
        Class<?> generated = new ByteBuddy().makeInterface().name("io.obsagent.test.GeneratedAccessor").make()
                .load(getClass().getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
        ClassLoader loader = generated.getClassLoader();
        assertThat(loader.getResource("io/obsagent/test/GeneratedAccessor.class")).as("no class file").isNull();
        DynamicType.Unloaded<?> instrumented = new ByteBuddy().subclass(Object.class).implement(Runnable.class, generated)
                .name("io.obsagent.test.Instrumented").make();
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(instrumented.getTypeDescription().getName(), instrumented.getBytes()),
                ClassFileLocator.ForClassLoader.of(loader));

        TypePool pool = new TypePoolPerLoader().typePool(locator, loader);

        assertThat(hasSuperType(named("java.lang.Runnable")).matches(pool.describe("io.obsagent.test.Instrumented").resolve()))
                .isTrue();
        assertThat(pool.describe("io.obsagent.test.GeneratedAccessor").resolve().isInterface()).isTrue();
    }

    @Test
    void aTypeThatIsNeitherAClassFileNorLoadedStaysUnresolved() {
        ClassLoader loader = getClass().getClassLoader();
        TypePool pool = new TypePoolPerLoader().typePool(ClassFileLocator.ForClassLoader.of(loader), loader);

        assertThat(pool.describe("io.obsagent.test.NoSuchType").isResolved()).isFalse();
        assertThat(pool.describe("io.obsagent.test.NoSuchType").isResolved()).isFalse();
    }

    @Test
    void afterStartUpNothingParsedIsKept() {
        ClassLoader loader = getClass().getClassLoader();
        TypePoolPerLoader pools = new TypePoolPerLoader();
        pools.typePool(ClassFileLocator.ForClassLoader.of(loader), loader).describe(getClass().getName()).resolve().getModifiers();
        assertThat(pools.locate(loader).find(getClass().getName())).as("shared while starting").isNotNull();

        pools.stopSharing();

        assertThat(pools.locate(loader).find(getClass().getName())).isNull();
        pools.typePool(ClassFileLocator.ForClassLoader.of(loader), loader).describe(getClass().getName()).resolve().getModifiers();
        assertThat(pools.locate(loader).find(getClass().getName())).as("not shared afterwards").isNull();
    }
}
