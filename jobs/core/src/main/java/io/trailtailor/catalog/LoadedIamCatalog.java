package io.trailtailor.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The in-memory catalog: per service, lowercase-keyed maps onto canonical records. */
final class LoadedIamCatalog implements IamCatalog {

    private static final Comparator<ActionInfo> BY_QUALIFIED_NAME = Comparator.comparing(ActionInfo::service)
            .thenComparing(a -> a.name().toLowerCase(Locale.ROOT));

    /** One service as read: maps keyed by canonical names; lookups go through the lowercase indexes below. */
    record Service(
            String prefix,
            String name,
            Map<String, ActionInfo> actions,
            Map<String, ResourceTypeInfo> resourceTypes,
            Map<String, String> conditionKeys) {}

    /** A resource type with its templates parsed, as matchResourceTypes tries them. */
    private record Matchable(ResourceTypeInfo type, List<ArnTemplate> templates) {}

    private record Indexed(
            ServiceInfo info,
            TreeMap<String, ActionInfo> actionsByLower,
            List<ActionInfo> sortedActions,
            Map<String, ResourceTypeInfo> resourceTypesByLower) {}

    private final CatalogStamp stamp;
    private final Map<String, Indexed> services = new TreeMap<>();
    private final Set<String> prefixes;
    /** ARN service segment → resource types whose template has that literal segment. */
    private final Map<String, List<Matchable>> resourceTypesByArnService = new HashMap<>();

    private final List<Matchable> resourceTypesWithVariableService = new ArrayList<>();
    private final Map<String, ConditionKeyInfo> conditionKeysByLower = new HashMap<>();
    private final List<Map.Entry<Pattern, ConditionKeyInfo>> templatedConditionKeys = new ArrayList<>();
    private final Map<String, Pattern> expandCache = new ConcurrentHashMap<>();

    /**
     * ARN → its resource types. The mapper asks for every resource of every call, once per candidate resource type,
     * and each answer tries hundreds of template regexes; the same ARNs (roles, buckets, clusters) recur all run long.
     * The catalog is shared by the operators of one JVM, hence concurrent; bounded by starting over when full, so that
     * a run of one-off ARNs (object keys) cannot grow it.
     */
    private final Map<String, List<ResourceTypeInfo>> resourceTypesByArn = new ConcurrentHashMap<>();

    static final int ARN_CACHE_LIMIT = 50_000;

    LoadedIamCatalog(CatalogStamp stamp, Map<String, Service> raw, Map<String, String> globalConditionKeys) {
        this.stamp = stamp;
        for (Service s : raw.values()) {
            String prefix = s.prefix().toLowerCase(Locale.ROOT);
            TreeMap<String, ActionInfo> byLower = new TreeMap<>();
            s.actions().values().forEach(a -> byLower.put(a.name().toLowerCase(Locale.ROOT), a));
            Map<String, ResourceTypeInfo> rtByLower = new HashMap<>();
            for (ResourceTypeInfo rt : s.resourceTypes().values()) {
                rtByLower.put(rt.name().toLowerCase(Locale.ROOT), rt);
                Matchable matchable = new Matchable(
                        rt, rt.arnTemplates().stream().map(ArnTemplate::of).toList());
                for (String template : rt.arnTemplates()) {
                    String segment = ArnTemplate.of(template).serviceSegment();
                    if (segment == null) {
                        resourceTypesWithVariableService.add(matchable);
                    } else {
                        resourceTypesByArnService
                                .computeIfAbsent(segment, k -> new ArrayList<>())
                                .add(matchable);
                    }
                }
            }
            s.conditionKeys().forEach((k, type) -> addConditionKey(new ConditionKeyInfo(k, type, false)));
            ServiceInfo info = new ServiceInfo(
                    prefix,
                    s.name(),
                    byLower.values().stream().map(ActionInfo::name).toList(),
                    s.resourceTypes().keySet().stream().sorted().toList(),
                    s.conditionKeys());
            services.put(prefix, new Indexed(info, byLower, List.copyOf(byLower.values()), rtByLower));
        }
        globalConditionKeys.forEach((k, type) -> addConditionKey(new ConditionKeyInfo(k, type, true)));
        this.prefixes = Collections.unmodifiableSet(new TreeSet<>(services.keySet()));
    }

    private void addConditionKey(ConditionKeyInfo key) {
        if (conditionKeysByLower.putIfAbsent(key.key().toLowerCase(Locale.ROOT), key) != null) {
            return; // aws:ResourceTag/${TagKey} and friends repeat in hundreds of services
        }
        if (key.key().contains("${") || key.key().contains("<") || key.key().endsWith("/tag-key")) {
            // aws:RequestTag/${TagKey}, s3:ExistingObjectTag/<key>, aws:PrincipalTag/tag-key: the placeholder is one
            // segment
            String regex = Pattern.quote(key.key())
                    .replaceAll("\\$\\{[^}]+}", "\\\\E[^/]+\\\\Q")
                    .replaceAll("<[^>]+>", "\\\\E[^/]+\\\\Q")
                    .replaceAll("/tag-key\\\\E$", "/\\\\E[^/]+");
            templatedConditionKeys.add(Map.entry(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), key));
        }
    }

    @Override
    public CatalogStamp stamp() {
        return stamp;
    }

    @Override
    public Set<String> servicePrefixes() {
        return prefixes;
    }

    @Override
    public Optional<ServiceInfo> service(String prefix) {
        return indexed(prefix).map(Indexed::info);
    }

    private Optional<Indexed> indexed(String prefix) {
        return prefix == null ? Optional.empty() : Optional.ofNullable(services.get(prefix.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<ActionInfo> action(String qualified) {
        if (qualified == null) {
            return Optional.empty();
        }
        int colon = qualified.indexOf(':');
        if (colon < 0 || qualified.indexOf(':', colon + 1) >= 0) {
            return Optional.empty();
        }
        return action(qualified.substring(0, colon), qualified.substring(colon + 1));
    }

    @Override
    public Optional<ActionInfo> action(String prefix, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return indexed(prefix).map(s -> s.actionsByLower().get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean exists(String qualifiedAction) {
        return action(qualifiedAction).isPresent();
    }

    @Override
    public List<ActionInfo> actions(String prefix) {
        return indexed(prefix).map(Indexed::sortedActions).orElse(List.of());
    }

    @Override
    public List<ActionInfo> expand(String pattern) {
        String p = pattern.trim();
        if (!p.isEmpty() && p.chars().allMatch(c -> c == '*')) {
            List<ActionInfo> all = new ArrayList<>(stamp.actions());
            services.values().forEach(s -> all.addAll(s.sortedActions()));
            return all;
        }
        int colon = p.indexOf(':');
        if (colon <= 0 || p.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("Not an IAM action pattern (service:action): '" + pattern + "'");
        }
        Optional<Indexed> service = indexed(p.substring(0, colon));
        if (service.isEmpty()) {
            return List.of();
        }
        String namePart = p.substring(colon + 1);
        if (namePart.indexOf('*') < 0 && namePart.indexOf('?') < 0) {
            ActionInfo exact = service.get().actionsByLower().get(namePart.toLowerCase(Locale.ROOT));
            return exact == null ? List.of() : List.of(exact);
        }
        Pattern regex = expandCache.computeIfAbsent(namePart.toLowerCase(Locale.ROOT), LoadedIamCatalog::wildcardRegex);
        return service.get().sortedActions().stream()
                .filter(a -> regex.matcher(a.name()).matches())
                .toList();
    }

    /** IAM wildcards: '*' any run (also empty), '?' exactly one character; everything else literal. */
    static Pattern wildcardRegex(String wildcard) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    @Override
    public List<ActionInfo> invert(Collection<String> patterns) {
        java.util.Set<String> excluded = new java.util.HashSet<>();
        for (String pattern : patterns) {
            for (ActionInfo a : expand(pattern)) {
                excluded.add(a.qualifiedName());
            }
        }
        List<ActionInfo> out = new ArrayList<>();
        services.values()
                .forEach(s -> s.sortedActions().stream()
                        .filter(a -> !excluded.contains(a.qualifiedName()))
                        .forEach(out::add));
        out.sort(BY_QUALIFIED_NAME);
        return out;
    }

    @Override
    public Optional<ResourceTypeInfo> resourceType(String prefix, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return indexed(prefix).map(s -> s.resourceTypesByLower().get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<ResourceTypeInfo> resourceTypesForArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return List.of();
        }
        List<ResourceTypeInfo> known = resourceTypesByArn.get(arn);
        if (known != null) {
            return known;
        }
        List<ResourceTypeInfo> types = matchResourceTypes(arn);
        if (resourceTypesByArn.size() >= ARN_CACHE_LIMIT) {
            resourceTypesByArn.clear();
        }
        resourceTypesByArn.put(arn, types);
        return types;
    }

    /** Size of the ARN cache, for tests of its bound. */
    int cachedArns() {
        return resourceTypesByArn.size();
    }

    private List<ResourceTypeInfo> matchResourceTypes(String arn) {
        String arnService = arnService(arn);
        List<Matchable> sameService =
                arnService == null ? List.of() : resourceTypesByArnService.getOrDefault(arnService, List.of());
        int best = -1;
        List<ResourceTypeInfo> out = new ArrayList<>();
        for (List<Matchable> candidates : List.of(sameService, resourceTypesWithVariableService)) {
            best = bestMatches(arn, candidates, best, out);
        }
        // The service that owns the ARN first (s3:bucket before ssm:bucket, which reuses the S3 template).
        String owner = arnService == null ? "" : arnService;
        out.sort(Comparator.comparing((ResourceTypeInfo rt) -> !rt.service().equals(owner))
                .thenComparing(ResourceTypeInfo::service)
                .thenComparing(ResourceTypeInfo::name));
        return List.copyOf(out);
    }

    /** The third colon-separated part ({@code s3} of {@code arn:aws:s3:::b}), null with fewer than two colons. */
    static String arnService(String arn) {
        int first = arn.indexOf(':');
        int second = first < 0 ? -1 : arn.indexOf(':', first + 1);
        if (second < 0) {
            return null;
        }
        int third = arn.indexOf(':', second + 1);
        return arn.substring(second + 1, third < 0 ? arn.length() : third);
    }

    /** Adds to {@code out} the types whose templates match with the most literal characters; returns that count. */
    private static int bestMatches(String arn, List<Matchable> candidates, int bestSoFar, List<ResourceTypeInfo> out) {
        int best = bestSoFar;
        for (Matchable m : candidates) {
            ResourceTypeInfo rt = m.type();
            for (ArnTemplate t : m.templates()) {
                if (!t.matches(arn)) {
                    continue;
                }
                if (t.literalLength() > best) {
                    best = t.literalLength();
                    out.clear();
                }
                if (t.literalLength() == best && !out.contains(rt)) {
                    out.add(rt);
                }
            }
        }
        return best;
    }

    @Override
    public Optional<ConditionKeyInfo> conditionKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        ConditionKeyInfo exact = conditionKeysByLower.get(key.toLowerCase(Locale.ROOT));
        if (exact != null) {
            return Optional.of(exact);
        }
        return templatedConditionKeys.stream()
                .filter(e -> e.getKey().matcher(key).matches())
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
