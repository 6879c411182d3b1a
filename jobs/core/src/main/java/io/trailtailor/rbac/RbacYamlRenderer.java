package io.trailtailor.rbac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link RbacResult} as multi-document YAML that {@code kubectl apply -f} accepts: a comment header
 * (what it was generated from, the narrowest EKS access policy, the access-entry alternative, denied requests),
 * then each role followed by its binding, ClusterRole first, Roles by namespace. Maps are written in a fixed key
 * order, so output is byte-for-byte deterministic.
 */
public final class RbacYamlRenderer {

    private static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    private final ObjectMapper yaml;

    public RbacYamlRenderer() {
        YAMLFactory f = YAMLFactory.builder()
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        this.yaml = new ObjectMapper(f);
    }

    public String render(RbacResult r) {
        StringBuilder sb = new StringBuilder();
        header(r, sb);
        Map<String, String> annotations = annotations(r);
        for (int i = 0; i < r.roles().size(); i++) {
            sb.append(document(role(r.roles().get(i), annotations)));
            sb.append(document(binding(r.bindings().get(i), annotations)));
        }
        return sb.toString();
    }

    private void header(RbacResult r, StringBuilder sb) {
        RbacPrincipal p = r.principal();
        sb.append("# trailtailor RBAC for ")
                .append(p.principal())
                .append(" on cluster ")
                .append(r.cluster())
                .append('\n');
        sb.append("# Sized to ")
                .append(r.granted().size())
                .append(" observed request kind(s); ")
                .append(r.denied().size())
                .append(" denied (")
                .append(r.options().includeDenied() ? "granted: includeDenied" : "not granted")
                .append(").\n");
        sb.append("# Options: resourceNamesThreshold=")
                .append(r.options().resourceNamesThreshold())
                .append(", includeDenied=")
                .append(r.options().includeDenied())
                .append('\n');
        r.eksAccess().ifPresent(e -> {
            sb.append("# Narrowest EKS access policy covering the same use (wider than the manifests below): ")
                    .append(e.policy().name())
                    .append(", ")
                    .append(e.scope().name().toLowerCase(Locale.ROOT))
                    .append(" scope");
            if (!e.namespaces().isEmpty()) sb.append(' ').append(String.join(",", e.namespaces()));
            sb.append('\n');
            sb.append("#   aws eks associate-access-policy --cluster-name ")
                    .append(r.cluster())
                    .append(" --principal-arn ")
                    .append(p.principal())
                    .append(" --policy-arn ")
                    .append(e.policy().arn())
                    .append(" --access-scope type=")
                    .append(e.scope().name().toLowerCase(Locale.ROOT));
            if (!e.namespaces().isEmpty()) sb.append(",namespaces=").append(String.join(",", e.namespaces()));
            sb.append('\n');
        });
        if (p.iam()) {
            sb.append("# Exact alternative: an access entry bound by the manifests below\n");
            sb.append("#   aws eks create-access-entry --cluster-name ")
                    .append(r.cluster())
                    .append(" --principal-arn ")
                    .append(p.principal());
            if (!r.accessEntryGroups().isEmpty()) {
                sb.append(" --kubernetes-groups ").append(String.join(",", r.accessEntryGroups()));
            }
            sb.append("   (username: ").append(p.eksDefaultUsername()).append(")\n");
        }
        for (K8sAccess d : r.denied()) {
            sb.append("# denied: ")
                    .append(d.verb())
                    .append(' ')
                    .append(d.apiGroup().isEmpty() ? "" : d.apiGroup() + "/")
                    .append(d.rbacResource())
                    .append(d.namespace() == null ? "" : " in " + d.namespace())
                    .append(d.name() == null ? "" : " name " + d.name())
                    .append('\n');
        }
    }

    private Map<String, String> annotations(RbacResult r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("trailtailor.io/principal", r.principal().principal());
        r.eksAccess().ifPresent(e -> {
            a.put("trailtailor.io/eks-access-policy", e.policy().name());
            a.put(
                    "trailtailor.io/eks-access-scope",
                    e.scope() == EksAccessPolicies.ScopeType.CLUSTER
                            ? "cluster"
                            : "namespace:" + String.join(",", e.namespaces()));
        });
        if (!r.accessEntryGroups().isEmpty()) {
            a.put("trailtailor.io/access-entry-kubernetes-groups", String.join(",", r.accessEntryGroups()));
        }
        return a;
    }

    private Map<String, Object> metadata(String name, String namespace, Map<String, String> annotations) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (namespace != null) m.put("namespace", namespace);
        m.put("labels", Map.of("app.kubernetes.io/managed-by", "trailtailor"));
        m.put("annotations", annotations);
        return m;
    }

    private Map<String, Object> role(RbacRole role, Map<String, String> annotations) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", role.kind());
        doc.put("metadata", metadata(role.name(), role.namespace(), annotations));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (PolicyRule pr : role.rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("apiGroups", pr.apiGroups());
            m.put("resources", pr.resources());
            if (!pr.resourceNames().isEmpty()) m.put("resourceNames", pr.resourceNames());
            m.put("verbs", pr.verbs());
            rules.add(m);
        }
        doc.put("rules", rules);
        return doc;
    }

    private Map<String, Object> binding(RbacBinding b, Map<String, String> annotations) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", b.kind());
        doc.put("metadata", metadata(b.name(), b.namespace(), annotations));
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("apiGroup", "rbac.authorization.k8s.io");
        ref.put("kind", b.roleKind());
        ref.put("name", b.roleName());
        doc.put("roleRef", ref);
        List<Map<String, Object>> subjects = new ArrayList<>();
        for (RbacSubject s : b.subjects()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", s.kind());
            m.put("name", s.name());
            if (s.namespace() != null) m.put("namespace", s.namespace());
            else m.put("apiGroup", "rbac.authorization.k8s.io");
            subjects.add(m);
        }
        doc.put("subjects", subjects);
        return doc;
    }

    private String document(Map<String, Object> doc) {
        try {
            return yaml.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
