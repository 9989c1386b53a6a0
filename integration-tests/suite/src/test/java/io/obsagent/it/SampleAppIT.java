package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample service answers its API with the same statuses whether the agent is attached or not. */
class SampleAppIT {

    @ParameterizedTest(name = "with agent: {0}")
    @ValueSource(booleans = {false, true})
    void answersItsTaskApi(boolean withAgent) {
        AppProcessBuilder builder = AppProcess.builder(Apps.sampleApp());
        if (withAgent) {
            builder.withAgent();
        }
        try (AppProcess app = builder.start()) {
            app.awaitReady();

            assertThat(exerciseTaskApi(app)).containsExactly(
                    entry("create", 201),
                    entry("get", 200),
                    entry("list", 200),
                    entry("delete", 204),
                    entry("get deleted", 404),
                    entry("create without title", 400));
        }
    }

    /** Walks a task through its life; returns each step's status, in order. */
    private static Map<String, Integer> exerciseTaskApi(AppProcess app) {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        HttpResult created = Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"write the tests\"}");
        statuses.put("create", created.status());
        String task = "/api/v1/tasks/" + JsonLines.parseObject(created.body()).get("id");

        HttpResult fetched = Http.get(app.appUrl(task));
        statuses.put("get", fetched.status());
        assertThat(JsonLines.parseObject(fetched.body())).containsEntry("title", "write the tests");
        HttpResult listed = Http.get(app.appUrl("/api/v1/tasks"));
        statuses.put("list", listed.status());
        assertThat(listed.body()).contains("write the tests");
        statuses.put("delete", Http.delete(app.appUrl(task)).status());
        statuses.put("get deleted", Http.get(app.appUrl(task)).status());
        statuses.put("create without title",
                Http.postJson(app.appUrl("/api/v1/tasks"), "{\"description\":\"no title\"}").status());
        return statuses;
    }
}
