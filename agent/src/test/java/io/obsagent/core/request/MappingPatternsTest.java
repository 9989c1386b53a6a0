package io.obsagent.core.request;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class MappingPatternsTest {

    private final MappingPatterns patterns = MappingPatterns.of(Arrays.asList(
            "/hello", "/items/*", "*.do", "/", "/reports/*", "/reports", "*.tar.gz", "/*"));

    @Test
    void anExactMappingIsItsOwnPattern() {
        assertThat(patterns.match("/hello")).isEqualTo("/hello");
    }

    @Test
    void anExactMappingWinsOverAPrefixMappingWithTheSameBase() {
        assertThat(patterns.match("/reports")).isEqualTo("/reports");
    }

    @Test
    void thePrefixBaseItselfMapsToThePrefixPattern() {
        assertThat(patterns.match("/items")).isEqualTo("/items/*");
    }

    @Test
    void anExtensionMappingMatchesTheLastSegmentsExtension() {
        assertThat(patterns.match("/x/anything.do")).isEqualTo("*.do");
        assertThat(patterns.match("/a.b.do")).isEqualTo("*.do");
        assertThat(patterns.match("/x.do/y")).isNull();
        assertThat(patterns.match("/x/anything.dox")).isNull();
    }

    @Test
    void theDefaultServletAndUnmappedPathsHaveNoPattern() {
        assertThat(patterns.match("/no/such/path")).isNull();
        assertThat(patterns.match("/")).isNull();
        assertThat(patterns.match("")).isNull();
        assertThat(patterns.match(null)).isNull();
    }

    @Test
    void extensionsWithADotCannotMatchAsTheContainerTakesTheLastDot() {
        assertThat(patterns.match("/archive.tar.gz")).isNull();
    }

    @Test
    void noPatternsMatchNothing() {
        assertThat(MappingPatterns.NONE.match("/hello")).isNull();
    }
}
