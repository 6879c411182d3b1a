package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The char scans of {@link SecretPatterns} against the regexes they replaced, which stay here as the oracle. */
class SecretPatternsTest {

    private static final Pattern BLOB_REGEX = Pattern.compile(
            "(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]{0,200}[0-9])(?=[A-Za-z0-9+/]{0,200}[A-Za-z])[A-Za-z0-9+/]{40,}={0,2}");

    private static final Pattern ACCESS_KEY_ID_REGEX = Pattern.compile("(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}");

    private static final Pattern SECRET_WORD_REGEX = Pattern.compile("(?i)(?:password|passwd|pwd|passphrase|secret"
            + "|token|api[_-]?key|private[_-]?key|credential|authorization|auth[_-]?key|session[_-]?key|signature"
            + "|cookie)");

    private static String blobsByRegex(String text) {
        return BLOB_REGEX.matcher(text).replaceAll(SecretPatterns.REMOVED);
    }

    private static String digits(int n) {
        return "7".repeat(n);
    }

    @Test
    void masksBlobsAtTheEdgesOfTheRuleAsTheRegexDid() {
        String forty = "a".repeat(39) + "1";
        List<String> cases = List.of(
                forty,
                forty.substring(1),
                "x " + forty + "= y",
                forty + "===",
                forty + "==" + forty,
                "=" + forty + "-" + forty,
                // the digit or the letter only after the first 201 characters of the run
                "a".repeat(201) + "1",
                "a".repeat(200) + "1",
                digits(201) + "a",
                digits(200) + "a",
                "+/".repeat(30),
                "+/".repeat(30) + "a1",
                "é" + forty + "😀" + forty,
                "");
        for (String text : cases) {
            assertThat(SecretPatterns.maskBlobs(text)).as(text).isEqualTo(blobsByRegex(text));
        }
        assertThat(SecretPatterns.maskBlobs("x " + forty + "= y")).isEqualTo("x <removed> y");
        String clean = "no blob in this text, 1234567890";
        assertThat(SecretPatterns.maskBlobs(clean)).isSameAs(clean);
    }

    @Test
    void masksBlobsInRandomTextAsTheRegexDid() {
        Random random = new Random(7);
        String alphabet = "ab0+/=. -é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(300);
            // long runs of few kinds of character, so that runs of 40 and more occur often
            while (text.length() < length) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                text.append(String.valueOf(c).repeat(1 + random.nextInt(random.nextBoolean() ? 3 : 60)));
            }
            String t = text.toString();
            assertThat(SecretPatterns.maskBlobs(t)).as(t).isEqualTo(blobsByRegex(t));
        }
    }

    @Test
    void recognizesAWholeAccessKeyIdAsTheRegexDid() {
        for (String value : List.of(
                "AKIAIOSFODNN7EXAMPLE",
                "ASIA0123456789ABCDEF",
                "ABIAIOSFODNN7EXAMPLE",
                "ACCAIOSFODNN7EXAMPLE",
                "AKIAIOSFODNN7EXAMPL",
                "AKIAIOSFODNN7EXAMPLEX",
                "AKIAiOSFODNN7EXAMPLE",
                "AGPAIOSFODNN7EXAMPLE",
                "AKIAIOSFODNN7EXAMPL_")) {
            assertThat(SecretPatterns.isAccessKeyId(value))
                    .as(value)
                    .isEqualTo(ACCESS_KEY_ID_REGEX.matcher(value).matches());
        }
    }

    @Test
    void masksAnAssignmentWhoseNameHoldsASecretWordInAnyCaseOnly() {
        List<String> names = List.of(
                "db_PassWord",
                "X-Amz-Security-Token",
                "API-KEY",
                "my.private_key",
                "Session-Key",
                "sessionXkey",
                "auth.key",
                "passport",
                "keyname",
                "SIGNATURE_v4",
                "Cookie2",
                "monkey",
                "credentials");
        for (String name : names) {
            String text = "x " + name + "=hunter22 y";
            boolean secret = SECRET_WORD_REGEX.matcher(name).find();
            assertThat(SecretPatterns.maskValue(text)).as(name).isEqualTo(secret ? "x " + name + "=<removed> y" : text);
        }
    }

    @Test
    void leavesAValueWithoutAnyTriggerAsTheSameInstance() {
        String arn = "arn:aws:iam::123456789012:role/app-Role_1";
        assertThat(SecretPatterns.maskValue(arn)).isSameAs(arn);
        assertThat(SecretPatterns.maskText(arn)).isSameAs(arn);
    }

    @Test
    void readsTriggersInAnyAsciiCaseButNotThroughNonAsciiLetters() {
        WordSet words = new WordSet(List.of("bearer", "key", "://"));
        assertThat(words.find("a BeArEr b")).isEqualTo(WordSet.bit(0));
        assertThat(words.find("MonKEY https://x")).isEqualTo(WordSet.bit(1) | WordSet.bit(2));
        assertThat(words.find("\u212Aey, bearé, :/ /")).isZero(); // the Kelvin sign lower-cases to k, but no regex
        assertThat(words.find("ke")).isZero();
        assertThat(words.anyIn("xkeyx")).isTrue();
    }

    @Test
    void findsTheSameWordsAsLowerCasingAndContainsOnAsciiText() {
        List<String> list = List.of("ab", "ba", "abc", "c:/", "aa", "ccc", "b ");
        WordSet words = new WordSet(list);
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int k = 0; k < length; k++) {
                text.append("aAbBcC:/ ".charAt(random.nextInt(9)));
            }
            String lower = text.toString().toLowerCase(java.util.Locale.ROOT);
            long expected = 0;
            for (int w = 0; w < list.size(); w++) {
                if (lower.contains(list.get(w))) {
                    expected |= WordSet.bit(w);
                }
            }
            assertThat(words.find(text.toString())).as(text.toString()).isEqualTo(expected);
        }
    }

    /** The assignment regex of {@link SecretPatterns}, copied: the separator test must hold wherever it finds one. */
    private static final Pattern ASSIGNMENT_REGEX = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{2,80})"
            + "((?:\\\\*[\"'])?[ \\t]*=[ \\t]*|\\\\*[\"'][ \\t]*:[ \\t]*|[ \\t]*:[ \\t]+|:(?=\\\\*[\"']))");

    @Test
    void findsASeparatorWhereverTheAssignmentRegexFindsOne() {
        Random random = new Random(5);
        String alphabet = "ab:= \t\"'\\x";
        int withSeparator = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 2 + random.nextInt(12);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            if (ASSIGNMENT_REGEX.matcher(t).find()) {
                withSeparator++;
                assertThat(SecretPatterns.hasSeparator(t)).as(t).isTrue();
            }
        }
        assertThat(withSeparator).isGreaterThan(3_000);
        assertThat(SecretPatterns.hasSeparator("arn:aws:kms:us-east-1:111122223333:key/k"))
                .isFalse();
        assertThat(SecretPatterns.hasSeparator("2024-01-01T00:00:00Z")).isFalse();
        assertThat(SecretPatterns.hasSeparator("\"token\" :x")).isTrue();
    }
}
