package io.obsagent.core.client;

import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.request.NoLoggingContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An async client's exchange callback is counted once, with the final response's status, and otherwise unchanged. */
class AsyncExchangeTest {

    /** The shape of Apache HttpClient 5's {@code AsyncExecCallback}, named by its methods only. */
    public interface ExecCallback {
        String handleResponse(Response response, Object details) throws IOException;

        void completed();

        void failed(Exception cause);
    }

    public interface Response {
        int getCode();
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final OutgoingCalls calls = new OutgoingCalls(new CurrentRequest(NoLoggingContext.INSTANCE), "X-Request-ID",
            true, null, new ClientMetrics(registry, new double[]{1}, 10));
    private final List<String> heard = new ArrayList<>();

    private final ExecCallback application = new ExecCallback() {
        @Override
        public String handleResponse(Response response, Object details) throws IOException {
            heard.add("response " + response.getCode());
            if (response.getCode() == 599) {
                throw new IOException("broken");
            }
            return "consumer";
        }

        @Override
        public void completed() {
            heard.add("completed");
        }

        @Override
        public void failed(Exception cause) {
            heard.add("failed");
        }

        @Override
        public String toString() {
            return "the application's callback";
        }
    };

    private ExecCallback exchange() {
        return (ExecCallback) calls.exchange(application, ExecCallback.class, "GET", "http", "billing", 8080);
    }

    @Test
    void aCallIsCountedOnceWithTheFinalStatusAndTheCallbackHearsEverything() throws IOException {
        ExecCallback exchange = exchange();

        assertThat(exchange.handleResponse(() -> 201, null)).isEqualTo("consumer");
        exchange.completed();
        exchange.failed(new IOException("late"));

        assertThat(heard).containsExactly("response 201", "completed", "failed");
        assertThat(count("201")).isEqualTo(1);
        assertThat(total()).isEqualTo(1);
        assertThat(exchange).hasToString("the application's callback").isEqualTo(exchange).isNotEqualTo(application);
        assertThat(calls.exchange(exchange, ExecCallback.class, "GET", "http", "billing", 8080)).isSameAs(exchange);
    }

    @Test
    void aCallThatFailedBeforeAnyResponseIsAnErrorAndTheCallbacksOwnExceptionPassesUnchanged() {
        ExecCallback refused = exchange();
        refused.failed(new IOException("Connection refused"));
        assertThat(count("error")).isEqualTo(1);

        ExecCallback broken = exchange();
        assertThatThrownBy(() -> broken.handleResponse(() -> 599, null)).isInstanceOf(IOException.class).hasMessage("broken");
        broken.failed(new IOException("broken"));
        assertThat(count("599")).isEqualTo(1);
        assertThat(total()).isEqualTo(2);
    }

    private double count(String status) {
        return points().filter(p -> p.getLabels().get("status").equals(status))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private double total() {
        return points().mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private java.util.stream.Stream<CounterSnapshot.CounterDataPointSnapshot> points() {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("http_client_requests"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream());
    }
}
