package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Apr 16, 2024, 3:20:04 PM | 2024-04-16T15:20:04Z",
                "Sep 14, 2020, 7:01:26 AM | 2020-09-14T07:01:26Z",
                "Dec 1, 2024, 12:00:00 AM | 2024-12-01T00:00:00Z",
                "2020-02-20T18:49:50Z | 2020-02-20T18:49:50Z",
                "2023-12-10T11:10:32+00:00 | 2023-12-10T11:10:32Z",
                "2021-09-27T08:36:44.014671Z | 2021-09-27T08:36:44.014671Z"
            })
    void parsesTheLocaleAndIsoFormsOfCredentialExpiry(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"Apr 16, 2024, 3:20:04\u202fPM | 2024-04-16T15:20:04Z"})
    void acceptsTheNarrowNoBreakSpaceOfNewerLocaleData(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"not a date", "''"})
    void unreadableTimesAreNull(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }
}
