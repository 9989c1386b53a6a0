package io.obsagent.core.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RawPathsTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/tasks, /api/v1/tasks",
            "/api/v1/tasks/42, /api/v1/tasks/{id}",
            "/api/v1/tasks/42/export, /api/v1/tasks/{id}/export",
            "/users/123e4567-e89b-42d3-a456-426614174000/orders/7, /users/{id}/orders/{id}",
            "/blobs/deadbeefdeadbeef01, /blobs/{id}",
            "/blobs/deadbeef, /blobs/deadbeef",
            "/words/abcdefabcdefabcdef, /words/abcdefabcdefabcdef",
            "/a;jsessionid=ABC123/b, /a/b",
            "/items/5;v=1, /items/{id}",
            "/, /",
            "'', /",
            "/trailing/, /trailing/",
            "/v2, /v2",
            "no-slash/1, /no-slash/{id}",
    })
    void identifierSegmentsBecomeId(String path, String expected) {
        assertThat(RawPaths.normalise(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/plain/path", "/api/v1/tasks"})
    void unchangedPathsAreReturnedAsTheSameInstance(String path) {
        assertThat(RawPaths.normalise(path)).isSameAs(path);
    }
}
