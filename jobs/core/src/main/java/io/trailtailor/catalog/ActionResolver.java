package io.trailtailor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.catalog.MappingOverrides.FanOut;
import io.trailtailor.catalog.MappingOverrides.OperationAction;
import io.trailtailor.catalog.MappingResult.Status;
import io.trailtailor.catalog.RequiredAction.Origin;
import io.trailtailor.event.ApiCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actions an event itself names: filter non-API events → eventSource to prefix → version-suffix normalisation →
 * skip list → curated operation → default rule ({@code prefix:eventName} when the catalog has it). Every action is
 * checked against the catalog and carries its origin; events with no action get the reason as their result.
 */
final class ActionResolver {

    static final Map<String, String> PARTIQL_ACTIONS = Map.of(
            "SELECT",
            "dynamodb:PartiQLSelect",
            "INSERT",
            "dynamodb:PartiQLInsert",
            "UPDATE",
            "dynamodb:PartiQLUpdate",
            "DELETE",
            "dynamodb:PartiQLDelete");

    /** What resolution made of one event: its primary actions, or the final result of an event that has none. */
    sealed interface Resolution {}

    /** An event that needs no action or could not be mapped; {@code result} is what the mapper returns. */
    record Unresolved(MappingResult result) implements Resolution {
        Unresolved(Status status, String explanation) {
            this(MappingResult.skipped(status, explanation));
        }
    }

    /** The actions the event names, before implied ones; {@code explanation} says which rule named them. */
    record Resolved(MappingEvent event, List<RequiredAction> actions, String explanation) implements Resolution {}

    private final IamCatalog catalog;
    private final MappingOverrides overrides;
    private final ResourceResolver resources;

    ActionResolver(IamCatalog catalog, MappingOverrides overrides, ResourceResolver resources) {
        this.catalog = catalog;
        this.overrides = overrides;
        this.resources = resources;
    }

    Resolution resolve(ApiCall call) {
        if (call.eventType() != null && overrides.nonApiEventTypes().containsKey(call.eventType())) {
            return new Unresolved(
                    Status.SKIPPED_NON_API_EVENT,
                    "eventType " + call.eventType() + ": "
                            + overrides.nonApiEventTypes().get(call.eventType()));
        }
        if (call.identity().isAwsService()) {
            return new Unresolved(
                    Status.SKIPPED_NON_API_EVENT,
                    "made by an AWS service principal"
                            + (call.identity().invokedBy() == null
                                    ? ""
                                    : " (" + call.identity().invokedBy() + ")")
                            + ", not by an identity whose policy is being tailored");
        }
        String prefix = prefixFor(host(call.eventSource()));
        if (catalog.service(prefix).isEmpty()) {
            return new Unresolved(
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
                return new Unresolved(
                        skip.get().status(),
                        prefix + ":" + name + ": " + skip.get().reason());
            }
        }
        RequestValues values = RequestValues.of(call.requestParameters(), call.responseElements());
        for (String name : names) {
            Optional<List<OperationAction>> op = overrides.operation(prefix + ":" + name);
            if (op.isPresent()) {
                return curated(MappingEvent.of(call, prefix, name, values), op.get());
            }
        }
        for (String name : names) {
            Optional<ActionInfo> action = catalog.action(prefix, name);
            if (action.isPresent()) {
                MappingEvent event = MappingEvent.of(call, prefix, name, values);
                return new Resolved(
                        event,
                        List.of(resources.required(event, action.get(), Origin.DEFAULT_RULE, ResourceHints.NONE)),
                        "default rule: " + action.get().qualifiedName() + " is in "
                                + catalog.stamp().label()
                                + (name.equals(call.eventName())
                                        ? ""
                                        : " (version suffix of " + call.eventName() + " stripped)"));
            }
        }
        String tried =
                String.join(" or ", names.stream().map(n -> prefix + ":" + n).toList());
        return new Unresolved(
                Status.UNMAPPED,
                "no IAM action " + tried + " in " + catalog.stamp().label()
                        + " and no override in " + MappingOverrides.DEFAULT_RESOURCE
                        + overrides.serviceNote(prefix).map(n -> "; " + n).orElse(""));
    }

    /** An action the overrides file names; {@code CloudTrailOverridesTest} keeps every such name in the catalog. */
    static ActionInfo curatedAction(IamCatalog catalog, String qualified) {
        return catalog.action(qualified)
                .orElseThrow(() -> new IllegalStateException("Override names " + qualified + ", which is not in "
                        + catalog.stamp().label()));
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

    // ---------------------------------------------------------------------------------------------- overrides

    private Resolution curated(MappingEvent event, List<OperationAction> entries) {
        List<RequiredAction> actions = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (OperationAction entry : entries) {
            actions.addAll(fromOverride(event, entry, why));
        }
        if (actions.isEmpty()) {
            return new Unresolved(
                    Status.UNMAPPED,
                    event.eventKey() + ": the override needs request details the event lacks"
                            + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
        }
        return new Resolved(event, actions, "override for " + event.eventKey());
    }

    private List<RequiredAction> fromOverride(MappingEvent event, OperationAction entry, List<String> why) {
        if (entry.when() != null && !event.values().present(entry.when())) {
            return List.of();
        }
        if (entry.fanOut() != null) {
            return fanOut(event, entry.fanOut(), why);
        }
        if (entry.partiqlStatementPath() != null) {
            return partiql(event, entry, why);
        }
        return List.of(resources.required(
                event, curatedAction(catalog, entry.action()), Origin.OVERRIDE, ResourceHints.of(entry)));
    }

    /** DynamoDB transactions: one action per item kind, on the tables the items name. */
    private List<RequiredAction> fanOut(MappingEvent event, FanOut fanOut, List<String> why) {
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
        ResourceHints itemHints = new ResourceHints(fanOut.bind(), List.of(), List.of(), null);
        List<RequiredAction> out = new ArrayList<>();
        itemsByAction.forEach((actionName, items) -> {
            ActionInfo action = curatedAction(catalog, actionName);
            Set<String> arns = new TreeSet<>();
            List<String> notes = new ArrayList<>();
            for (JsonNode item : items) {
                MappingEvent itemEvent = event.withValues(RequestValues.of(item));
                RequiredAction one = resources.required(itemEvent, action, Origin.OVERRIDE, itemHints);
                arns.addAll(one.resourceArns());
                if (!one.note().isEmpty() && !notes.contains(one.note())) {
                    notes.add(one.note());
                }
            }
            List<String> scope = arns.contains("*") ? RequiredAction.ALL_RESOURCES : List.copyOf(arns);
            out.add(new RequiredAction(action.qualifiedName(), scope, Origin.OVERRIDE, String.join("; ", notes)));
        });
        return out;
    }

    /** PartiQL: the statement's verb picks the action; the table comes from resources[] or stays *. */
    private List<RequiredAction> partiql(MappingEvent event, OperationAction entry, List<String> why) {
        List<String> statements = event.values().values(entry.partiqlStatementPath());
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
        ResourceHints verbNote = ResourceHints.noted("PartiQL " + verb);
        return List.of(resources.required(event, curatedAction(catalog, actionName), Origin.OVERRIDE, verbNote));
    }
}
