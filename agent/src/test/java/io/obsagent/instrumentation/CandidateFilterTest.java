package io.obsagent.instrumentation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateFilterTest {

    private static final byte[] NO_CLASS_FILE = new byte[0];

    private final CandidateFilter filter = new CandidateFilter(
            new HashSet<>(Arrays.asList("org/apache/catalina/core/StandardContext", "java/util/concurrent/FutureTask")),
            Arrays.asList(new MarkerRule(Collections.singletonList("Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;"),
                            Collections.emptyList()),
                    new MarkerRule(Collections.singletonList(")Ljava/sql/Connection;"), Collections.singletonList("getConnection"))),
            Collections.singletonList("Ljakarta/ws/rs/Path;"),
            Collections.singleton("java/util/concurrent/FutureTask"));

    @Test
    void aClassInstrumentedByNameIsACandidateWithoutItsClassFile() {
        assertThat(filter.isCandidate("org/apache/catalina/core/StandardContext", NO_CLASS_FILE)).isTrue();
        assertThat(filter.isCandidate("java/util/concurrent/FutureTask", NO_CLASS_FILE)).isTrue();
        assertThat(filter.mayConcern("java/util/concurrent/FutureTask")).isTrue();
    }

    @Test
    void aClassThatMerelyNamesAClassInstrumentedByNameIsNot() {
        assertThat(filter.isCandidate("org/apache/catalina/core/StandardHost",
                file("org/apache/catalina/core/StandardContext"))).isFalse();
    }

    @Test
    void aClassFileWithAMarkerIsACandidate() {
        assertThat(filter.isCandidate("com/example/Api",
                file("(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;)V"))).isTrue();
        assertThat(filter.isCandidate("com/example/Other", file("(Ljakarta/servlet/ServletRequest;)V"))).isFalse();
    }

    @Test
    void aClassFileWithAMarkerMustDeclareAConcreteMethodItsRuleNames() throws IOException {
        assertThat(filter.isCandidate("com/example/PoolDataSource", compiled(PoolDataSource.class))).isTrue();
        assertThat(filter.isCandidate("com/example/Repository", compiled(Repository.class))).as("only calls it").isFalse();
        assertThat(filter.isCandidate("com/example/Declared", compiled(Declared.class))).as("abstract").isFalse();
        assertThat(filter.isCandidate("com/example/ConnectionSource", compiled(ConnectionSource.class))).as("interface").isFalse();
    }

    @Test
    void aClassFileTooShortToReadIsLeftToByteBuddy() throws IOException {
        byte[] whole = compiled(Repository.class);
        assertThat(filter.isCandidate("com/example/Repository", Arrays.copyOf(whole, whole.length - 40))).isTrue();
    }

    @Test
    void theJdkAndTheAgentAreNeverCandidatesButByName() {
        String marker = "(Ljakarta/servlet/ServletRequest;Ljakarta/servlet/ServletResponse;)V";
        assertThat(filter.isCandidate("java/util/concurrent/ThreadPoolExecutor", file(marker))).isFalse();
        assertThat(filter.isCandidate("io/obsagent/core/request/Routes", file(marker))).isFalse();
        assertThat(filter.mayConcern("java/util/HashMap")).isFalse();
        assertThat(filter.mayConcern("com/example/Api")).isTrue();
    }

    @Test
    void aSubtypeOfATypeWithAnInheritedMarkerIsACandidate() {
        assertThat(filter.isCandidate("com/example/UsersApi", file("Ljakarta/ws/rs/Path;"))).isFalse();
        assertThat(filter.isCandidate("com/example/UsersResource", file("com/example/UsersApi"))).isTrue();
        assertThat(filter.isCandidate("com/example/Unrelated", file("com/example/Other"))).isFalse();
    }

    @Test
    void aLateJdkTypeLoadedBeforeByteBuddyIsReadyPassesAtOnceUntransformed() throws Exception {
        long start = System.nanoTime();
        assertThat(filter.transform(null, "java/util/concurrent/FutureTask", null, null, NO_CLASS_FILE)).isNull();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(CandidateFilter.READY_WAIT_SECONDS));
    }

    abstract static class PoolDataSource implements DataSource {
        @Override
        public Connection getConnection() {
            return null;
        }
    }

    static class Repository {
        Object load(DataSource source) throws SQLException {
            return source.getConnection();
        }
    }

    abstract static class Declared implements DataSource {
        @Override
        public abstract Connection getConnection();
    }

    interface ConnectionSource extends DataSource {
        @Override
        default Connection getConnection() {
            return null;
        }
    }

    private static byte[] compiled(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static byte[] file(String constant) {
        return ("\u00ca\u00fe\u00ba\u00be..." + constant + "...").getBytes(StandardCharsets.ISO_8859_1);
    }
}
