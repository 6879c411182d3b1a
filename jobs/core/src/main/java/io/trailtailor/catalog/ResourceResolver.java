package io.trailtailor.catalog;

import io.trailtailor.catalog.MappingOverrides.Source;
import io.trailtailor.catalog.RequiredAction.Origin;
import io.trailtailor.event.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The resources one action was needed on. Per resource type of the action, in this order: the event's
 * {@code resources[]}, a request field that holds a whole ARN, or the catalog's ARN template filled from the request
 * (via the overrides' bindings) and the event's partition, region and account. Anything it cannot name becomes
 * {@code "*"} with a note that says why, never a placeholder.
 */
final class ResourceResolver {

    private static final Set<String> CONTEXT_VARIABLES = Set.of("Partition", "Region", "Account");
    /** Cartesian products of multi-valued variables (GetParameters names[]) are capped; beyond it, Resource *. */
    private static final int MAX_RENDERED_ARNS = 100;

    /** One resource type's outcome: rendered ARNs (or why not), and whether any variable was wildcarded. */
    private record Candidate(
            ActionResource resource, List<String> arns, boolean wildcarded, List<String> missing, String note) {
        boolean resolved() {
            return missing.isEmpty() && !arns.isEmpty();
        }
    }

    private final IamCatalog catalog;
    private final MappingOverrides overrides;

    ResourceResolver(IamCatalog catalog, MappingOverrides overrides) {
        this.catalog = catalog;
        this.overrides = overrides;
    }

    /**
     * The action on the resources the event names. With {@code hints.bind()} the bound request fields fill the
     * templates and {@code resources[]} is not consulted; {@code hints.resourceTypes()} narrows the types tried;
     * {@code hints.arnTemplates()} are literal ARNs (partition, region and account only) added when scoped.
     */
    RequiredAction required(MappingEvent event, ActionInfo action, Origin origin, ResourceHints hints) {
        List<String> notes = new ArrayList<>();
        if (hints.note() != null && !hints.note().isBlank()) {
            notes.add(hints.note());
        }
        Set<String> extra = new TreeSet<>();
        for (String template : hints.arnTemplates()) {
            String rendered = renderLiteral(template, event.arnContext());
            if (rendered != null) {
                extra.add(rendered);
            }
        }
        if (action.wildcardOnly()) {
            notes.add(action.qualifiedName() + " supports no resource-level permissions: Resource *");
            return new RequiredAction(
                    action.qualifiedName(), RequiredAction.ALL_RESOURCES, origin, String.join("; ", notes));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (ActionResource ar : action.resourceTypes()) {
            if (!hints.resourceTypes().isEmpty()
                    && hints.resourceTypes().stream().noneMatch(t -> t.equalsIgnoreCase(ar.resourceType()))) {
                continue;
            }
            catalog.resourceType(action.service(), ar.resourceType())
                    .ifPresent(rt -> candidates.add(candidate(event, action, ar, rt, hints.bind())));
        }
        List<Candidate> chosen = choose(candidates);
        if (chosen.isEmpty()) {
            notes.add(notScoped(action, candidates));
            return new RequiredAction(
                    action.qualifiedName(), RequiredAction.ALL_RESOURCES, origin, String.join("; ", notes));
        }
        Set<String> arns = new TreeSet<>(extra);
        for (Candidate c : chosen) {
            arns.addAll(c.arns());
            if (c.note() != null) {
                notes.add(c.note());
            }
        }
        return new RequiredAction(
                action.qualifiedName(), mostSpecific(arns), origin, String.join("; ", new LinkedHashSet<>(notes)));
    }

    private static String notScoped(ActionInfo action, List<Candidate> candidates) {
        List<String> why = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!c.resolved()) {
                why.add(action.service() + ":" + c.resource().resourceType() + " needs "
                        + String.join(", ", c.missing()));
            }
        }
        // RunInstances has 18 resource types: name a few, count the rest, keep notes readable
        String listed = why.size() <= 3
                ? String.join("; ", why)
                : String.join("; ", why.subList(0, 3)) + " and " + (why.size() - 3) + " more resource types";
        return "not scoped: " + (why.isEmpty() ? "no usable resource type" : listed) + ", not in the event: Resource *";
    }

    /**
     * Required resource types must all resolve (else Resource *); optional ones are added when fully named by the
     * event. With no required type, fully named types win over ones with wildcarded parts.
     */
    private static List<Candidate> choose(List<Candidate> candidates) {
        List<Candidate> required =
                candidates.stream().filter(c -> c.resource().required()).toList();
        if (!required.isEmpty()) {
            if (required.stream().anyMatch(c -> !c.resolved())) {
                return List.of();
            }
            List<Candidate> out = new ArrayList<>(required);
            candidates.stream()
                    .filter(c -> !c.resource().required() && c.resolved() && !c.wildcarded())
                    .forEach(out::add);
            return out;
        }
        List<Candidate> full =
                candidates.stream().filter(c -> c.resolved() && !c.wildcarded()).toList();
        if (!full.isEmpty()) {
            return full;
        }
        return candidates.stream().filter(Candidate::resolved).toList();
    }

    /** Drops an ARN when a more specific one below it was also named (table vs table/T/index/I). */
    private static List<String> mostSpecific(Set<String> arns) {
        List<String> out = new ArrayList<>();
        for (String arn : arns) {
            boolean parent = arns.stream().anyMatch(other -> !other.equals(arn) && other.startsWith(arn + "/"));
            if (!parent) {
                out.add(arn);
            }
        }
        return out;
    }

    private Candidate candidate(
            MappingEvent event,
            ActionInfo action,
            ActionResource ar,
            ResourceTypeInfo rt,
            Map<String, List<Source>> bind) {
        if (bind == null) {
            List<String> named = namedArns(event, rt);
            if (!named.isEmpty()) {
                return new Candidate(ar, named, false, List.of(), null);
            }
        }
        Map<String, List<Source>> serviceBindings = overrides.bindings(action.service());
        Set<String> wildcardable = overrides.wildcardVariables(action.service(), rt.name());
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> direct = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> wildcarded = new ArrayList<>();
        for (String var : ArnTemplate.of(rt.arnTemplate()).variables()) {
            List<Source> sources = bind != null && bind.containsKey(var)
                    ? bind.get(var)
                    : serviceBindings.getOrDefault(var, List.of());
            List<String> plain = new ArrayList<>();
            for (String v : firstValues(event.values(), sources)) {
                if (!v.startsWith("arn:")) {
                    plain.add(v);
                } else if (rt.matches(v)) {
                    direct.add(v); // a parameter that already is this resource type's ARN is used whole
                }
            }
            if (plain.isEmpty()
                    && CONTEXT_VARIABLES.contains(var)
                    && event.arnContext().containsKey(var)) {
                plain.add(event.arnContext().get(var));
            }
            if (plain.isEmpty()) {
                if (wildcardable.contains(var)) {
                    plain.add("*");
                    wildcarded.add(var);
                } else {
                    missing.add(var);
                }
            }
            values.put(var, plain);
        }
        if (!direct.isEmpty()) {
            return new Candidate(ar, direct, false, List.of(), null);
        }
        if (!missing.isEmpty()) {
            return new Candidate(ar, List.of(), false, missing, null);
        }
        List<String> arns = render(rt, values);
        if (arns.isEmpty()) {
            return new Candidate(
                    ar, List.of(), false, List.of("at most " + MAX_RENDERED_ARNS + " value combinations"), null);
        }
        String note = wildcarded.isEmpty()
                ? null
                : action.service() + ":" + rt.name() + " " + String.join(", ", wildcarded)
                        + " not in the request (generated by AWS or unnamed): rendered as *";
        return new Candidate(ar, arns, !wildcarded.isEmpty(), List.of(), note);
    }

    /** ARNs of this type the event names whole: in {@code resources[]}, else in a request field that holds ARNs. */
    private List<String> namedArns(MappingEvent event, ResourceTypeInfo rt) {
        List<String> fromEvent = new ArrayList<>();
        for (ResourceRef ref : event.call().resources()) {
            if (ref.arn() != null
                    && catalog.resourceTypesForArn(ref.arn()).contains(rt)
                    && !fromEvent.contains(ref.arn())) {
                fromEvent.add(ref.arn());
            }
        }
        if (!fromEvent.isEmpty()) {
            return fromEvent;
        }
        List<String> fromArnParams = new ArrayList<>();
        for (String path : overrides.resourceArnParams()) {
            for (String value : event.values().values(path)) {
                if (value.startsWith("arn:") && rt.matches(value) && !fromArnParams.contains(value)) {
                    fromArnParams.add(value);
                }
            }
        }
        return fromArnParams;
    }

    /** The values of the first source that has any: bindings list fallbacks in order of preference. */
    private static List<String> firstValues(RequestValues values, List<Source> sources) {
        for (Source s : sources) {
            List<String> got = values.values(s);
            if (!got.isEmpty()) {
                return got;
            }
        }
        return List.of();
    }

    private static List<String> render(ResourceTypeInfo rt, Map<String, List<String>> values) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : combos) {
                for (String v : e.getValue()) {
                    Map<String, String> c = new LinkedHashMap<>(combo);
                    c.put(e.getKey(), v);
                    next.add(c);
                }
            }
            combos = next;
            if (combos.size() > MAX_RENDERED_ARNS) {
                return List.of();
            }
        }
        Set<String> out = new TreeSet<>();
        combos.forEach(c -> out.add(rt.render(c, "*")));
        return List.copyOf(out);
    }

    /** Literal ARN templates from the overrides file use only the event's partition, region and account. */
    private static String renderLiteral(String template, Map<String, String> context) {
        ArnTemplate t = ArnTemplate.of(template);
        if (!context.keySet().containsAll(t.variables())) {
            return null;
        }
        return t.render(context, "*");
    }
}
