package io.trailtailor.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads a generated directory back the way an ingester would, for assertions. */
final class GeneratedFiles {
    static final ObjectMapper JSON = new ObjectMapper();

    record CtRecord(Path file, JsonNode json) {}

    record AuditLine(Path file, String prefix, JsonNode event) {}

    final Path root;

    GeneratedFiles(Path root) {
        this.root = root;
    }

    List<Path> files(String under) {
        Path dir = root.resolve(under);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> trailFiles() {
        return files("cloudtrail").stream()
                .filter(p ->
                        p.toString().contains("/CloudTrail/") && p.toString().endsWith(".json.gz"))
                .toList();
    }

    List<Path> digestFiles() {
        return files("cloudtrail").stream()
                .filter(p -> p.toString().contains("/CloudTrail-Digest/"))
                .toList();
    }

    List<CtRecord> records() {
        List<CtRecord> out = new ArrayList<>();
        for (Path f : trailFiles()) {
            for (JsonNode r : gzJson(f).get("Records")) {
                out.add(new CtRecord(f, r));
            }
        }
        return out;
    }

    List<AuditLine> exportLines() {
        List<AuditLine> out = new ArrayList<>();
        for (Path f : files("eks-audit")) {
            if (!f.toString().contains("/exportedlogs/") || !f.toString().endsWith(".gz")) {
                continue;
            }
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int sp = line.indexOf(' ');
                    out.add(new AuditLine(f, line.substring(0, sp), JSON.readTree(line.substring(sp + 1))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Every CloudWatch subscription message of every Firehose object, in order (control messages included). */
    List<JsonNode> firehoseMessages(Path object) {
        List<JsonNode> out = new ArrayList<>();
        // GZIPInputStream reads concatenated members as one stream
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object));
                MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    List<JsonNode> auditEvents() {
        List<JsonNode> out = new ArrayList<>();
        for (AuditLine l : exportLines()) {
            out.add(l.event());
        }
        for (Path f : files("eks-audit")) {
            if (f.toString().contains("/firehose/")) {
                for (JsonNode m : firehoseMessages(f)) {
                    if (m.get("messageType").asText().equals("DATA_MESSAGE")) {
                        for (JsonNode e : m.get("logEvents")) {
                            try {
                                out.add(JSON.readTree(e.get("message").asText()));
                            } catch (IOException ex) {
                                throw new UncheckedIOException(ex);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    List<JsonNode> truth(String name) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(root.resolve("truth").resolve(name))),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    JsonNode json(String rel) {
        try {
            return JSON.readTree(root.resolve(rel).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode gzJson(Path f) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
