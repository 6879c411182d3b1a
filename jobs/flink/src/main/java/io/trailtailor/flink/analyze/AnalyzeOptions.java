package io.trailtailor.flink.analyze;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.input.S3Settings;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Every knob of {@code analyze}, typed and in one place. The effective values are written into
 * {@code summary.json}, so a report always says how it was made.
 *
 * @param clusterOidcIssuers {@code NAME=ISSUER} pairs naming the cluster behind an OIDC issuer
 * @param parallelism parallel readers and writers; defaults to the machine's cores
 * @param jobManager {@code host:port} of a running Flink cluster's REST endpoint, or null to run embedded
 */
public record AnalyzeOptions(
    List<String> cloudTrail,
    List<String> k8sAudit,
    String iamSnapshot,
    List<String> clusterSnapshots,
    List<String> clusterOidcIssuers,
    LocalDate from,
    LocalDate to,
    Set<String> accounts,
    Set<String> regions,
    String out,
    int parallelism,
    String jobManager,
    S3Settings s3) implements Serializable {

  public AnalyzeOptions {
    cloudTrail = List.copyOf(cloudTrail);
    k8sAudit = List.copyOf(k8sAudit);
    clusterSnapshots = List.copyOf(clusterSnapshots);
    clusterOidcIssuers = List.copyOf(clusterOidcIssuers);
    accounts = Set.copyOf(accounts);
    regions = Set.copyOf(regions);
  }

  public KeyFilter keyFilter() {
    return new KeyFilter(from, to, accounts, regions);
  }

  /** Options accepted and validated now whose feature arrives in a later release. */
  public List<String> unusedYet() {
    List<String> unused = new java.util.ArrayList<>();
    if (iamSnapshot != null) {
      unused.add("--iam-snapshot");
    }
    if (!clusterSnapshots.isEmpty()) {
      unused.add("--cluster-snapshot");
    }
    if (!clusterOidcIssuers.isEmpty()) {
      unused.add("--cluster");
    }
    return unused;
  }
}
