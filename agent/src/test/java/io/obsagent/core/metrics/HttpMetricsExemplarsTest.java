package io.obsagent.core.metrics;

import io.obsagent.core.events.FixedRequest;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class HttpMetricsExemplarsTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HttpMetrics metrics = new HttpMetrics(registry, new double[]{0.1, 1});

    @Test
    void openMetricsBucketsCarryTheirLatestRequestAndTextStaysWithoutExemplars() throws IOException {
        metrics.recorded(new FixedRequest("fast-1", "GET", "/a", TRACE), 0, "/a", 200, 5_000_000L);
        metrics.recorded(new FixedRequest("fast-2", "GET", "/a"), 0, "/a", 200, 6_000_000L);
        metrics.recorded(new FixedRequest("slow", "GET", "/a"), 0, "/a", 200, 2_500_000_000L);

        String open = write(true);
        assertThat(open).containsPattern("http_request_duration_seconds_bucket\\{endpoint=\"/a\",method=\"GET\",status=\"200\",le=\"0.1\"} 2"
                + " # \\{request_id=\"fast-1\",trace_id=\"" + TRACE + "\"} 0.005 \\d+\\.\\d+");
        assertThat(open).containsPattern("le=\"\\+Inf\"} 3 # \\{request_id=\"slow\"} 2.5 ");
        assertThat(write(false)).doesNotContain("request_id").contains("http_request_duration_seconds_count");
    }

    @Test
    void labelsKeepWhatFitsOpenMetricsLimitRequestIdFirst() {
        char[] longId = new char[118]; // "request_id" and 118 characters: exactly 128
        Arrays.fill(longId, 'x');
        assertThat((Object) BucketExemplars.labels("id-1", TRACE)).isEqualTo(Labels.of("request_id", "id-1", "trace_id", TRACE));
        assertThat((Object) BucketExemplars.labels(new String(longId), TRACE)).isEqualTo(Labels.of("request_id", new String(longId)));
        char[] tooLong = new char[119];
        Arrays.fill(tooLong, 'y');
        assertThat((Object) BucketExemplars.labels(new String(tooLong), TRACE)).isEqualTo(Labels.of("trace_id", TRACE));
    }

    private String write(boolean openMetrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (openMetrics) {
            new OpenMetricsTextFormatWriter(false, true).write(out, registry.scrape());
        } else {
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
