package io.trailtailor.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.Json;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the EKS cluster behind an OIDC issuer. Entries come from {@code --cluster NAME=ISSUER}, cluster snapshots
 * ({@code aws eks describe-cluster} JSON), EKS {@code CreateCluster}/{@code DescribeCluster} events and the audit log
 * ({@link IssuerInference}); an issuer nobody named is called by its issuer id. When two sources name one issuer,
 * the one earlier in {@link NamedBy} wins, and of two names from the same source the alphabetically first, so the
 * result does not depend on the order entries arrive in. Small (one entry per cluster): a Flink job broadcasts it.
 */
public final class ClusterDirectory {

    private static final Pattern EKS_ISSUER =
            Pattern.compile("^oidc\\.eks\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/id/([A-Za-z0-9]+)$");

    /** How an issuer got its cluster name, strongest first; the JSON value is what {@code summary.json} shows. */
    public enum NamedBy {
        CLI("cli"),
        SNAPSHOT("snapshot"),
        EKS_EVENTS("eks-events"),
        AUDIT("audit"),
        NONE("none");

        private final String label;

        NamedBy(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }

    private record Entry(String name, NamedBy by) {}

    private final Map<String, Entry> byIssuer = new TreeMap<>();

    /** Adds {@code NAME=ISSUER} as given on the command line. */
    public ClusterDirectory addCliEntry(String entry) {
        int eq = entry == null ? -1 : entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("--cluster expects NAME=OIDC_ISSUER, got: " + entry);
        }
        return add(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }

    /** Names an issuer's cluster as the operator would, with the strongest standing ({@link NamedBy#CLI}). */
    public ClusterDirectory add(String clusterName, String issuer) {
        return add(clusterName, issuer, NamedBy.CLI);
    }

    /** Names an issuer's cluster unless a stronger source (or the same source, with an earlier name) named it. */
    public ClusterDirectory add(String clusterName, String issuer, NamedBy by) {
        String key = normalizeIssuer(issuer);
        if (clusterName == null || clusterName.isBlank() || key == null || by == NamedBy.NONE) {
            return this;
        }
        Entry known = byIssuer.get(key);
        if (known == null
                || by.compareTo(known.by()) < 0
                || (by == known.by() && clusterName.compareTo(known.name()) < 0)) {
            byIssuer.put(key, new Entry(clusterName, by));
        }
        return this;
    }

    /** Adds the cluster of a {@code describe-cluster} snapshot ({@code cluster.name}, {@code cluster.identity.oidc.issuer}). */
    public ClusterDirectory addSnapshot(String describeClusterJson) {
        JsonNode root = Json.tree(describeClusterJson);
        JsonNode cluster = root.has("cluster") ? root.get("cluster") : root;
        return add(Json.pointer(cluster, "/name"), Json.pointer(cluster, "/identity/oidc/issuer"), NamedBy.SNAPSHOT);
    }

    /** Replaces the names inferred from the audit log (issuer → cluster) with a new decision. */
    public ClusterDirectory replaceInferred(Map<String, String> clusterByIssuer) {
        byIssuer.values().removeIf(e -> e.by() == NamedBy.AUDIT);
        clusterByIssuer.forEach((issuer, name) -> add(name, issuer, NamedBy.AUDIT));
        return this;
    }

    /** Learns from EKS {@code CreateCluster}/{@code DescribeCluster} events; other calls are ignored. */
    public boolean observe(ApiCall call) {
        if (!"eks.amazonaws.com".equals(call.eventSource())
                || !("CreateCluster".equals(call.eventName()) || "DescribeCluster".equals(call.eventName()))) {
            return false;
        }
        JsonNode cluster = Json.tree(call.responseElements()).path("cluster");
        String name = Json.pointer(cluster, "/name");
        if (name == null) {
            name = Json.pointer(Json.tree(call.requestParameters()), "/name");
        }
        String issuer = Json.pointer(cluster, "/identity/oidc/issuer");
        if (name == null || issuer == null) {
            return false;
        }
        add(name, issuer, NamedBy.EKS_EVENTS);
        return true;
    }

    /** The cluster name for an issuer in any of its forms, or the issuer id when no entry names it; null if not EKS. */
    public String clusterFor(String issuerOrProviderArn) {
        String key = normalizeIssuer(issuerOrProviderArn);
        if (key == null) {
            return null;
        }
        Entry entry = byIssuer.get(key);
        return entry != null ? entry.name() : issuerId(key);
    }

    /** Whether the directory holds an explicit entry for the issuer. */
    public boolean knows(String issuer) {
        String key = normalizeIssuer(issuer);
        return key != null && byIssuer.containsKey(key);
    }

    /** How the issuer's name was given; {@link NamedBy#NONE} when nobody named it. */
    public NamedBy namedBy(String issuer) {
        Entry entry = byIssuer.get(normalizeIssuer(issuer));
        return entry == null ? NamedBy.NONE : entry.by();
    }

    /** Normalized issuer → cluster name, for every named issuer. */
    public Map<String, String> entries() {
        Map<String, String> names = new TreeMap<>();
        byIssuer.forEach((issuer, entry) -> names.put(issuer, entry.name()));
        return Collections.unmodifiableMap(names);
    }

    /**
     * The known cluster whose name starts with {@code prefix10} (Pod Identity session names keep the first 10
     * characters of the cluster name); empty if none or ambiguous.
     */
    public Optional<String> clusterByPrefix(String prefix) {
        String found = null;
        for (String name : clusterNames()) {
            if (PodIdentitySessionName.clusterPart(name).equals(prefix)) {
                if (found != null && !found.equals(name)) {
                    return Optional.empty();
                }
                found = name;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Known cluster names. */
    public java.util.Collection<String> clusterNames() {
        return byIssuer.values().stream().map(Entry::name).toList();
    }

    /**
     * The issuer as {@code host/path} without scheme or trailing slash, from an {@code https://} URL, a bare host
     * path, or an IAM provider ARN {@code arn:aws:iam::<acct>:oidc-provider/<host/path>}; null for blank input.
     */
    public static String normalizeIssuer(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            return null;
        }
        String s = issuer.trim();
        int provider = s.indexOf(":oidc-provider/");
        if (s.startsWith("arn:") && provider > 0) {
            s = s.substring(provider + ":oidc-provider/".length());
        }
        if (s.regionMatches(true, 0, "https://", 0, 8)) {
            s = s.substring(8);
        } else if (s.regionMatches(true, 0, "http://", 0, 7)) {
            s = s.substring(7);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int slash = s.indexOf('/');
        // Hosts are case-insensitive, the issuer id is not.
        return slash < 0
                ? s.toLowerCase(Locale.ROOT)
                : s.substring(0, slash).toLowerCase(Locale.ROOT) + s.substring(slash);
    }

    /** Whether the issuer (any form) is an EKS cluster's OIDC issuer. */
    public static boolean isEksIssuer(String issuer) {
        String key = normalizeIssuer(issuer);
        return key != null && EKS_ISSUER.matcher(key).matches();
    }

    /** The {@code <ID>} of an EKS issuer, or the normalized issuer itself for any other provider. */
    public static String issuerId(String issuer) {
        String key = normalizeIssuer(issuer);
        if (key == null) {
            return null;
        }
        Matcher m = EKS_ISSUER.matcher(key);
        return m.matches() ? m.group(2) : key;
    }
}
