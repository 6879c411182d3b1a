package io.trailtailor.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generator's output for a seed is pinned: the end-to-end suite and golden tests are built on it. The digests
 * cover every file's path and decompressed content (gzip bytes may differ between zlib builds). A deliberate change
 * to the generator changes them: record the new digests here in the same commit.
 */
class GoldenOutputTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tiny,      299,  b2fa3a2c71c290ae5ed30e6b60a3a4d9638ced92789fe6bfd0b113f87c2c3aae",
        "eks-mixed, 1140, 9e7449d4895d1c9a02fd4ff35839f6ca35afacd99e4521d6eb549fa6bacad386"
    })
    void seed42WritesTheRecordedBytes(String scenario, int files, String sha256) throws Exception {
        Generator.generate(
                new GeneratorOptions(scenario, 3_000, 1, 42, Instant.parse("2026-11-01T00:00:00Z"), true), dir, null);

        List<Path> written = filesUnder(dir);

        assertThat(written).hasSize(files);
        assertThat(digest(dir, written)).isEqualTo(sha256);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> relative(root, p)))
                    .toList();
        }
    }

    private static String digest(Path root, List<Path> files) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Path f : files) {
            md.update((relative(root, f) + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream raw = Files.newInputStream(f);
                    InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                md.update(in.readAllBytes());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
