package io.trailtailor.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CommentTextTest {

    static Stream<String> hostile() {
        return HostileValues.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void keepsEveryHostileValueOnOneLineWithNoControlOrInvisibleCharacter(String value) {
        String text = CommentText.of(value);
        assertThat(HostileValues.hasLineBreak(text)).isFalse();
        assertThat(text.codePoints().filter(CommentText::unsafe)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void escapesReversibly(String value) {
        assertThat(unescape(CommentText.of(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "arn:aws:iam::111122223333:role/ci-deployer|arn:aws:iam::111122223333:role/ci-deployer",
                "s3:GetObject on arn:aws:s3:::b/k x1|s3:GetObject on arn:aws:s3:::b/k x1",
                "café ünïcode 日本 stays|café ünïcode 日本 stays",
            })
    void returnsPrintableTextUnchanged(String in, String out) {
        assertThat(CommentText.of(in)).isSameAs(in).isEqualTo(out);
    }

    @Test
    void writesTheDocumentedEscapes() {
        assertThat(CommentText.of("a\nb\rc\td\\e\u0000f\u2028g\u0085h\u202Ei"))
                .isEqualTo("a\\nb\\rc\\td\\\\e\\u0000f\\u2028g\\u0085h\\u202Ei");
        assertThat(CommentText.of("lone \uD800 high, tag \uDB40\uDC01, emoji \uD83D\uDE00"))
                .isEqualTo("lone \\uD800 high, tag \\uDB40\\uDC01, emoji \uD83D\uDE00");
        assertThat(CommentText.of(null)).isEqualTo("null");
    }

    /** The inverse of the documented escapes, written independently of the implementation. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '\\' -> sb.append('\\');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("unknown escape \\" + n + " in " + s);
            }
        }
        return sb.toString();
    }
}
