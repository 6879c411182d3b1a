package io.trailtailor.flink.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsEveryUnitAndRefusesABareNumber() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationText.parse(" 15M ")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.parse("0s")).isEqualTo(Duration.ZERO);
        assertThat(DurationText.parse("60")).isNull();
        assertThat(DurationText.parse("-5m")).isNull();
        assertThat(DurationText.parse("1.5m")).isNull();
        assertThat(DurationText.parse(null)).isNull();
    }

    @Test
    void printsShortHumanForms() {
        assertThat(DurationText.human(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(DurationText.human(Duration.ofSeconds(187))).isEqualTo("3m07s");
        assertThat(DurationText.human(Duration.ofMinutes(302))).isEqualTo("5h02m");
        assertThat(DurationText.human(Duration.ofHours(51))).isEqualTo("2d03h");
        assertThat(DurationText.human(Duration.ofSeconds(-3))).isEqualTo("0s");
    }
}
