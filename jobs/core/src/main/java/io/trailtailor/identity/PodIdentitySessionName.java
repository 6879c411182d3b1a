package io.trailtailor.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session name EKS Pod Identity gives its role sessions, {@code eks-<first 10 chars of cluster>-<pod>-<uuid>}
 * (observed, not documented: FORMATS.md §3.3). The uuid is not the pod uid. Used when session tags are disabled or
 * the issuing event is outside the window.
 */
public record PodIdentitySessionName(String clusterPrefix, String podName) {

  private static final Pattern SHAPE = Pattern.compile(
      "^eks-(.+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$");
  static final int CLUSTER_CHARS = 10;

  /** The part of a cluster name that a session name keeps. */
  public static String clusterPart(String clusterName) {
    return clusterName.length() <= CLUSTER_CHARS ? clusterName : clusterName.substring(0, CLUSTER_CHARS);
  }

  /** Parses a session name, or returns null when it does not have the Pod Identity shape. */
  public static PodIdentitySessionName parse(String sessionName, ClusterDirectory clusters) {
    if (sessionName == null) {
      return null;
    }
    Matcher m = SHAPE.matcher(sessionName);
    if (!m.matches()) {
      return null;
    }
    String middle = m.group(1);
    // A known cluster (shorter names are kept whole, so they cannot be split by length alone); longest wins.
    String best = null;
    if (clusters != null) {
      for (String name : clusters.clusterNames()) {
        String part = clusterPart(name);
        if (middle.startsWith(part + "-") && middle.length() > part.length() + 1
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
    return new PodIdentitySessionName(best, middle.substring(best.length() + 1));
  }

  /** The full cluster name when the directory resolves the prefix unambiguously, else the prefix itself. */
  public String cluster(ClusterDirectory clusters) {
    return clusters == null ? clusterPrefix : clusters.clusterByPrefix(clusterPrefix).orElse(clusterPrefix);
  }
}
