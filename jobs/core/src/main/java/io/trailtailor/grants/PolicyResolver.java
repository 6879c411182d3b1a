package io.trailtailor.grants;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the policies of a role or user from a snapshot, resolving managed-policy ARNs from the snapshot first and,
 * for AWS managed policies the snapshot left out (for example a {@code --filter Role} export), from the bundled
 * {@link ManagedPolicies}. Remembers which ARNs came from the bundle and which could not be resolved, for the summary.
 */
public final class PolicyResolver {

    private final IamSnapshot snapshot;
    private final ManagedPolicies bundle;
    private final Set<String> fromBundle = new TreeSet<>();
    private final Set<String> unresolved = new TreeSet<>();

    public PolicyResolver(IamSnapshot snapshot, ManagedPolicies bundle) {
        this.snapshot = snapshot;
        this.bundle = bundle;
    }

    public Optional<ManagedPolicy> resolve(String arn) {
        Optional<ManagedPolicy> own = snapshot.policy(arn);
        if (own.isPresent()) return own;
        Optional<ManagedPolicy> bundled = arn.contains(":iam::aws:policy/") ? bundle.byArn(arn) : Optional.empty();
        if (bundled.isPresent()) fromBundle.add(arn);
        else unresolved.add(arn);
        return bundled;
    }

    public PrincipalPolicies forRole(RoleGrant role) {
        List<SourcedDocument> docs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        add(docs, missing, role.inlinePolicies(), role.attachedPolicies(), null);
        return withBoundary(role.arn(), docs, missing, role.permissionsBoundaryArn());
    }

    /** The user's own policies, then each group's (in the order of its {@code GroupList}). */
    public PrincipalPolicies forUser(UserGrant user) {
        List<SourcedDocument> docs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        add(docs, missing, user.inlinePolicies(), user.attachedPolicies(), null);
        for (GroupGrant g : snapshot.groupsOf(user)) {
            add(docs, missing, g.inlinePolicies(), g.attachedPolicies(), g.arn());
        }
        return withBoundary(user.arn(), docs, missing, user.permissionsBoundaryArn());
    }

    private void add(
            List<SourcedDocument> docs,
            List<String> missing,
            List<InlinePolicy> inline,
            List<AttachedPolicy> attached,
            String via) {
        inline.forEach(p -> docs.add(new SourcedDocument(p.name(), SourcedDocument.Kind.INLINE, via, p.document())));
        for (AttachedPolicy a : attached) {
            Optional<ManagedPolicy> p = resolve(a.arn());
            if (p.isPresent()) {
                docs.add(new SourcedDocument(
                        a.arn(), SourcedDocument.Kind.MANAGED, via, p.get().document()));
            } else {
                missing.add(a.arn());
            }
        }
    }

    private PrincipalPolicies withBoundary(
            String arn, List<SourcedDocument> docs, List<String> missing, String boundaryArn) {
        if (boundaryArn == null) return new PrincipalPolicies(arn, docs, null, null, missing);
        Optional<ManagedPolicy> b = resolve(boundaryArn);
        if (b.isEmpty()) missing.add(boundaryArn);
        return new PrincipalPolicies(
                arn, docs, boundaryArn, b.map(ManagedPolicy::document).orElse(null), missing);
    }

    /** AWS managed policy ARNs resolved from the bundle so far, sorted. */
    public Set<String> resolvedFromBundle() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(fromBundle));
    }

    /** Policy ARNs found nowhere so far, sorted. */
    public Set<String> unresolved() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(unresolved));
    }
}
