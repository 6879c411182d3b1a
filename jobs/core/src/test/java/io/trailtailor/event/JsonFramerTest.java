package io.trailtailor.event;

import static io.trailtailor.event.FramedInput.frame;
import static io.trailtailor.event.FramedInput.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonFramerTest {

    private static final String A = "{\"eventID\":\"a\"}";
    private static final String B = "{\"eventID\":\"b\",\"n\":[1,{\"x\":null}]}";
    private static final String C = "{\"eventID\":\"c\"}";

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("one object", A, List.of("V:" + A)),
                Arguments.of("JSON lines", A + "\n" + B + "\n" + C + "\n", List.of("V:" + A, "V:" + B, "V:" + C)),
                Arguments.of("JSON lines with CRLF", A + "\r\n" + B + "\r\n", List.of("V:" + A, "V:" + B)),
                Arguments.of("values back to back", A + B + C, List.of("V:" + A, "V:" + B, "V:" + C)),
                Arguments.of("top-level array", "[" + A + ", " + B + "]", List.of("V:" + A, "V:" + B)),
                Arguments.of("trail file", "{\"Records\":[" + A + "," + B + "]}", List.of("V:" + A, "V:" + B)),
                Arguments.of(
                        "pretty-printed trail file",
                        "{\n  \"Records\": [\n    " + A + ",\n    " + B + "\n  ]\n}\n",
                        List.of("V:" + A, "V:" + B)),
                Arguments.of(
                        "lookup-events output, a field after the array",
                        "{\"Events\":[" + A + "],\"NextToken\":\"t\\\"}\",\"more\":{\"k\":[1]}}",
                        List.of("V:" + A)),
                Arguments.of(
                        "audit EventList",
                        "{\"kind\":\"EventList\",\"items\":[" + A + "," + C + "]}",
                        List.of("V:" + A, "V:" + C)),
                Arguments.of(
                        "CloudWatch Logs subscription batch",
                        "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/aws/eks/x/cluster\",\"logEvents\":[" + A
                                + "]}",
                        List.of("V:" + A)),
                Arguments.of(
                        "Firehose: concatenated batches",
                        "{\"logEvents\":[" + A + "]}{\"logEvents\":[" + B + "]}",
                        List.of("V:" + A, "V:" + B)),
                Arguments.of(
                        "CloudWatch Logs export lines",
                        "2021-09-27T08:36:44.021Z " + A + "\n1632731804021 " + B + "\n",
                        List.of("V:2021-09-27T08:36:44.021Z|" + A, "V:1632731804021|" + B)),
                Arguments.of("byte-order mark", "\uFEFF" + A + "\n" + B, List.of("V:" + A, "V:" + B)),
                Arguments.of(
                        "nesting",
                        "{\"a\":[{\"b\":{\"c\":[[1,2],{\"d\":[]}]}}],\"e\":{}}",
                        List.of("V:{\"a\":[{\"b\":{\"c\":[[1,2],{\"d\":[]}]}}],\"e\":{}}")),
                Arguments.of(
                        "escaped quotes and braces in strings",
                        "{\"a\":\"}{][\\\"\",\"b\":\"\\\\\"}\n" + A,
                        List.of("V:{\"a\":\"}{][\\\"\",\"b\":\"\\\\\"}", "V:" + A)),
                Arguments.of(
                        "an escaped quote in a key is not an envelope",
                        "{\"Rec\\\"ords\":[" + A + "]}",
                        List.of("V:{\"Rec\\\"ords\":[" + A + "]}")),
                Arguments.of("scalars in an array", "[1, \"s\", true]", List.of("V:1", "V:\"s\"", "V:true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void cutsEveryLayoutIntoItsValues(String layout, String input, List<String> expected) {
        assertThat(frame(utf8(input))).extracting(FramedInput::describe).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of(
                        "a broken JSON line",
                        A + "\n{\"eventID\": \"x\", \"eventSo\n" + C + "\n",
                        List.of("V:" + A, "G:malformed JSON line", "V:" + C)),
                Arguments.of(
                        "a text line among JSON lines",
                        A + "\nnot json at all\n" + C,
                        List.of("V:" + A, "G:not JSON", "V:" + C)),
                Arguments.of(
                        "a stray character between JSON lines",
                        A + "\n\u00ff\n" + C,
                        List.of("V:" + A, "G:not JSON", "V:" + C)),
                Arguments.of(
                        "a brace where a record belongs",
                        "{\"Records\":[" + A + ",}," + C + "]}",
                        List.of("V:" + A, "G:unexpected '}' in array", "V:" + C)),
                Arguments.of(
                        "an array closed early by damage",
                        "{\"Records\":[" + A + "]," + B + "," + C + "]}",
                        List.of("V:" + A, "G:malformed envelope", "V:" + B, "V:" + C)),
                Arguments.of(
                        "junk after the array",
                        "{\"Records\":[" + A + "] junk}\n" + C,
                        List.of("V:" + A, "G:malformed envelope", "V:" + C)),
                Arguments.of(
                        "a control byte in an array",
                        "[" + A + ",\u0001," + C + "]",
                        List.of("V:" + A, "V:\u0001", "V:" + C)),
                Arguments.of(
                        "a record cut off at the end",
                        "{\"Records\":[" + A + ",{\"eventID\":\"b\",\"n\":[1,",
                        List.of("V:" + A, "G:truncated JSON at end of input")),
                Arguments.of(
                        "an envelope cut off after its array",
                        "{\"Records\":[" + A + "]",
                        List.of("V:" + A, "G:truncated JSON at end of input")),
                Arguments.of("an object cut off in a key", "{\"Reco", List.of("G:truncated JSON at end of input")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void reportsDamageAndResumesAfterIt(String name, String input, List<String> expected) {
        assertThat(frame(utf8(input))).extracting(FramedInput::describe).containsExactlyElementsOf(expected);
    }

    @Test
    void locatesEveryFrameInTheStream() {
        String input = "{\"Records\":[" + A + ",}, " + B + "]}\n";
        List<Frame> frames = frame(utf8(input));

        assertThat(frames).extracting(Frame::offset).containsExactly(12L, 28L, 31L);
        assertThat(frames).extracting(Frame::end).containsExactly(12L + A.length(), 29L, 31L + B.length());
    }

    @Test
    void carriesTheEnvelopeFieldsWithEveryElement() {
        String header = "{\"messageType\":\"DATA_MESSAGE\",\"logGroup\":\"/aws/eks/x/cluster\"";
        List<Frame> frames = frame(utf8(header + ",\"logEvents\":[" + A + "," + B + "]}"));

        assertThat(frames)
                .allSatisfy(f -> assertThat(new String(((Frame.Value) f).envelope(), StandardCharsets.UTF_8))
                        .isEqualTo(header + "}"));
    }

    static Stream<Arguments> oversized() {
        String big = "{\"eventID\":\"big\",\"pad\":\"" + "x".repeat(JsonFramer.MAX_VALUE_BYTES) + "\"}";
        return Stream.of(
                Arguments.of("in an envelope", "{\"Records\":[" + A + "," + big + "," + C + "]}", big.length()),
                Arguments.of("a JSON line", A + "\n" + big + "\n" + C + "\n", big.length()),
                Arguments.of(
                        "a JSON line with a field after the limit",
                        A + "\n" + big.replace("\"}", "\",\"eventName\":\"x\"}") + "\n" + C + "\n",
                        big.length() + 16));
    }

    @ParameterizedTest(name = "a record over the size limit {0}")
    @MethodSource("oversized")
    void skipsARecordOverTheSizeLimitAndKeepsItsNeighbours(String where, String input, int size) {
        assertThat(frame(utf8(input)))
                .extracting(FramedInput::describe)
                .containsExactly("V:" + A, "O:" + size, "V:" + C);
    }

    @Test
    void findsTheArrayBehindAFieldOverTheSizeLimit() {
        String input =
                "{\"pad\":\"" + "x".repeat(JsonFramer.MAX_VALUE_BYTES + 10) + "\",\"Records\":[" + A + "," + C + "]}";
        List<Frame> frames = frame(utf8(input));

        assertThat(frames).extracting(FramedInput::describe).containsExactly("V:" + A, "V:" + C);
        assertThat(frames)
                .allSatisfy(f -> assertThat(((Frame.Value) f).envelope())
                        .as("a header too large to keep is dropped")
                        .isNull());
    }

    @Test
    void measuresARecordLongerThanTwoGibibytesWithoutOverflow() {
        long padding = (1L << 31) + 5;
        GeneratedInput in = new GeneratedInput(
                utf8("{\"Records\":[" + A + ",{\"pad\":\""), padding, (byte) 'x', utf8("\"}," + C + "]}"));
        List<Frame> frames = frame(in, in.length());

        assertThat(frames).extracting(FramedInput::describe).containsExactly("V:" + A, "O:" + (padding + 10), "V:" + C);
    }

    @Test
    void findsAQuoteBackslashOrLineEndAtEveryPlaceInAWordOfAString() {
        // strings are scanned eight bytes at a time: each special byte at each offset, after plain bytes and UTF-8
        // (an escaped quote, an escaped backslash, and the closing quote itself)
        for (String special : List.of("\\\"", "\\\\", "")) {
            for (int before = 0; before < 20; before++) {
                for (String filler : List.of("x", "é")) {
                    String value = filler.repeat(before) + special + (special.isEmpty() ? "" : "y".repeat(before % 9));
                    String json = "{\"k\":\"" + value + "\",\"n\":1}";
                    String input = json + "\n" + A + "\n";
                    assertThat(frame(utf8(input)))
                            .extracting(FramedInput::describe)
                            .as(json)
                            .containsExactly("V:" + json, "V:" + A);
                }
            }
        }
        // a line end inside a string breaks the line in JSON lines, at any offset too
        for (int before = 0; before < 20; before++) {
            String broken = "{\"k\":\"" + "x".repeat(before) + "\n";
            assertThat(frame(utf8(A + "\n" + broken + A + "\n")))
                    .extracting(FramedInput::describe)
                    .as(broken)
                    .hasSize(3)
                    .first()
                    .isEqualTo("V:" + A);
        }
    }
}
