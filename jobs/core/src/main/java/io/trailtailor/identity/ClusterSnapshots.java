package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code aws eks describe-cluster} snapshots given with {@code --cluster-snapshot [CLUSTER=]PATH}: a file, or a
 * directory whose files (searched recursively, in name order) are read one by one. Content decides: a describe-cluster
 * JSON has {@code cluster.name} and {@code cluster.identity.oidc.issuer}; any other file is listed in
 * {@link #notDescribeCluster} so that the summary reports it, never silently dropped.
 *
 * @param describeClusters the JSON text of every describe-cluster snapshot found
 * @param notDescribeCluster the files that are not one (not JSON, or JSON of something else)
 */
public record ClusterSnapshots(List<String> describeClusters, List<String> notDescribeCluster) {

    public ClusterSnapshots {
        describeClusters = List.copyOf(describeClusters);
        notDescribeCluster = List.copyOf(notDescribeCluster);
    }

    /** Reads each {@code [CLUSTER=]PATH} argument; a path that cannot be read is an error. */
    public static ClusterSnapshots read(List<String> arguments) {
        List<String> found = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String argument : arguments) {
            for (Path file : files(pathOf(argument))) {
                String text = readString(file);
                if (isDescribeCluster(text)) {
                    found.add(text);
                } else {
                    other.add(file.toString());
                }
            }
        }
        return new ClusterSnapshots(found, other);
    }

    /** The path of a {@code [CLUSTER=]PATH} argument (a {@code =} after a {@code /} belongs to the path). */
    public static Path pathOf(String argument) {
        int eq = argument.indexOf('=');
        return Path.of(eq > 0 && !argument.substring(0, eq).contains("/") ? argument.substring(eq + 1) : argument);
    }

    /** Whether the text is {@code describe-cluster} output: {@code cluster.name} and its OIDC issuer. */
    public static boolean isDescribeCluster(String json) {
        JsonNode cluster = Json.tree(json).path("cluster");
        return Json.pointer(cluster, "/name") != null && Json.pointer(cluster, "/identity/oidc/issuer") != null;
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list cluster snapshots in " + path, e);
        }
    }

    private static String readString(Path file) {
        try {
            // Decoded leniently: a binary file is one more file that is not a snapshot, not an error.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cluster snapshot " + file, e);
        }
    }
}
