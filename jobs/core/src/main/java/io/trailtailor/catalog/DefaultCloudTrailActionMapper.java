package io.trailtailor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.catalog.MappingOverrides.OperationAction;
import io.trailtailor.catalog.MappingOverrides.Source;
import io.trailtailor.catalog.MappingResult.Status;
import io.trailtailor.catalog.RequiredAction.Origin;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mapping pipeline: filter non-API events → eventSource to prefix → version-suffix normalisation → skip list →
 * curated operation → default rule → implied actions (version access, iam:PassRole, tag-on-create). Every action
 * is checked against the catalog and carries its origin; resources come from the event's {@code resources[]} or are
 * rendered from the catalog's ARN template, and fall back to {@code "*"} with a note, never to a placeholder.
 */
final class DefaultCloudTrailActionMapper implements CloudTrailActionMapper {

    static final Map<String, String> PARTIQL_ACTIONS = Map.of(
            "SELECT",
            "dynamodb:PartiQLSelect",
            "INSERT",
            "dynamodb:PartiQLInsert",
            "UPDATE",
            "dynamodb:PartiQLUpdate",
            "DELETE",
            "dynamodb:PartiQLDelete");

    private static final Set<String> CONTEXT_VARIABLES = Set.of("Partition", "Region", "Account");
    /** Cartesian products of multi-valued variables (GetParameters names[]) are capped; beyond it, Resource *. */
    private static final int MAX_RENDERED_ARNS = 100;

    private final IamCatalog catalog;
    private final MappingOverrides overrides;

    DefaultCloudTrailActionMapper(IamCatalog catalog, MappingOverrides overrides) {
        this.catalog = catalog;
        this.overrides = overrides;
    }

    /** Everything one event's mapping needs to look at. */
    private record Event(
            ApiCall call, String prefix, String eventKey, RequestValues values, Map<String, String> context) {}

    @Override
    public MappingResult map(ApiCall call) {
        if (call.eventType() != null && overrides.nonApiEventTypes().containsKey(call.eventType())) {
            return MappingResult.skipped(
                    Status.SKIPPED_NON_API_EVENT,
                    "eventType " + call.eventType() + ": "
                            + overrides.nonApiEventTypes().get(call.eventType()));
        }
        if (call.identity().isAwsService()) {
            return MappingResult.skipped(
                    Status.SKIPPED_NON_API_EVENT,
                    "made by an AWS service principal"
                            + (call.identity().invokedBy() == null
                                    ? ""
                                    : " (" + call.identity().invokedBy() + ")")
                            + ", not by an identity whose policy is being tailored");
        }
        String host = host(call.eventSource());
        String prefix = prefixFor(host);
        if (catalog.service(prefix).isEmpty()) {
            return MappingResult.skipped(
                    Status.UNKNOWN_SERVICE,
                    "eventSource " + call.eventSource() + " gives prefix '" + prefix
                            + "', which is not an IAM service prefix in "
                            + catalog.stamp().label());
        }
        List<String> names = new ArrayList<>();
        names.add(call.eventName());
        overrides.stripVersionSuffix(call.eventName()).ifPresent(names::add);

        for (String name : names) {
            Optional<MappingOverrides.Skip> skip = overrides.skip(prefix + ":" + name);
            if (skip.isPresent()) {
                return MappingResult.skipped(
                        skip.get().status(),
                        prefix + ":" + name + ": " + skip.get().reason());
            }
        }

        RequestValues values = RequestValues.of(call.requestParameters(), call.responseElements());
        for (String name : names) {
            Optional<List<OperationAction>> op = overrides.operation(prefix + ":" + name);
            if (op.isPresent()) {
                Event event = new Event(call, prefix, prefix + ":" + name, values, context(call));
                List<RequiredAction> actions = new ArrayList<>();
                List<String> why = new ArrayList<>();
                for (OperationAction entry : op.get()) {
                    actions.addAll(fromOverride(event, entry, why));
                }
                if (actions.isEmpty()) {
                    return MappingResult.skipped(
                            Status.UNMAPPED,
                            event.eventKey() + ": the override needs request details the" + " event lacks"
                                    + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
                }
                return finish(event, actions, "override for " + event.eventKey());
            }
        }
        for (String name : names) {
            Optional<ActionInfo> action = catalog.action(prefix, name);
            if (action.isPresent()) {
                Event event = new Event(call, prefix, prefix + ":" + name, values, context(call));
                List<RequiredAction> actions = new ArrayList<>();
                actions.add(required(event, action.get(), Origin.DEFAULT_RULE, null, List.of(), List.of(), null));
                return finish(
                        event,
                        actions,
                        "default rule: " + action.get().qualifiedName() + " is in "
                                + catalog.stamp().label()
                                + (name.equals(call.eventName())
                                        ? ""
                                        : " (version suffix of " + call.eventName() + " stripped)"));
            }
        }
        String tried =
                String.join(" or ", names.stream().map(n -> prefix + ":" + n).toList());
        return MappingResult.skipped(
                Status.UNMAPPED,
                "no IAM action " + tried + " in " + catalog.stamp().label()
                        + " and no override in " + MappingOverrides.DEFAULT_RESOURCE
                        + overrides.serviceNote(prefix).map(n -> "; " + n).orElse(""));
    }

    // ---------------------------------------------------------------------------------------------- event → prefix

    private static String host(String eventSource) {
        String host = eventSource.toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".amazonaws.com.cn", ".amazonaws.com")) {
            if (host.endsWith(suffix)) {
                return host.substring(0, host.length() - suffix.length());
            }
        }
        return host;
    }

    private String prefixFor(String host) {
        String mapped = overrides.eventSourcePrefixes().get(host);
        if (mapped != null) {
            return mapped;
        }
        if (catalog.service(host).isPresent()) {
            return host;
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    /** Partition, region and account of the event: the values every ARN template starts with. */
    private static Map<String, String> context(ApiCall call) {
        Map<String, String> ctx = new LinkedHashMap<>();
        String region = call.awsRegion();
        ctx.put("Partition", partition(region));
        if (region != null && !region.isBlank()) {
            ctx.put("Region", region);
        }
        String account = call.recipientAccountId() != null
                ? call.recipientAccountId()
                : call.identity().accountId();
        if (account != null && !account.isBlank()) {
            ctx.put("Account", account);
        }
        return ctx;
    }

    static String partition(String region) {
        if (region == null) {
            return "aws";
        }
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        if (region.startsWith("eusc-")) {
            return "aws-eusc";
        }
        return "aws";
    }

    // ---------------------------------------------------------------------------------------------- overrides

    private List<RequiredAction> fromOverride(Event event, OperationAction entry, List<String> why) {
        if (entry.when() != null && !event.values().present(entry.when())) {
            return List.of();
        }
        if (entry.fanOut() != null) {
            return fanOut(event, entry.fanOut(), why);
        }
        if (entry.partiqlStatementPath() != null) {
            return partiql(event, entry, why);
        }
        ActionInfo action = catalogAction(entry.action());
        return List.of(required(
                event, action, Origin.OVERRIDE, entry.bind(), entry.resourceTypes(), entry.arns(), entry.note()));
    }

    /** DynamoDB transactions: one action per item kind, on the tables the items name. */
    private List<RequiredAction> fanOut(Event event, MappingOverrides.FanOut fanOut, List<String> why) {
        Map<String, List<JsonNode>> itemsByAction = new LinkedHashMap<>();
        for (JsonNode item : event.values().nodes(fanOut.items(), false)) {
            item.fieldNames().forEachRemaining(k -> {
                String action = fanOut.byKey().get(k);
                if (action != null) {
                    itemsByAction
                            .computeIfAbsent(action, a -> new ArrayList<>())
                            .add(item.get(k));
                }
            });
        }
        if (itemsByAction.isEmpty()) {
            why.add("no " + fanOut.items() + " with one of " + fanOut.byKey().keySet());
            return List.of();
        }
        List<RequiredAction> out = new ArrayList<>();
        itemsByAction.forEach((actionName, items) -> {
            ActionInfo action = catalogAction(actionName);
            Set<String> arns = new TreeSet<>();
            List<String> notes = new ArrayList<>();
            for (JsonNode item : items) {
                Event itemEvent = new Event(
                        event.call(), event.prefix(), event.eventKey(), RequestValues.of(item), event.context());
                RequiredAction one =
                        required(itemEvent, action, Origin.OVERRIDE, fanOut.bind(), List.of(), List.of(), null);
                arns.addAll(one.resourceArns());
                if (!one.note().isEmpty() && !notes.contains(one.note())) {
                    notes.add(one.note());
                }
            }
            List<String> resources = arns.contains("*") ? RequiredAction.ALL_RESOURCES : List.copyOf(arns);
            out.add(new RequiredAction(action.qualifiedName(), resources, Origin.OVERRIDE, String.join("; ", notes)));
        });
        return out;
    }

    /** PartiQL: the statement's verb picks the action; the table comes from resources[] or stays *. */
    private List<RequiredAction> partiql(Event event, OperationAction entry, List<String> why) {
        List<String> statements = event.values().values(new Source(entry.partiqlStatementPath(), false, null));
        if (statements.isEmpty()) {
            why.add("no PartiQL " + entry.partiqlStatementPath() + " to read the verb from");
            return List.of();
        }
        String verb = statements.get(0).trim().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        String actionName = PARTIQL_ACTIONS.get(verb);
        if (actionName == null) {
            why.add("PartiQL verb '" + verb + "' is none of " + PARTIQL_ACTIONS.keySet());
            return List.of();
        }
        return List.of(required(
                event, catalogAction(actionName), Origin.OVERRIDE, null, List.of(), List.of(), "PartiQL " + verb));
    }

    private ActionInfo catalogAction(String qualified) {
        return catalog.action(qualified)
                .orElseThrow(() -> new IllegalStateException("Override names " + qualified + ", which is not in "
                        + catalog.stamp().label()));
    }

    // ---------------------------------------------------------------------------------------------- implied actions

    private MappingResult finish(Event event, List<RequiredAction> primary, String explanation) {
        List<RequiredAction> actions = new ArrayList<>(primary);
        for (RequiredAction a : primary) {
            for (OperationAction entry : overrides.implied(a.action())) {
                if (entry.when() == null || event.values().present(entry.when())) {
                    actions.add(required(
                            event,
                            catalogAction(entry.action()),
                            Origin.IMPLIED,
                            entry.bind(),
                            entry.resourceTypes(),
                            entry.arns(),
                            entry.note()));
                }
            }
        }
        passRole(event).ifPresent(actions::add);
        actions.addAll(tagOnCreate(event, primary));
        return MappingResult.mapped(dedupe(actions), explanation + dependentActionsHint(primary, actions));
    }

    /** Dependent actions the catalog lists but that apply only to some requests are named, not granted. */
    private String dependentActionsHint(List<RequiredAction> primary, List<RequiredAction> emitted) {
        Set<String> have = new TreeSet<>();
        emitted.forEach(a -> have.add(a.action()));
        Set<String> others = new TreeSet<>();
        for (RequiredAction a : primary) {
            catalog.action(a.action())
                    .ifPresent(info -> info.dependentActions().stream()
                            .filter(d -> !have.contains(d))
                            .forEach(others::add));
        }
        return others.isEmpty()
                ? ""
                : "; catalog dependent actions not evidenced by this request: " + String.join(", ", others);
    }

    private Optional<RequiredAction> passRole(Event event) {
        Set<String> arns = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        Set<String> passedTo = new TreeSet<>();
        String key = MappingOverrides.key(event.eventKey());
        String rawKey = MappingOverrides.key(event.prefix() + ":" + event.call().eventName());
        for (MappingOverrides.PassRoleRule rule : overrides.passRoleRules()) {
            if (!rule.events().contains(key) && !rule.events().contains(rawKey)) {
                continue;
            }
            if (rule.passedToService() != null) {
                passedTo.add(rule.passedToService());
            }
            for (String param : rule.params()) {
                for (String value : event.values().values(new Source(param, false, null))) {
                    String arn = value.startsWith("arn:") ? value : roleArn(event, value);
                    if (arn != null) {
                        arns.add(arn);
                        notes.add("role passed in " + param);
                    }
                }
            }
            for (String param : rule.instanceProfileParams()) {
                for (JsonNode node : event.values().nodes(param, false)) {
                    String profile = node.isValueNode()
                            ? node.asText()
                            : node.path("arn")
                                    .asText(node.path("Arn")
                                            .asText(node.path("name")
                                                    .asText(node.path("Name").asText())));
                    if (!profile.isBlank()) {
                        // The event names the instance profile, not the role inside it; only an IAM snapshot can narrow
                        // this.
                        arns.add("*");
                        notes.add("role inside instance profile " + profile + " (" + param
                                + ") is not in the event: Resource *" + " until resolved from an IAM snapshot");
                    }
                }
            }
        }
        if (arns.isEmpty()) {
            return Optional.empty();
        }
        if (!passedTo.isEmpty()) {
            // the policy writer can turn this into a StringEquals condition; RequiredAction carries it as text
            notes.add("condition iam:PassedToService=" + String.join(",", passedTo));
        }
        List<String> resources = arns.contains("*") ? RequiredAction.ALL_RESOURCES : List.copyOf(arns);
        return Optional.of(new RequiredAction(
                "iam:PassRole", resources, Origin.IMPLIED, String.join("; ", new LinkedHashSet<>(notes))));
    }

    private String roleArn(Event event, String roleName) {
        return catalog.resourceType("iam", "role")
                .map(rt -> {
                    Map<String, String> vars = new LinkedHashMap<>(event.context());
                    vars.put("RoleNameWithPath", roleName);
                    return rt.missingVariables(vars).isEmpty() ? rt.render(vars, "*") : null;
                })
                .orElse(null);
    }

    private List<RequiredAction> tagOnCreate(Event event, List<RequiredAction> primary) {
        boolean tagged =
                overrides.tagParams().stream().anyMatch(p -> event.values().present(p));
        if (!tagged) {
            return List.of();
        }
        List<RequiredAction> out = new ArrayList<>();
        boolean ruleMatched = false;
        String key = MappingOverrides.key(event.eventKey());
        for (MappingOverrides.TagOnCreateRule rule : overrides.tagOnCreateRules()) {
            if (!rule.events().contains(key)) {
                continue;
            }
            ruleMatched = true;
            ActionInfo action = catalogAction(rule.action());
            if (rule.ec2TagSpecifications()) {
                out.add(ec2CreateTags(event, action, rule));
                continue;
            }
            // EKS add-ons: see the tagOnCreate _doc of cloudtrail-overrides.json. EKS was observed to authorize the
            // tag-on-create of CreateAddon against arn:<p>:eks:<region>:<account>:/createaddon rather than the add-on
            // ARN;
            // the rule's literal "arns" carry that ARN next to the documented add-on ARN so the policy holds either way
            // without widening eks:TagResource to "*".
            RequiredAction scoped = required(
                    event,
                    action,
                    Origin.IMPLIED,
                    null,
                    rule.resourceType() == null ? List.of() : List.of(rule.resourceType()),
                    rule.arns(),
                    "tags in the create request" + (rule.note() == null ? "" : "; " + rule.note()));
            out.add(scoped);
        }
        if (ruleMatched) {
            return out;
        }
        // Generic rule: a tagging action the catalog lists as dependent, on the create's own resources.
        for (RequiredAction p : primary) {
            ActionInfo info = catalog.action(p.action()).orElse(null);
            if (info == null) {
                continue;
            }
            for (String dep : info.dependentActions()) {
                ActionInfo tagAction = catalog.action(dep).orElse(null);
                if (tagAction == null
                        || !tagAction.accessLevels().contains(AccessLevel.TAGGING)
                        || !tagAction.service().equals(info.service())) {
                    continue;
                }
                List<String> arns = p.resourceArns().stream()
                        .filter(arn -> !arn.equals("*")
                                && catalog.resourceTypesForArn(arn).stream()
                                        .anyMatch(rt -> rt.service().equals(tagAction.service())
                                                && tagAction.resource(rt.name()).isPresent()))
                        .toList();
                out.add(new RequiredAction(
                        tagAction.qualifiedName(),
                        arns.isEmpty() ? RequiredAction.ALL_RESOURCES : arns,
                        Origin.IMPLIED,
                        "tags in the create request; catalog lists " + dep + " as dependent action of "
                                + info.qualifiedName()
                                + (arns.isEmpty() ? "; the created resource's ARN is not known: Resource *" : "")));
            }
        }
        return out;
    }

    /** ec2:CreateTags on each resource type the tag specifications name (IDs are generated: rendered as *). */
    private RequiredAction ec2CreateTags(Event event, ActionInfo action, MappingOverrides.TagOnCreateRule rule) {
        Set<String> arns = new TreeSet<>();
        for (String path : List.of(
                "tagSpecificationSet.items[]", "tagSpecifications[]", "TagSpecifications[]", "TagSpecification[]")) {
            for (JsonNode spec : event.values().nodes(path, false)) {
                String type = spec.path("resourceType")
                        .asText(spec.path("ResourceType").asText(""));
                catalog.resourceType("ec2", type)
                        .filter(rt -> action.resource(rt.name()).isPresent())
                        .ifPresent(rt -> {
                            Map<String, String> vars = new LinkedHashMap<>(event.context());
                            arns.add(rt.render(vars, "*"));
                        });
            }
        }
        String note = "tags in the create request" + (rule.note() == null ? "" : "; " + rule.note());
        if (arns.isEmpty()) {
            return new RequiredAction(
                    action.qualifiedName(),
                    RequiredAction.ALL_RESOURCES,
                    Origin.IMPLIED,
                    note + "; no resource type in the tag specifications: Resource *");
        }
        return new RequiredAction(action.qualifiedName(), List.copyOf(arns), Origin.IMPLIED, note);
    }

    private static List<RequiredAction> dedupe(List<RequiredAction> actions) {
        Map<String, RequiredAction> seen = new LinkedHashMap<>();
        for (RequiredAction a : actions) {
            seen.putIfAbsent(a.action() + " " + a.resourceArns(), a);
        }
        return List.copyOf(seen.values());
    }

    // ---------------------------------------------------------------------------------------------- resources

    /** One resource type's outcome: rendered ARNs (or why not), and whether any variable was wildcarded. */
    private record Candidate(
            ActionResource resource, List<String> arns, boolean wildcarded, List<String> missing, String note) {
        boolean resolved() {
            return missing.isEmpty() && !arns.isEmpty();
        }
    }

    private RequiredAction required(
            Event event,
            ActionInfo action,
            Origin origin,
            Map<String, List<Source>> bind,
            List<String> restrictTypes,
            List<String> extraArnTemplates,
            String entryNote) {
        List<String> notes = new ArrayList<>();
        if (entryNote != null && !entryNote.isBlank()) {
            notes.add(entryNote);
        }
        Set<String> extra = new TreeSet<>();
        for (String template : extraArnTemplates) {
            // literal ARN templates from the overrides file only use the event's partition/region/account
            String rendered = renderLiteral(template, event.context());
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
            if (!restrictTypes.isEmpty()
                    && restrictTypes.stream().noneMatch(t -> t.equalsIgnoreCase(ar.resourceType()))) {
                continue;
            }
            catalog.resourceType(action.service(), ar.resourceType())
                    .ifPresent(rt -> candidates.add(candidate(event, action, ar, rt, bind)));
        }
        List<Candidate> chosen = choose(candidates);
        if (chosen.isEmpty()) {
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
            notes.add("not scoped: " + (why.isEmpty() ? "no usable resource type" : listed)
                    + ", not in the event: Resource *");
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
            Event event, ActionInfo action, ActionResource ar, ResourceTypeInfo rt, Map<String, List<Source>> bind) {
        if (bind == null) {
            List<String> fromEvent = new ArrayList<>();
            for (ResourceRef ref : event.call().resources()) {
                if (ref.arn() != null
                        && catalog.resourceTypesForArn(ref.arn()).contains(rt)
                        && !fromEvent.contains(ref.arn())) {
                    fromEvent.add(ref.arn());
                }
            }
            if (!fromEvent.isEmpty()) {
                return new Candidate(ar, fromEvent, false, List.of(), null);
            }
            List<String> fromArnParams = new ArrayList<>();
            for (String path : overrides.resourceArnParams()) {
                for (String value : event.values().values(new Source(path, false, null))) {
                    if (value.startsWith("arn:") && rt.matches(value) && !fromArnParams.contains(value)) {
                        fromArnParams.add(value);
                    }
                }
            }
            if (!fromArnParams.isEmpty()) {
                return new Candidate(ar, fromArnParams, false, List.of(), null);
            }
        }
        Map<String, List<Source>> serviceBindings = overrides.bindings(action.service());
        Set<String> wildcardable = overrides.wildcardVariables(action.service(), rt.name());
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> direct = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> wildcarded = new ArrayList<>();
        for (String var : ArnTemplate.of(rt.arnTemplate()).variables()) {
            List<String> found = new ArrayList<>();
            List<Source> sources = new ArrayList<>();
            if (bind != null && bind.containsKey(var)) {
                sources.addAll(bind.get(var));
            } else if (serviceBindings.containsKey(var)) {
                sources.addAll(serviceBindings.get(var));
            }
            for (Source s : sources) {
                List<String> got = event.values().values(s);
                if (!got.isEmpty()) {
                    found.addAll(got);
                    break;
                }
            }
            List<String> plain = new ArrayList<>();
            for (String v : found) {
                if (v.startsWith("arn:")) {
                    if (rt.matches(v)) {
                        direct.add(v); // a parameter that already is this resource type's ARN is used whole
                    }
                } else {
                    plain.add(v);
                }
            }
            if (plain.isEmpty()
                    && CONTEXT_VARIABLES.contains(var)
                    && event.context().containsKey(var)) {
                plain.add(event.context().get(var));
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

    private static String renderLiteral(String template, Map<String, String> context) {
        ArnTemplate t = ArnTemplate.of(template);
        if (!context.keySet().containsAll(t.variables())) {
            return null;
        }
        return t.render(context, "*");
    }
}
