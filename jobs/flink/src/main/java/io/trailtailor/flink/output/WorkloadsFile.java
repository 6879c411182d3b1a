package io.trailtailor.flink.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code workloads.json}: the attribution stage's figures per workload merged with the policy stage's actions and
 * policy file (both keyed {@code cluster/namespace/serviceAccount}), written by the job as JSON lines under
 * {@code .work/workloads} (one snapshot per workload in BATCH, refreshed ones in STREAMING) and assembled here from
 * each workload's newest snapshot, sorted, with DESIGN.md's field order.
 */
public final class WorkloadsFile {

    public static final String WORK_DIR = ".work/workloads";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of(
            "cluster",
            "namespace",
            "serviceAccount",
            "mechanisms",
            "roleArns",
            "pods",
            "calls",
            "deniedCalls",
            "actions",
            "policyFile");

    private WorkloadsFile() {}

    /** The key of a workload part, from its cluster, namespace and service account fields. */
    public static String keyOf(String json) throws IOException {
        JsonNode n = MAPPER.readTree(json);
        return n.path("cluster").asText() + "/" + n.path("namespace").asText() + "/"
                + n.path("serviceAccount").asText();
    }

    /**
     * Two parts of one workload as one object. Each stage fills its own fields and leaves the other's null or empty,
     * so a null or empty value never replaces a filled one, whichever part arrives first.
     */
    public static String merge(String left, String right) throws IOException {
        ObjectNode merged = (ObjectNode) MAPPER.readTree(left);
        ((ObjectNode) MAPPER.readTree(right)).fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            boolean absent = value.isNull() || (value.isContainerNode() && value.isEmpty());
            if (!absent || !merged.has(field.getKey())) {
                merged.set(field.getKey(), value);
            }
        });
        return MAPPER.writeValueAsString(merged);
    }

    /**
     * Assembles the workloads that made AWS calls and removes the parts; returns how many. The parts directory is this
     * run's alone: the driver refuses to start when anything no manifest lists is under {@code .work}.
     */
    public static int assemble(Path out) throws IOException {
        Path work = out.resolve(WORK_DIR);
        Map<String, List<ObjectNode>> partsByKey = new TreeMap<>();
        if (Files.isDirectory(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith("."))
                        .toList()) {
                    for (String line : Files.readAllLines(file)) {
                        ObjectNode part = (ObjectNode) MAPPER.readTree(line);
                        partsByKey
                                .computeIfAbsent(keyOf(line), k -> new ArrayList<>())
                                .add(part);
                    }
                }
            }
        }
        List<ObjectNode> workloads = new ArrayList<>();
        for (List<ObjectNode> parts : partsByKey.values()) {
            ObjectNode part = newest(parts);
            if (part.path("calls").asLong() > 0) {
                workloads.add(ordered(part));
            }
        }
        workloads.sort(Comparator.comparing((ObjectNode w) -> w.path("cluster").asText())
                .thenComparing(w -> w.path("namespace").asText())
                .thenComparing(w -> w.path("serviceAccount").asText()));
        ArrayNode array = MAPPER.createArrayNode();
        workloads.forEach(array::add);
        MAPPER.writer()
                .with(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("workloads.json").toFile(), array);
        Trees.delete(work);
        return workloads.size();
    }

    /**
     * The newest of a workload's snapshots: one in BATCH; in STREAMING each refresh is the combination so far, so
     * calls, actions and the policy file only grow, and the greatest is the newest.
     */
    public static ObjectNode newest(List<ObjectNode> parts) {
        return parts.stream()
                .max(Comparator.comparingLong((ObjectNode p) -> p.path("calls").asLong())
                        .thenComparingInt(p -> p.path("actions").size())
                        .thenComparingInt(p -> p.path("policyFile").isTextual() ? 1 : 0)
                        .thenComparingLong(p -> p.path("deniedCalls").asLong())
                        .thenComparingInt(p -> p.path("pods").size()))
                .orElseThrow();
    }

    private static ObjectNode ordered(ObjectNode part) {
        ObjectNode w = MAPPER.createObjectNode();
        for (String field : FIELDS) {
            JsonNode value = part.get(field);
            if (value == null || value.isNull()) {
                if (field.equals("actions")) {
                    w.putArray("actions");
                } else {
                    w.putNull(field);
                }
            } else {
                w.set(field, value);
            }
        }
        return w;
    }
}
