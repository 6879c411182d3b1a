package io.trailtailor.grants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged IAM snapshot of one or several accounts: roles, users, groups and the managed policies whose documents
 * the snapshot carried, keyed by ARN; plus the problems met while reading (a policy document that does not parse, a
 * file of no known kind), so nothing is dropped silently.
 */
public record IamSnapshot(
        Map<String, RoleGrant> roles,
        Map<String, UserGrant> users,
        Map<String, GroupGrant> groups,
        Map<String, ManagedPolicy> policies,
        List<String> problems) {

    public IamSnapshot {
        roles = Map.copyOf(roles);
        users = Map.copyOf(users);
        groups = Map.copyOf(groups);
        policies = Map.copyOf(policies);
        problems = List.copyOf(problems);
    }

    public Optional<RoleGrant> role(String arn) {
        return Optional.ofNullable(roles.get(arn));
    }

    public Optional<UserGrant> user(String arn) {
        return Optional.ofNullable(users.get(arn));
    }

    /** A managed policy the snapshot itself carried (default version only). */
    public Optional<ManagedPolicy> policy(String arn) {
        return Optional.ofNullable(policies.get(arn));
    }

    /** The user's groups in its own account; a group named but absent from the snapshot is skipped. */
    public List<GroupGrant> groupsOf(UserGrant user) {
        List<GroupGrant> out = new ArrayList<>();
        for (String name : user.groupNames()) {
            groups.values().stream()
                    .filter(g -> g.account().equals(user.account()) && g.name().equals(name))
                    .findFirst()
                    .ifPresent(out::add);
        }
        return out;
    }

    /** The roles an instance profile holds, by instance profile ARN. */
    public List<RoleGrant> rolesOfInstanceProfile(String instanceProfileArn) {
        return roles.values().stream()
                .filter(r -> r.instanceProfiles().stream().anyMatch(p -> p.arn().equals(instanceProfileArn)))
                .sorted(java.util.Comparator.comparing(RoleGrant::arn))
                .toList();
    }
}
