package io.trailtailor.flink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's {@code deploy/} directory as the tests read it: YAML documents (several per file allowed) and JSON,
 * parsed with Jackson. The directory comes from the {@code trailtailor.deploy.dir} system property the pom passes.
 */
final class DeployFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {}

    static Path dir() {
        String configured = System.getProperty("trailtailor.deploy.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../deploy");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no deploy/ directory at " + dir.toAbsolutePath());
        }
        return dir.toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        return dir().resolve(relative);
    }

    static String text(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single YAML document of a file. */
    static JsonNode yaml(String relative) {
        List<JsonNode> docs = yamlDocuments(relative);
        if (docs.size() != 1) {
            throw new IllegalStateException(relative + " holds " + docs.size() + " YAML documents, expected one");
        }
        return docs.get(0);
    }

    static List<JsonNode> yamlDocuments(String relative) {
        try (MappingIterator<JsonNode> it =
                YAML.readerFor(JsonNode.class).readValues(file(relative).toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
