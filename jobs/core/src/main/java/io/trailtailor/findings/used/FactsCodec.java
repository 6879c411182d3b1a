package io.trailtailor.findings.used;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The facts the job leaves for the driver, one JSON object per line: usage rows ({@link UsedAction}), Kubernetes
 * request kinds ({@link K8sRequestUse}) and node-role calls ({@link NodeRoleCall}). The Flink operators call the
 * {@code write} side, the driver the {@code read} side, so both agree on one spelling. Times are ISO-8601.
 */
public final class FactsCodec {

    /** Sub-directories of the facts directory, one per kind. */
    public static final String USAGE = "usage";

    public static final String K8S = "k8s";
    public static final String NODE = "node";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FactsCodec() {}

    public static String write(UsedAction a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", a.kind());
        n.put("principal", a.principal());
        n.put("cluster", a.cluster());
        n.put("namespace", a.namespace());
        n.put("serviceAccount", a.serviceAccount());
        n.put("action", a.action());
        n.put("resource", a.resource());
        n.put("denied", a.denied());
        n.put("calls", a.calls());
        putTime(n, "firstSeen", a.firstSeen());
        putTime(n, "lastSeen", a.lastSeen());
        putList(n, "samples", a.samples());
        putList(n, "passedToServices", a.passedToServices());
        return n.toString();
    }

    public static UsedAction readUsage(String line) {
        JsonNode n = tree(line);
        return new UsedAction(
                text(n, "kind"),
                text(n, "principal"),
                text(n, "cluster"),
                text(n, "namespace"),
                text(n, "serviceAccount"),
                text(n, "action"),
                text(n, "resource"),
                n.path("denied").asBoolean(),
                n.path("calls").asLong(),
                time(n, "firstSeen"),
                time(n, "lastSeen"),
                list(n, "samples"),
                list(n, "passedToServices"));
    }

    /**
     * A Kubernetes request kind, with the principal the RBAC generator keyed it by ({@code rbac.K8sAccesses}: the IAM
     * ARN, else the username), so the driver can find the RBAC file written for it.
     */
    public static String write(K8sRequestUse r, String rbacPrincipal) {
        ObjectNode n = JSON.createObjectNode();
        n.put("cluster", r.cluster());
        n.put("username", r.username());
        putList(n, "groups", r.groups());
        n.put("iamArn", r.iamArn());
        n.put("verb", r.verb());
        n.put("apiGroup", r.apiGroup());
        n.put("resource", r.resource());
        n.put("subresource", r.subresource());
        n.put("namespace", r.namespace());
        n.put("name", r.name());
        n.put("allowed", r.allowed());
        n.put("reason", r.reason());
        n.put("count", r.count());
        putTime(n, "firstSeen", r.firstSeen());
        putTime(n, "lastSeen", r.lastSeen());
        putList(n, "samples", r.samples());
        n.put("rbacPrincipal", rbacPrincipal);
        return n.toString();
    }

    public static K8sRequestUse readK8s(String line) {
        JsonNode n = tree(line);
        return new K8sRequestUse(
                text(n, "cluster"),
                text(n, "username"),
                list(n, "groups"),
                text(n, "iamArn"),
                text(n, "verb"),
                text(n, "apiGroup"),
                text(n, "resource"),
                text(n, "subresource"),
                text(n, "namespace"),
                text(n, "name"),
                n.path("allowed").asBoolean(),
                text(n, "reason"),
                n.path("count").asLong(),
                time(n, "firstSeen"),
                time(n, "lastSeen"),
                list(n, "samples"));
    }

    /** The principal the RBAC generator used for a Kubernetes facts line, or null. */
    public static String rbacPrincipalOf(String k8sLine) {
        return text(tree(k8sLine), "rbacPrincipal");
    }

    public static String write(NodeRoleCall c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("roleArn", c.roleArn());
        n.put("cluster", c.cluster());
        n.put("node", c.node());
        n.put("action", c.action());
        n.put("calls", c.calls());
        putTime(n, "firstSeen", c.firstSeen());
        putTime(n, "lastSeen", c.lastSeen());
        putList(n, "userAgents", c.userAgents());
        putList(n, "candidateWorkloads", c.candidateWorkloads());
        putList(n, "candidatePods", c.candidatePods());
        putList(n, "samples", c.samples());
        return n.toString();
    }

    public static NodeRoleCall readNode(String line) {
        JsonNode n = tree(line);
        return new NodeRoleCall(
                text(n, "roleArn"),
                text(n, "cluster"),
                text(n, "node"),
                text(n, "action"),
                n.path("calls").asLong(),
                time(n, "firstSeen"),
                time(n, "lastSeen"),
                list(n, "userAgents"),
                list(n, "candidateWorkloads"),
                list(n, "candidatePods"),
                list(n, "samples"));
    }

    /** The entries of {@code workloads.json} (an absent file is no workloads). */
    public static List<WorkloadSummary> readWorkloads(Path workloadsJson) {
        if (!Files.isRegularFile(workloadsJson)) {
            return List.of();
        }
        List<WorkloadSummary> out = new ArrayList<>();
        try {
            for (JsonNode w : JSON.readTree(workloadsJson.toFile())) {
                List<Mechanism> mechanisms = new ArrayList<>();
                w.path("mechanisms").forEach(m -> mechanisms.add(Mechanism.valueOf(m.asText())));
                List<WorkloadSummary.Pod> pods = new ArrayList<>();
                w.path("pods")
                        .forEach(p ->
                                pods.add(new WorkloadSummary.Pod(text(p, "name"), text(p, "uid"), text(p, "node"))));
                out.add(new WorkloadSummary(
                        text(w, "cluster"),
                        text(w, "namespace"),
                        text(w, "serviceAccount"),
                        mechanisms,
                        list(w, "roleArns"),
                        pods,
                        w.path("calls").asLong(),
                        w.path("deniedCalls").asLong(),
                        list(w, "actions"),
                        text(w, "policyFile")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every non-blank line of the visible files under {@code dir}, in path order; none when it is absent. */
    public static List<String> lines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            // dot files are a failed writer's in-progress parts
            for (Path f : walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The used side from a facts directory and {@code workloads.json}. Node-role calls name their candidate pods by
     * UID; here each is resolved to its pod name and workload where {@code workloads.json} lists the pod.
     */
    public static UsedSide assemble(Path factsDir, List<WorkloadSummary> workloads, Instant from, Instant to) {
        List<UsedAction> actions = lines(factsDir.resolve(USAGE)).stream()
                .map(FactsCodec::readUsage)
                .toList();
        List<K8sRequestUse> k8s =
                lines(factsDir.resolve(K8S)).stream().map(FactsCodec::readK8s).toList();
        java.util.Map<String, String[]> podByUid = new java.util.HashMap<>();
        for (WorkloadSummary w : workloads) {
            for (WorkloadSummary.Pod p : w.pods()) {
                if (p.uid() != null) {
                    podByUid.put(p.uid(), new String[] {
                        p.name() == null ? p.uid() : p.name(),
                        w.cluster() + "/" + w.namespace() + "/" + w.serviceAccount()
                    });
                }
            }
        }
        List<NodeRoleCall> nodes = lines(factsDir.resolve(NODE)).stream()
                .map(FactsCodec::readNode)
                .map(c -> resolvePods(c, podByUid))
                .toList();
        return new UsedSide(actions, workloads, k8s, nodes, from, to);
    }

    private static NodeRoleCall resolvePods(NodeRoleCall c, java.util.Map<String, String[]> podByUid) {
        java.util.TreeSet<String> pods = new java.util.TreeSet<>();
        java.util.TreeSet<String> workloads = new java.util.TreeSet<>(c.candidateWorkloads());
        for (String uid : c.candidatePods()) {
            String[] known = podByUid.get(uid);
            pods.add(known == null ? uid : known[0]);
            if (known != null) {
                workloads.add(known[1]);
            }
        }
        return new NodeRoleCall(
                c.roleArn(),
                c.cluster(),
                c.node(),
                c.action(),
                c.calls(),
                c.firstSeen(),
                c.lastSeen(),
                c.userAgents(),
                List.copyOf(workloads),
                pods.stream().limit(20).toList(),
                c.samples());
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a facts line: " + line, e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : Instant.parse(t);
    }

    private static List<String> list(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        n.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void putTime(ObjectNode n, String field, Instant t) {
        n.put(field, t == null ? null : t.toString());
    }

    private static void putList(ObjectNode n, String field, List<String> values) {
        ArrayNode a = n.putArray(field);
        values.forEach(a::add);
    }
}
