package io.trailtailor.findings;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.grants.EffectiveGrants;
import io.trailtailor.grants.GrantExpander;
import io.trailtailor.grants.IamSnapshot;
import io.trailtailor.grants.ManagedPolicies;
import io.trailtailor.grants.PolicyResolver;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.UserGrant;
import io.trailtailor.grants.cluster.ClusterSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every rule reads: the granted side (IAM snapshot, cluster snapshots, credential report), the used side, the
 * IAM catalog, the options, and the files trailtailor wrote (so recommendations can point at them). Effective grants
 * are expanded once per principal and shared by all rules.
 *
 * @param iam the merged IAM snapshot, or null when none was given (IAM rules are then silent)
 * @param clusters cluster snapshots by cluster name (empty when none was given)
 * @param policyFiles the least-privilege policy files this run wrote, by principal: role or user ARN, or
 *     {@code cluster/namespace/serviceAccount}, to the {@code .json} path relative to {@code --out}
 * @param rbacFiles the RBAC files this run wrote, by {@code cluster/principal} (the audit username), relative path
 */
public record FindingContext(
        IamCatalog catalog,
        IamSnapshot iam,
        ManagedPolicies managedPolicies,
        Map<String, ClusterSnapshot> clusters,
        CredentialReport credentialReport,
        UsedSide used,
        FindingsOptions options,
        Map<String, String> policyFiles,
        Map<String, String> rbacFiles,
        Map<String, EffectiveGrants> grantCache) {

    public FindingContext {
        clusters = java.util.Collections.unmodifiableMap(new TreeMap<>(clusters));
        policyFiles = Map.copyOf(policyFiles);
        rbacFiles = Map.copyOf(rbacFiles);
        grantCache = grantCache == null ? new ConcurrentHashMap<>() : grantCache;
    }

    /** A context with a fresh grant cache. */
    public static FindingContext of(
            IamCatalog catalog,
            IamSnapshot iam,
            ManagedPolicies managedPolicies,
            Map<String, ClusterSnapshot> clusters,
            CredentialReport credentialReport,
            UsedSide used,
            FindingsOptions options,
            Map<String, String> policyFiles,
            Map<String, String> rbacFiles) {
        return new FindingContext(
                catalog,
                iam,
                managedPolicies,
                clusters,
                credentialReport == null ? CredentialReport.none() : credentialReport,
                used,
                options,
                policyFiles,
                rbacFiles,
                new ConcurrentHashMap<>());
    }

    public boolean hasIamSnapshot() {
        return iam != null;
    }

    /** Roles of the snapshot, sorted by ARN; empty without a snapshot. */
    public List<RoleGrant> roles() {
        return iam == null
                ? List.of()
                : new TreeMap<>(iam.roles()).values().stream().toList();
    }

    public List<UserGrant> users() {
        return iam == null
                ? List.of()
                : new TreeMap<>(iam.users()).values().stream().toList();
    }

    /** What the role is effectively allowed (identity policies, explicit denies, boundary), expanded once. */
    public EffectiveGrants grantsOf(RoleGrant role) {
        return grantCache.computeIfAbsent(
                role.arn(), a -> new GrantExpander(catalog).expand(resolver().forRole(role)));
    }

    public EffectiveGrants grantsOf(UserGrant user) {
        return grantCache.computeIfAbsent(
                user.arn(), a -> new GrantExpander(catalog).expand(resolver().forUser(user)));
    }

    public PolicyResolver resolver() {
        return new PolicyResolver(iam, managedPolicies);
    }

    public Optional<String> policyFile(String principal) {
        return Optional.ofNullable(policyFiles.get(principal));
    }

    /** The window the input covers; zero when it is unknown. */
    public Duration window() {
        Instant from = used.windowFrom();
        Instant to = used.windowTo();
        return from == null || to == null ? Duration.ZERO : Duration.between(from, to);
    }

    /** True when the window is at least {@code --min-window}: only then can "unused" be said with HIGH confidence. */
    public boolean windowLongEnough() {
        return window().compareTo(options.minWindow()) >= 0;
    }

    /**
     * Whether a principal or grant created at {@code created} existed for the whole window (FINDINGS.md: "unused"
     * is only claimed for those). An unknown creation time counts as existing all window.
     */
    public boolean existedAllWindow(Instant created) {
        return created == null || used.windowFrom() == null || !created.isAfter(used.windowFrom());
    }
}
