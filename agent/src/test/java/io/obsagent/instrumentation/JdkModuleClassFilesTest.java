package io.obsagent.instrumentation;

import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class JdkModuleClassFilesTest {

    private final ClassFileLocator jdk = JdkModuleClassFiles.ofBootLayer();

    @Test
    void readsTheClassFilesOfTheJdksModules() throws IOException {
        for (String name : new String[] {"java.lang.Object", "java.util.concurrent.ThreadPoolExecutor", "java.sql.Connection",
                "java.net.http.HttpClient"}) {
            ClassFileLocator.Resolution found = jdk.locate(name);
            assertThat(found.isResolved()).as(name).isTrue();
            assertThat(found.resolve()).as(name).startsWith(0xca, 0xfe, 0xba, 0xbe);
        }
    }

    @Test
    void findsNothingOutsideThem() throws IOException {
        assertThat(jdk.locate("com.example.Missing").isResolved()).isFalse();
        assertThat(jdk.locate("java.lang.NoSuchClass").isResolved()).isFalse();
        assertThat(jdk.locate("Unpackaged").isResolved()).isFalse();
    }
}
