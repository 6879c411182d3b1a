package io.trailtailor.grants.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailtailor.rbac.PolicyRule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Kubernetes objects ({@code rbac.authorization.k8s.io/v1}, {@code v1} ServiceAccount, aws-auth) to records. */
final class K8sObjects {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private K8sObjects() {}

    static RbacRoleDef role(JsonNode o) {
        JsonNode md = o.path("metadata");
        List<PolicyRule> rules = new ArrayList<>();
        List<RbacRoleDef.NonResourceRule> nonResource = new ArrayList<>();
        for (JsonNode r : o.path("rules")) {
            if (r.has("nonResourceURLs")) {
                nonResource.add(
                        new RbacRoleDef.NonResourceRule(texts(r.path("nonResourceURLs")), texts(r.path("verbs"))));
            }
            if (r.has("resources")) {
                rules.add(new PolicyRule(
                        texts(r.path("apiGroups")),
                        texts(r.path("resources")),
                        texts(r.path("resourceNames")),
                        texts(r.path("verbs"))));
            }
        }
        List<LabelSelector> selectors = new ArrayList<>();
        for (JsonNode sel : o.path("aggregationRule").path("clusterRoleSelectors")) selectors.add(selector(sel));
        boolean cluster = o.path("kind").asText().equals("ClusterRole");
        return new RbacRoleDef(
                o.path("kind").asText(),
                cluster ? null : md.path("namespace").asText(null),
                md.path("name").asText(),
                map(md.path("labels")),
                rules,
                nonResource,
                selectors,
                instant(md.path("creationTimestamp")));
    }

    static RbacBindingDef binding(JsonNode o) {
        JsonNode md = o.path("metadata");
        boolean cluster = o.path("kind").asText().equals("ClusterRoleBinding");
        List<RbacBindingDef.Subject> subjects = new ArrayList<>();
        for (JsonNode s : o.path("subjects")) {
            subjects.add(new RbacBindingDef.Subject(
                    s.path("kind").asText(),
                    s.path("name").asText(),
                    s.path("namespace").asText(null)));
        }
        return new RbacBindingDef(
                o.path("kind").asText(),
                cluster ? null : md.path("namespace").asText(null),
                md.path("name").asText(),
                o.path("roleRef").path("kind").asText(),
                o.path("roleRef").path("name").asText(),
                subjects,
                instant(md.path("creationTimestamp")));
    }

    static ServiceAccountInfo serviceAccount(JsonNode o) {
        JsonNode md = o.path("metadata");
        JsonNode role = md.path("annotations").path("eks.amazonaws.com/role-arn");
        JsonNode automount = o.path("automountServiceAccountToken");
        return new ServiceAccountInfo(
                md.path("namespace").asText(),
                md.path("name").asText(),
                role.isTextual() ? role.asText() : null,
                automount.isBoolean() ? automount.asBoolean() : null,
                instant(md.path("creationTimestamp")));
    }

    /** {@code data.mapRoles} and {@code data.mapUsers}: YAML lists held as strings inside the ConfigMap. */
    static List<IdentityMapping> awsAuth(JsonNode data) {
        List<IdentityMapping> out = new ArrayList<>();
        mappings(data.path("mapRoles"), "rolearn", IdentityMapping.Source.MAP_ROLES, out);
        mappings(data.path("mapUsers"), "userarn", IdentityMapping.Source.MAP_USERS, out);
        return out;
    }

    private static void mappings(
            JsonNode text, String arnKey, IdentityMapping.Source source, List<IdentityMapping> out) {
        if (!text.isTextual() || text.asText().isBlank()) return;
        JsonNode list;
        try {
            list = YAML.readTree(text.asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("aws-auth " + source + " is not YAML: " + e.getMessage(), e);
        }
        for (JsonNode m : list) {
            out.add(new IdentityMapping(
                    source, m.path(arnKey).asText(), m.path("username").asText(null), texts(m.path("groups"))));
        }
    }

    private static LabelSelector selector(JsonNode sel) {
        List<LabelSelector.Expression> exprs = new ArrayList<>();
        for (JsonNode e : sel.path("matchExpressions")) {
            exprs.add(new LabelSelector.Expression(
                    e.path("key").asText(), e.path("operator").asText(), texts(e.path("values"))));
        }
        return new LabelSelector(map(sel.path("matchLabels")), exprs);
    }

    static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Map<String, String> map(JsonNode o) {
        Map<String, String> out = new TreeMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** RFC 3339 timestamps ({@code 2026-01-02T03:04:05Z}, or with an offset as the AWS CLI prints them). */
    static Instant instant(JsonNode n) {
        if (!n.isTextual()) return null;
        try {
            return java.time.OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
