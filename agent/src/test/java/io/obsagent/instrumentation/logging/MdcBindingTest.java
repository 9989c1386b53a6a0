package io.obsagent.instrumentation.logging;

import io.obsagent.core.events.FixedRequest;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real SLF4J (over Logback 1.5) and Log4j 2 stores, both on this test's class path. */
class MdcBindingTest {

    private final MdcBinding binding = new MdcBinding();

    @AfterEach
    void clean() {
        MDC.clear();
        ThreadContext.clearMap();
    }

    @Test
    void theRequestKeysAreInBothStoresDuringTheRequestAndGoneAfter() {
        Object scope = binding.enter(new FixedRequest("req-1", "POST", "/api/v1/tasks"));

        assertThat(MDC.get("request_id")).isEqualTo("req-1");
        assertThat(MDC.get("method")).isEqualTo("POST");
        assertThat(MDC.get("path")).isEqualTo("/api/v1/tasks");
        assertThat(ThreadContext.get("request_id")).isEqualTo("req-1");

        binding.exit(scope);

        assertThat(MDC.get("request_id")).isNull();
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        assertThat(ThreadContext.get("request_id")).isNull();
        assertThat(ThreadContext.isEmpty()).isTrue();
    }

    @Test
    void aTraceIdIsPutOnlyForARequestThatCameWithOneAndRemovedAfter() {
        binding.exit(binding.enter(new FixedRequest("plain", "GET", "/")));
        Object scope = binding.enter(new FixedRequest("traced", "GET", "/", "4bf92f3577b34da6a3ce929d0e0e4736"));
        assertThat(MDC.get("trace_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        binding.exit(scope);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        MDC.put("trace_id", "the-application's");
        binding.exit(binding.enter(new FixedRequest("untraced", "GET", "/")));
        assertThat(MDC.get("trace_id")).isEqualTo("the-application's");
    }

    @Test
    void valuesTheApplicationHadBeforeAreRestored() {
        MDC.put("request_id", "outer");
        MDC.put("tenant", "acme");
        ThreadContext.put("path", "/outer");

        binding.exit(binding.enter(new FixedRequest("inner", "GET", "/inner")));

        assertThat(MDC.get("request_id")).isEqualTo("outer");
        assertThat(MDC.get("tenant")).isEqualTo("acme");
        assertThat(MDC.get("method")).isNull();
        assertThat(ThreadContext.get("path")).isEqualTo("/outer");
    }

    @Test
    void aPooledThreadCarriesNothingFromOneRequestToTheNext() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pool.submit(() -> binding.exit(binding.enter(new FixedRequest("first", "GET", "/a")))).get();
            String seenByNext = pool.submit(() -> MDC.get("request_id") + "/" + ThreadContext.get("request_id")).get();
            assertThat(seenByNext).isEqualTo("null/null");
        } finally {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLoaderThatSeesNoLoggingLibraryCostsNothingAndFillsNothing() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(new ClassLoader(null) {
        });
        try {
            assertThat(binding.enter(new FixedRequest("req", "GET", "/"))).isNull();
        } finally {
            thread.setContextClassLoader(before);
        }
        assertThat(MDC.get("request_id")).isNull();
    }
}
