package io.trailtailor.flink.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code .trailtailor-manifest.json}: what a run wrote under {@code --out}, so that the next run removes exactly that.
 *
 * <p>A finished run writes {@code complete: true} and {@code files}, the sorted relative paths of every file it wrote
 * (Parquet and quarantine part files included). A run in progress, or one that died, leaves {@code complete: false}
 * and {@code notOwned}, the files that were there before it and are not its own; everything else under the output
 * paths is then its. Written aside and renamed, so a reader sees either the old manifest or the new one.
 *
 * @param files relative paths written (complete manifests)
 * @param notOwned relative paths that were someone else's when the run started (incomplete manifests)
 */
public record Manifest(
        String tool, String version, Instant writtenAt, boolean complete, List<String> files, List<String> notOwned) {

    static final String TOOL = "trailtailor";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Manifest {
        files = List.copyOf(files);
        notOwned = List.copyOf(notOwned);
    }

    static Manifest complete(List<String> files) {
        return new Manifest(TOOL, toolVersion(), Instant.now(), true, files, List.of());
    }

    static Manifest inProgress(List<String> notOwned) {
        return new Manifest(TOOL, toolVersion(), Instant.now(), false, List.of(), notOwned);
    }

    /** The manifest under {@code out}, if there is one. */
    static Optional<Manifest> read(Path out) throws IOException {
        Path file = out.resolve(OutputLayout.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readAllBytes(file)));
    }

    /** A manifest from its JSON bytes (a local file or an S3 object). */
    static Manifest parse(byte[] bytes) {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UnusableOutput("--out holds an unreadable " + OutputLayout.MANIFEST + " (" + e.getMessage()
                    + "); remove it or choose another --out");
        }
        if (!TOOL.equals(n.path("tool").asText())) {
            throw new UnusableOutput("--out holds a " + OutputLayout.MANIFEST + " that trailtailor did not write");
        }
        return new Manifest(
                TOOL,
                n.path("version").asText(),
                Instant.parse(n.path("writtenAt").asText(Instant.EPOCH.toString())),
                n.path("complete").asBoolean(),
                strings(n.path("files")),
                strings(n.path("notOwned")));
    }

    /** This manifest as the JSON written to {@code .trailtailor-manifest.json}. */
    byte[] toBytes() throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("tool", tool);
        n.put("version", version);
        n.put("writtenAt", writtenAt.toString());
        n.put("complete", complete);
        n.putPOJO(complete ? "files" : "notOwned", complete ? files : notOwned);
        return JSON.writeValueAsBytes(n);
    }

    /** Writes this manifest under {@code out}: aside first, then renamed over the old one. */
    void write(Path out) throws IOException {
        Path target = out.resolve(OutputLayout.MANIFEST);
        Path aside = out.resolve(OutputLayout.MANIFEST + ".tmp");
        Files.createDirectories(out);
        Files.write(aside, toBytes());
        try {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.asText()));
        return out;
    }

    private static String toolVersion() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
