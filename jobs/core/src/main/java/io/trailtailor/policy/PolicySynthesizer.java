package io.trailtailor.policy;

import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.catalog.ResourceTypeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns what a role, IAM user or workload did ({@link ActionUse}) into the least-privilege IAM policy that allows
 * exactly that: every observed successful call stays allowed; actions are the ones used (by name unless
 * {@link ActionWildcards#EXACT_AT_CATALOG_VERSION}); resources are the ARNs touched, except where an option widens
 * them (S3 key prefixes past a threshold, and further prefixes, narrowest first, when the policy would otherwise
 * need more than one document: {@link S3KeyTree}, {@link PolicyBudget}) or IAM requires {@code *} (actions without
 * resource-level scoping). {@code iam:PassRole} is conditioned on {@code iam:PassedToService} where the calls named
 * the service ({@link PassRoleCondition}).
 *
 * <p>Statements group actions of one service, access level, resource type and condition that were used on the same
 * set of resources, so each statement's action × resource product is exactly what was used. Sids follow policy_sentry:
 * {@code <Service><AccessLevel><ResourceType>} in PascalCase (e.g. {@code S3ReadObject},
 * {@code DynamodbWriteTable}, {@code StsReadAny} for {@code Resource: *}), with {@code 2}, {@code 3}, ... appended
 * in sorted order when several statements share a base, and {@code Part2}, ... when one statement had to be split
 * to fit the size limit. Output is sorted throughout, so the same input always gives the same bytes.
 */
public final class PolicySynthesizer {

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    static final String ANY = "Any";

    private final IamCatalog catalog;
    private final SynthesisOptions options;

    public PolicySynthesizer(IamCatalog catalog, SynthesisOptions options) {
        this.catalog = catalog;
        this.options = options;
    }

    public SynthesisOptions options() {
        return options;
    }

    public SynthesizedPolicy synthesize(PolicyTarget target, Collection<ActionUse> uses) {
        // 1. Canonical action names, duplicates merged.
        Map<String, ActionUse> merged = new TreeMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (ActionUse u : uses) {
            Optional<ActionInfo> info = catalog.action(u.action());
            String action = info.map(ActionInfo::qualifiedName).orElse(u.action());
            if (info.isEmpty()) unknown.add(u.action());
            ActionUse c = u.withAction(action);
            merged.merge(action + '\u0000' + c.resource() + '\u0000' + c.denied(), c, ActionUse::merge);
        }
        List<ActionUse> denied =
                merged.values().stream().filter(ActionUse::denied).toList();
        List<ActionUse> granted = merged.values().stream()
                .filter(u -> !u.denied() || options.includeDenied())
                .toList();

        // 2. S3 keys past the threshold collapse; if the policy still needs several documents, further prefixes
        // collapse, narrowest first, as few as make it fit one.
        S3KeyTree tree = S3KeyTree.of(granted.stream().map(ActionUse::resource).toList());
        List<S3KeyTree.Collapse> threshold = tree.thresholdCollapses(options.s3PrefixThreshold());
        Built built = build(granted, threshold);
        boolean overBudget = built.documents().size() > 1;
        if (overBudget && options.widenToFit() && options.s3PrefixThreshold() > 0) {
            List<S3KeyTree.Collapse> steps = tree.budgetSteps(threshold);
            Optional<Built> fitted = PolicyBudget.fewestSteps(
                    steps.size(),
                    k -> build(granted, concat(threshold, steps.subList(0, k))),
                    b -> b.documents().size() == 1);
            if (fitted.isPresent()) {
                built = fitted.get();
                overBudget = false;
            }
        }
        return new SynthesizedPolicy(
                target,
                built.documents(),
                built.pieces(),
                denied,
                List.copyOf(unknown),
                built.widenings(),
                options,
                catalog.stamp().label(),
                built.resourceWidenings(),
                overBudget);
    }

    /** One synthesis of the granted uses under a set of S3 collapses. */
    private record Built(
            List<PolicyDocument> documents,
            List<SynthesizedStatement> pieces,
            List<String> widenings,
            List<ResourceWidening> resourceWidenings) {}

    /** One action under one {@code iam:PassedToService} condition (none for other actions): a statement's unit. */
    private record Grant(String action, List<String> passedTo) {
        String conditionKey() {
            return String.join(",", passedTo);
        }
    }

    private static final Comparator<Grant> GRANT_ORDER =
            Comparator.comparing(Grant::action).thenComparing(Grant::conditionKey);

    private static Grant grant(ActionUse u) {
        return new Grant(
                u.action(), u.action().equalsIgnoreCase(PassRoleCondition.ACTION) ? u.passedToServices() : List.of());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private Built build(List<ActionUse> granted, List<S3KeyTree.Collapse> collapses) {
        // Resources as they will be written.
        List<ResourceWidening> resourceWidenings = S3KeyTree.outermost(collapses).stream()
                .map(S3KeyTree.Collapse::widening)
                .toList();
        List<String> widenings = new ArrayList<>();
        resourceWidenings.forEach(w -> widenings.add(w.describe(options)));
        Map<String, String> s3Generalized = S3KeyTree.mapping(collapses);
        // grant -> (use, resource as written) so each statement's evidence covers only its own resources
        Map<Grant, List<Map.Entry<ActionUse, String>>> usesByGrant = new TreeMap<>(GRANT_ORDER);
        Map<Grant, TreeSet<String>> resourcesByGrant = new TreeMap<>(GRANT_ORDER);
        TreeSet<String> wildcardOnly = new TreeSet<>();
        for (ActionUse u : granted) {
            Optional<ActionInfo> info = catalog.action(u.action());
            String r = u.resource();
            if (info.isPresent()
                    && info.get().wildcardOnly()
                    && !options.scopeWildcardOnlyActions()
                    && !r.equals("*")) {
                r = "*";
                wildcardOnly.add(u.action());
            }
            r = s3Generalized.getOrDefault(r, r);
            Grant g = grant(u);
            resourcesByGrant.computeIfAbsent(g, k -> new TreeSet<>()).add(r);
            usesByGrant.computeIfAbsent(g, k -> new ArrayList<>()).add(Map.entry(u, r));
        }
        wildcardOnly.forEach(a -> widenings.add(a + ": Resource * (the action supports no resource-level scoping)"));
        Set<String> noResource = new LinkedHashSet<>();
        resourcesByGrant.forEach((g, set) -> {
            if (set.contains("*") && set.size() > 1 && !wildcardOnly.contains(g.action())) {
                noResource.add(g.action() + ": Resource * (some calls named no resource)");
            }
            if (set.contains("*")) set.retainAll(Set.of("*"));
        });
        widenings.addAll(noResource);

        // Group by (service, level, resource type, condition), then by identical resource set.
        Map<List<String>, Map<String, TreeSet<String>>> byKind = new TreeMap<>(LIST_ORDER);
        resourcesByGrant.forEach((g, resources) -> {
            String service = IamWildcards.service(g.action());
            String level = catalog.action(g.action())
                    .map(a -> a.primaryAccessLevel().label())
                    .orElse("Unknown");
            for (String r : resources) {
                List<String> kind = List.of(service, level, resourceTypeName(service, r), g.conditionKey());
                byKind.computeIfAbsent(kind, k -> new TreeMap<>())
                        .computeIfAbsent(g.action(), k -> new TreeSet<>())
                        .add(r);
            }
        });
        List<Draft> drafts = new ArrayList<>();
        byKind.forEach((kind, actionResources) -> {
            Map<List<String>, TreeSet<String>> actionsByResources = new TreeMap<>(LIST_ORDER);
            actionResources.forEach((action, rs) -> actionsByResources
                    .computeIfAbsent(List.copyOf(rs), k -> new TreeSet<>())
                    .add(action));
            actionsByResources.forEach((rs, actions) -> drafts.add(new Draft(kind, List.copyOf(actions), rs)));
        });
        drafts.sort(Comparator.comparing(Draft::sidBase)
                .thenComparing(d -> d.resources, LIST_ORDER)
                .thenComparing(d -> d.actions, LIST_ORDER)
                .thenComparing(d -> d.kind.get(3)));

        // Sids, optional action wildcards, evidence.
        Map<String, Integer> seen = new HashMap<>();
        Set<String> usedSids = new HashSet<>();
        List<SynthesizedStatement> statements = new ArrayList<>();
        for (Draft d : drafts) {
            // Numbered in sorted order; skip numbers another base already produced (e.g. a type ending in a digit).
            int n = seen.merge(d.sidBase(), 1, Integer::sum);
            String sid = n == 1 ? d.sidBase() : d.sidBase() + n;
            while (!usedSids.add(sid)) {
                n = seen.merge(d.sidBase(), 1, Integer::sum);
                sid = d.sidBase() + n;
            }
            List<String> actions = options.actionWildcards() == ActionWildcards.EXACT_AT_CATALOG_VERSION
                    ? compress(d.actions, widenings)
                    : d.actions;
            long calls = 0;
            Instant first = null;
            Instant last = null;
            TreeSet<String> evidence = new TreeSet<>();
            Set<String> own = new HashSet<>(d.resources);
            for (String a : d.actions) {
                Grant g = new Grant(a, d.passedTo());
                for (Map.Entry<ActionUse, String> e : usesByGrant.get(g)) {
                    ActionUse u = e.getKey();
                    String written = resourcesByGrant.get(g).contains("*") ? "*" : e.getValue();
                    if (!own.contains(written)) continue;
                    calls += u.count();
                    first = first == null
                                    || (u.firstSeen() != null && u.firstSeen().isBefore(first))
                            ? u.firstSeen()
                            : first;
                    last = last == null || (u.lastSeen() != null && u.lastSeen().isAfter(last)) ? u.lastSeen() : last;
                    evidence.addAll(u.evidenceEventIds());
                }
            }
            List<String> ev = new ArrayList<>(evidence).subList(0, Math.min(evidence.size(), ActionUse.MAX_EVIDENCE));
            statements.add(new SynthesizedStatement(
                    PolicyStatement.allow(sid, actions, d.resources, PassRoleCondition.of(d.passedTo())),
                    d.kind.get(0),
                    d.kind.get(1),
                    d.kind.get(2),
                    calls,
                    first,
                    last,
                    ev));
        }

        // Documents under the size limit.
        PolicyPacker packer = new PolicyPacker(options.maxPolicySize());
        List<SynthesizedStatement> pieces = packer.pieces(statements);
        return new Built(packer.pack(pieces), pieces, widenings, resourceWidenings);
    }

    /** Service, access level, resource type and condition key of a statement, its actions and resources. */
    private record Draft(List<String> kind, List<String> actions, List<String> resources) {
        String sidBase() {
            return pascal(kind.get(0)) + pascal(kind.get(1)) + pascal(kind.get(2));
        }

        List<String> passedTo() {
            return kind.get(3).isEmpty() ? List.of() : List.of(kind.get(3).split(","));
        }
    }

    /** The resource type a resource's Sid part names: catalog type of the ARN, {@code Any} for {@code *}. */
    String resourceTypeName(String service, String resource) {
        if (resource.equals("*")) return ANY;
        List<ResourceTypeInfo> types = catalog.resourceTypesForArn(resource);
        return types.stream()
                .filter(t -> t.service().equals(service))
                .findFirst()
                .or(() -> types.stream().findFirst())
                .map(ResourceTypeInfo::name)
                .orElse("Resource");
    }

    /** Exact wildcard compression of one statement's actions (one service), validated against the catalog. */
    List<String> compress(List<String> actions, List<String> widenings) {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.addAll(actions);
        if (actions.size() < 2
                || actions.stream().anyMatch(a -> catalog.action(a).isEmpty())) return actions;
        String service = IamWildcards.service(actions.get(0));
        Map<String, Set<String>> chosen = new TreeMap<>();
        for (String a : actions) {
            String[] words = CAMEL.split(a.substring(a.indexOf(':') + 1));
            // Among exact candidates, the one covering most actions; on a tie the longest prefix, which is the least
            // likely to match actions AWS adds later.
            StringBuilder prefix = new StringBuilder();
            String best = null;
            List<String> bestExpansion = List.of();
            for (int k = 0; k < words.length; k++) {
                prefix.append(words[k]);
                String candidate = service + ":" + prefix + "*";
                List<String> expanded = catalog.expand(candidate).stream()
                        .map(ActionInfo::qualifiedName)
                        .toList();
                if (expanded.size() >= 2 && wanted.containsAll(expanded) && expanded.size() >= bestExpansion.size()) {
                    best = candidate;
                    bestExpansion = expanded;
                }
            }
            if (best != null) {
                Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                set.addAll(bestExpansion);
                chosen.put(best, set);
            }
        }
        // Drop patterns whose expansion another chosen pattern already covers.
        List<String> patterns = new ArrayList<>();
        for (var e : chosen.entrySet()) {
            boolean covered = chosen.entrySet().stream()
                    .anyMatch(o -> !o.getKey().equals(e.getKey())
                            && o.getValue().containsAll(e.getValue())
                            && (o.getValue().size() > e.getValue().size() || longerFirst(o.getKey(), e.getKey()) < 0));
            if (!covered) patterns.add(e.getKey());
        }
        Set<String> coveredActions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        patterns.forEach(p -> coveredActions.addAll(chosen.get(p)));
        TreeSet<String> out = new TreeSet<>(patterns);
        actions.stream().filter(a -> !coveredActions.contains(a)).forEach(out::add);
        // Validation: the result must expand to exactly the used actions.
        Set<String> check = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        out.forEach(p -> catalog.expand(p).forEach(i -> check.add(i.qualifiedName())));
        if (!check.equals(wanted) || out.size() >= actions.size()) return actions;
        patterns.forEach(
                p -> widenings.add(p + ": expands to exactly " + chosen.get(p).size() + " used actions at catalog "
                        + catalog.stamp().label()));
        return List.copyOf(out);
    }

    /** Among patterns of equal reach, the longest (least likely to grow) wins; then alphabetical. */
    private static int longerFirst(String a, String b) {
        return a.length() != b.length() ? Integer.compare(b.length(), a.length()) : a.compareTo(b);
    }

    static String pascal(String s) {
        StringBuilder sb = new StringBuilder();
        for (String w : s.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.toString();
    }

    private static final Comparator<List<String>> LIST_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    };

    /** For callers that want statement metadata by Sid. */
    public static Map<String, SynthesizedStatement> bySid(SynthesizedPolicy p) {
        Map<String, SynthesizedStatement> m = new LinkedHashMap<>();
        p.statements().forEach(s -> m.put(s.statement().sid(), s));
        return m;
    }
}
