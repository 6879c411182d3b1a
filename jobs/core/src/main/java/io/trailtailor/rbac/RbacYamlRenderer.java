package io.trailtailor.rbac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailtailor.render.CommentText;
import io.trailtailor.render.ShellWord;
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
 * order, so output is byte-for-byte deterministic. Log values (usernames, namespaces, resource names) reach the text
 * only through Jackson's YAML generator ({@link ManifestYamlFactory}) or one-line comments ({@link CommentText}).
 */
public final class RbacYamlRenderer {

    private static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    private final ObjectMapper yaml;

    public RbacYamlRenderer() {
        this.yaml = new ObjectMapper(new ManifestYamlFactory());
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

    /**
     * The comment header. Every line goes through {@link #comment}, so no log value can end a comment and start a
     * document, a key or a list item; values in the suggested {@code aws eks} commands are shell-quoted when needed.
     */
    private void header(RbacResult r, StringBuilder sb) {
        RbacPrincipal p = r.principal();
        comment(sb, "trailtailor RBAC for " + p.principal() + " on cluster " + r.cluster());
        comment(
                sb,
                "Sized to " + r.granted().size() + " observed request kind(s); "
                        + r.denied().size() + " denied ("
                        + (r.options().includeDenied() ? "granted: includeDenied" : "not granted") + ").");
        comment(
                sb,
                "Options: resourceNamesThreshold=" + r.options().resourceNamesThreshold() + ", includeDenied="
                        + r.options().includeDenied());
        r.eksAccess().ifPresent(e -> {
            String scope = e.scope().name().toLowerCase(Locale.ROOT);
            String namespaces = String.join(",", e.namespaces());
            comment(
                    sb,
                    "Narrowest EKS access policy covering the same use (wider than the manifests below): "
                            + e.policy().name() + ", " + scope + " scope"
                            + (e.namespaces().isEmpty() ? "" : " " + namespaces));
            comment(
                    sb,
                    "  aws eks associate-access-policy --cluster-name " + ShellWord.of(r.cluster())
                            + " --principal-arn " + ShellWord.of(p.principal())
                            + " --policy-arn " + ShellWord.of(e.policy().arn())
                            + " --access-scope "
                            + ShellWord.of(
                                    "type=" + scope + (namespaces.isEmpty() ? "" : ",namespaces=" + namespaces)));
        });
        if (p.iam()) {
            comment(sb, "Exact alternative: an access entry bound by the manifests below");
            comment(
                    sb,
                    "  aws eks create-access-entry --cluster-name " + ShellWord.of(r.cluster())
                            + " --principal-arn " + ShellWord.of(p.principal())
                            + (r.accessEntryGroups().isEmpty()
                                    ? ""
                                    : " --kubernetes-groups " + ShellWord.of(String.join(",", r.accessEntryGroups())))
                            + "   (username: " + p.eksDefaultUsername() + ")");
        }
        for (K8sAccess d : r.denied()) {
            comment(
                    sb,
                    "denied: " + d.verb() + " " + (d.apiGroup().isEmpty() ? "" : d.apiGroup() + "/")
                            + d.rbacResource()
                            + (d.namespace() == null ? "" : " in " + d.namespace())
                            + (d.name() == null ? "" : " name " + d.name()));
        }
    }

    /** A {@code #} comment line; the text stays on that line (see {@link CommentText}). */
    private static void comment(StringBuilder sb, String text) {
        sb.append("# ").append(CommentText.of(text)).append('\n');
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
