package io.obsagent.core.request;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    private final RequestIds ids = new RequestIds(128);

    @Test
    void generatedIdsAreVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.create();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void validIncomingIdIsKept() {
        assertThat(ids.keepOrCreate("abc-123_X.y:z@w")).isEqualTo("abc-123_X.y:z@w");
        assertThat(ids.keepOrCreate("a".repeat(128))).isEqualTo("a".repeat(128));
    }

    @Test
    void hostileIncomingIdsAreReplaced() {
        for (String hostile : new String[]{"", "a".repeat(129), "bad\r\nSet-Cookie: x", "spa ce", "\"}\n{\"event\":\"forged\"",
                "日本", "nul\u0000", "tab\t", "semi;colon", "slash/"}) {
            String kept = ids.keepOrCreate(hostile);
            assertThat(kept).isNotEqualTo(hostile).hasSize(36);
        }
        assertThat(ids.keepOrCreate(null)).hasSize(36);
    }

    @Test
    void maximumLengthIsConfigurable() {
        RequestIds shortIds = new RequestIds(8);
        assertThat(shortIds.keepOrCreate("12345678")).isEqualTo("12345678");
        assertThat(shortIds.keepOrCreate("123456789")).isNotEqualTo("123456789");
    }
}
