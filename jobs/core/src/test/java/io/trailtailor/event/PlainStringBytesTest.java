package io.trailtailor.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainStringBytesTest {

    /** The byte-at-a-time scan the word-at-a-time one must agree with. */
    private static int naiveEnd(byte[] buf, int from, int limit) {
        for (int p = from; p < limit; p++) {
            if (buf[p] == '"' || buf[p] == '\\' || buf[p] == '\n') {
                return p;
            }
        }
        return limit;
    }

    @Test
    void findsTheFirstQuoteBackslashOrLineEndAsAByteScanDoes() {
        Random random = new Random(7);
        byte[] special = {'"', '\\', '\n'};
        for (int run = 0; run < 20_000; run++) {
            byte[] buf = new byte[random.nextInt(40)];
            random.nextBytes(buf);
            for (int i = 0; i < buf.length; i++) {
                if (buf[i] == '"' || buf[i] == '\\' || buf[i] == '\n') {
                    buf[i] = 'x';
                }
            }
            if (buf.length > 0 && random.nextBoolean()) {
                buf[random.nextInt(buf.length)] = special[random.nextInt(3)];
            }
            int from = buf.length == 0 ? 0 : random.nextInt(buf.length);
            int limit = from + random.nextInt(buf.length - from + 1);
            assertThat(PlainStringBytes.end(buf, from, limit)).as("run %d", run).isEqualTo(naiveEnd(buf, from, limit));
        }
    }

    @Test
    void stopsAtEachSpecialByteInsideALongRun() {
        for (byte special : new byte[] {'"', '\\', '\n'}) {
            byte[] buf = "abcdefghijklmnopqrstuvwxyz0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            buf[21] = special;
            assertThat(PlainStringBytes.end(buf, 0, buf.length)).isEqualTo(21);
            assertThat(PlainStringBytes.end(buf, 22, buf.length)).isEqualTo(buf.length);
        }
    }
}
