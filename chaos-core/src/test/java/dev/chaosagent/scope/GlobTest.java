package dev.chaosagent.scope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starMatchesAnyRunAndQuestionMarkOneCharacter() {
        assertThat(Glob.of("http-nio-*").matches("http-nio-8080-exec-1")).isTrue();
        assertThat(Glob.of("http-nio-*").matches("main")).isFalse();
        assertThat(Glob.of("EU-??").matches("EU-DE")).isTrue();
        assertThat(Glob.of("EU-??").matches("EU-DEU")).isFalse();
        assertThat(Glob.of("*-exec-*").matches("http-nio-8080-exec-12")).isTrue();
        assertThat(Glob.of("a*b*c").matches("aXbYbZc")).isTrue();
        assertThat(Glob.of("a*b*c").matches("aXbYbZ")).isFalse();
        assertThat(Glob.of("*").matches("")).isTrue();
        assertThat(Glob.of("literal").matches("literal")).isTrue();
        assertThat(Glob.of("literal").matches("literally")).isFalse();
    }

    @Test
    void aStarInTheTextIsJustACharacter() {
        assertThat(Glob.of("a?c").matches("a*c")).isTrue();
        assertThat(Glob.of("abc").matches("a*c")).isFalse();
    }

    @Test
    void wholeNumbersCompareAsTheirDecimalText() {
        assertThat(Glob.of("42").matchesWhole(42)).isTrue();
        assertThat(Glob.of("42").matchesWhole(43)).isFalse();
        assertThat(Glob.of("-7").matchesWhole(-7)).isTrue();
        assertThat(Glob.of("042").matchesWhole(42)).as("String.valueOf(42) is 42, not 042").isFalse();
        assertThat(Glob.of("4*").matchesWhole(4711)).isTrue();
        assertThat(Glob.of("abc").matchesWhole(0)).isFalse();
    }
}
