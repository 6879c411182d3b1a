package io.trailtailor.identity;

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
 * ({@code aws eks describe-cluster} JSON) and EKS {@code CreateCluster}/{@code DescribeCluster} events; an issuer
 * nobody named is called by its issuer id. Small (one entry per cluster): a Flink job broadcasts it.
 */
public final class ClusterDirectory {

    private static final Pattern EKS_ISSUER =
            Pattern.compile("^oidc\\.eks\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/id/([A-Za-z0-9]+)$");

    private final Map<String, String> nameByIssuer = new TreeMap<>();

    /** Adds {@code NAME=ISSUER} as given on the command line. */
    public ClusterDirectory addCliEntry(String entry) {
        int eq = entry == null ? -1 : entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("--cluster expects NAME=OIDC_ISSUER, got: " + entry);
        }
        return add(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }

    public ClusterDirectory add(String clusterName, String issuer) {
        String key = normalizeIssuer(issuer);
        if (clusterName != null && !clusterName.isBlank() && key != null) {
            nameByIssuer.put(key, clusterName);
        }
        return this;
    }

    /** Adds the cluster of a {@code describe-cluster} snapshot ({@code cluster.name}, {@code cluster.identity.oidc.issuer}). */
    public ClusterDirectory addSnapshot(String describeClusterJson) {
        JsonNode root = Json.tree(describeClusterJson);
        JsonNode cluster = root.has("cluster") ? root.get("cluster") : root;
        return add(Json.pointer(cluster, "/name"), Json.pointer(cluster, "/identity/oidc/issuer"));
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
        add(name, issuer);
        return true;
    }

    /** The cluster name for an issuer in any of its forms, or the issuer id when no entry names it; null if not EKS. */
    public String clusterFor(String issuerOrProviderArn) {
        String key = normalizeIssuer(issuerOrProviderArn);
        if (key == null) {
            return null;
        }
        String name = nameByIssuer.get(key);
        return name != null ? name : issuerId(key);
    }

    /** Whether the directory holds an explicit entry for the issuer. */
    public boolean knows(String issuer) {
        String key = normalizeIssuer(issuer);
        return key != null && nameByIssuer.containsKey(key);
    }

    public Map<String, String> entries() {
        return Collections.unmodifiableMap(nameByIssuer);
    }

    /**
     * The known cluster whose name starts with {@code prefix10} (Pod Identity session names keep the first 10
     * characters of the cluster name); empty if none or ambiguous.
     */
    public Optional<String> clusterByPrefix(String prefix) {
        String found = null;
        for (String name : nameByIssuer.values()) {
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
        return Collections.unmodifiableCollection(nameByIssuer.values());
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
