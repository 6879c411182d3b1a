package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
    @CsvSource({
        "+1000000000-12-31T23:59:59.999999999Z, true",
        "-1000000000-01-01T00:00:00Z, true",
        "+1000000000-01-01T00:00:00Z, true",
        "+999999999-12-31T23:59:59Z, true",
        "+999999999-12-31T23:59:59, true",
        "-999999999-01-01T00:00:00+18:00, true",
        "+10000-01-01T00:00:00Z, true",
        "-0001-12-31T23:59:59.999Z, true",
        "+1000000001-01-01T00:00:00Z, false",
        "2024-02-30T00:00:00Z, false",
        "2024-01-01T24:00:01Z, false"
    })
    void timesOutsideTheYearsZeroToNineThousandNineHundredNinetyNineAreNull(String text, boolean wellFormed) {
        assertThat(Timestamps.parse(text)).isNull();
        assertThat(Timestamps.isOutOfRange(text)).isEqualTo(wellFormed);
    }

    @ParameterizedTest
    @CsvSource({
        "0000-01-01T00:00:00Z, -62167219200000",
        "9999-12-31T23:59:59.999999999Z, 253402300799999",
        "9999-12-31T23:59:59.999-00:00, 253402300799999",
        "1969-12-31T23:59:59.999Z, -1",
        "1969-12-31T23:59:59Z, -1000"
    })
    void acceptedTimesFitEpochMillis(String text, long epochMillis) {
        assertThat(Timestamps.parse(text).toEpochMilli()).isEqualTo(epochMillis);
        assertThat(Timestamps.isOutOfRange(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1970-01-01T00:00:00Z",
        "99999999999, 5138-11-16T09:46:39Z",
        "1632731804021, 2021-09-27T08:36:44.021Z",
        "253402300799999, 9999-12-31T23:59:59.999Z"
    })
    void readsEpochSecondsAndMillis(String text, String expected) {
        assertThat(Timestamps.parseEpoch(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"9999999999999999", "99999999999999999", "-1", "12a", "١٢٣", "''"})
    void epochsOutOfRangeOrNotDigitsAreNull(String text) {
        assertThat(Timestamps.parseEpoch(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"not a date", "''"})
    void unreadableTimesAreNull(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }

    private static Instant byInstantParse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Test
    void readsTheCommonUtcFormByHandAsInstantParseDoes() {
        List<String> read = List.of(
                "2024-01-01T00:00:00Z",
                "2020-02-29T23:59:59Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "2021-09-27T08:36:44.014671Z",
                "2021-09-27T08:36:44.5Z",
                "1969-12-31T23:59:59.123Z");
        for (String text : read) {
            assertThat(Timestamps.parseUtcSeconds(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
        }
        // left to the general way: invalid dates, other forms, and what Instant.parse reads with more rules
        List<String> declined = List.of(
                "2021-02-29T00:00:00Z",
                "2024-04-31T00:00:00Z",
                "2024-13-01T00:00:00Z",
                "2024-00-01T00:00:00Z",
                "2024-01-01T24:00:00Z",
                "2024-06-30T23:59:60Z",
                "2024-01-01t00:00:00z",
                "2024-01-01T00:00:00.Z",
                "2024-01-01T00:00:00.1234567890Z",
                "2024-01-01T00:00:00+00:00",
                "+2024-01-01T00:00:00Z",
                "2024-1-01T00:00:00Z",
                "2024-01-01T00:00:0xZ");
        for (String text : declined) {
            assertThat(Timestamps.parseUtcSeconds(text)).as(text).isNull();
        }
        assertThat(Timestamps.parse("2024-01-01T24:00:00Z")).isEqualTo(byInstantParse("2024-01-01T24:00:00Z"));
    }

    @Test
    void readsRandomUtcFormsAsInstantParseDoesWhereverItReadsThem() {
        Random random = new Random(3);
        String template = "2024-02-29T23:59:59.123456789Z";
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            char[] t = template.substring(0, 20 + random.nextInt(11)).toCharArray();
            t[t.length - 1] = 'Z';
            for (int k = 0; k < 3; k++) {
                int at = random.nextInt(t.length - 1);
                if (Character.isDigit(t[at])) {
                    t[at] = (char) ('0' + random.nextInt(10));
                } else if (random.nextInt(8) == 0) {
                    t[at] = "x.:-T".charAt(random.nextInt(5));
                }
            }
            String text = new String(t);
            Instant fast = Timestamps.parseUtcSeconds(text);
            if (fast != null) {
                read++;
                assertThat(fast).as(text).isEqualTo(byInstantParse(text));
            } else {
                assertThat(text.length() == 20 || text.length() >= 22 ? byInstantParse(text) : null)
                        .as(text)
                        .satisfiesAnyOf(
                                parsed -> assertThat(parsed).isNull(),
                                // declined on purpose: hour 24 and leap seconds stay with Instant.parse
                                parsed -> assertThat(text.substring(11, 13).equals("24")
                                                || text.substring(17, 19).equals("60"))
                                        .isTrue());
            }
        }
        assertThat(read).isGreaterThan(10_000);
    }
}
