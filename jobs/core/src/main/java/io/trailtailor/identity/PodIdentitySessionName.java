package io.trailtailor.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session name EKS Pod Identity gives its role sessions, {@code eks-<first 10 chars of cluster>-<pod>-<uuid>}
 * (observed, not documented: FORMATS.md §3.3), cut at STS's 64-character limit, so the uuid and even the pod name
 * may be truncated. The uuid is not the pod uid. Used when session tags are disabled or the issuing event is outside
 * the window. {@code clusterPrefix}/{@code podName} are a best-effort split (a short cluster name is ambiguous
 * without a directory); {@link #matches} is exact whatever the split.
 */
public record PodIdentitySessionName(String rest, boolean complete, String clusterPrefix, String podName) {

    private static final String PREFIX = "eks-";
    private static final int MAX_LENGTH = 64;
    private static final Pattern COMPLETE =
            Pattern.compile("^eks-(.+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$");
    private static final Pattern PARTIAL_UUID_TAIL = Pattern.compile("-[0-9a-f]{1,8}(-[0-9a-f]{0,12}){0,4}$");
    static final int CLUSTER_CHARS = 10;
    /** Characters of {@code <clusterPart>-<pod>} a keyed job routes on: the shortest such string is {@code c-p}. */
    public static final int ROUTING_CHARS = 3;

    /** The part of a cluster name that a session name keeps. */
    public static String clusterPart(String clusterName) {
        return clusterName.length() <= CLUSTER_CHARS ? clusterName : clusterName.substring(0, CLUSTER_CHARS);
    }

    /** The routing key of a pod for tags-less Pod Identity attribution (see {@link CandidateScope}). */
    public static String routingKey(String cluster, String podName) {
        String s = clusterPart(cluster) + "-" + podName;
        return s.substring(0, Math.min(ROUTING_CHARS, s.length()));
    }

    public String routingKey() {
        return rest.substring(0, Math.min(ROUTING_CHARS, rest.length()));
    }

    /** Parses a session name, or returns null when it does not have the Pod Identity shape. */
    public static PodIdentitySessionName parse(String sessionName, ClusterDirectory clusters) {
        if (sessionName == null || !sessionName.startsWith(PREFIX)) {
            return null;
        }
        Matcher m = COMPLETE.matcher(sessionName);
        String middle;
        boolean complete = m.matches();
        if (complete) {
            middle = m.group(1);
        } else if (sessionName.length() == MAX_LENGTH) {
            // Truncated: drop what looks like the start of the uuid; the split is best effort, matches() is not.
            middle = PARTIAL_UUID_TAIL
                    .matcher(sessionName.substring(PREFIX.length()))
                    .replaceFirst("");
        } else {
            return null;
        }
        String rest = sessionName.substring(PREFIX.length());
        String best = null;
        if (clusters != null) {
            for (String name : clusters.clusterNames()) {
                String part = clusterPart(name);
                if (middle.startsWith(part + "-")
                        && middle.length() > part.length() + 1
                        && (best == null || part.length() > best.length())) {
                    best = part;
                }
            }
        }
        if (best == null) {
            if (middle.length() > CLUSTER_CHARS + 1 && middle.charAt(CLUSTER_CHARS) == '-') {
                best = middle.substring(0, CLUSTER_CHARS);
            } else {
                int dash = middle.indexOf('-');
                if (dash <= 0 || dash == middle.length() - 1) {
                    return null;
                }
                best = middle.substring(0, dash);
            }
        }
        return new PodIdentitySessionName(rest, complete, best, middle.substring(best.length() + 1));
    }

    /** Whether a pod of that cluster and name can have this session name (exact for complete names). */
    public boolean matches(String cluster, String podName) {
        if (cluster == null || podName == null) {
            return false;
        }
        String key = clusterPart(cluster) + "-" + podName + "-";
        if (complete) {
            return rest.length() == key.length() + 36 && rest.startsWith(key);
        }
        return rest.startsWith(key) || key.startsWith(rest);
    }

    /** The full cluster name when the directory resolves the prefix unambiguously, else the prefix itself. */
    public String cluster(ClusterDirectory clusters) {
        return clusters == null
                ? clusterPrefix
                : clusters.clusterByPrefix(clusterPrefix).orElse(clusterPrefix);
    }
}
