package io.trailtailor.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.catalog.MappingOverrides.OperationAction;
import io.trailtailor.catalog.MappingOverrides.PassRoleRule;
import io.trailtailor.catalog.MappingOverrides.TagOnCreateRule;
import io.trailtailor.catalog.RequiredAction.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Actions a call needs that CloudTrail never logs as events of their own: version-specific access and the like from
 * the overrides' {@code implied} section, {@code iam:PassRole} on every role the request hands to a service, and
 * the tagging action of a create that carries tags. All have origin {@code IMPLIED}.
 */
final class ImpliedActions {

    /** Request fields of EC2 creates that list the resource types to be tagged. */
    private static final List<String> EC2_TAG_SPECIFICATIONS =
            List.of("tagSpecificationSet.items[]", "tagSpecifications[]", "TagSpecifications[]", "TagSpecification[]");

    private final IamCatalog catalog;
    private final MappingOverrides overrides;
    private final ResourceResolver resources;

    ImpliedActions(IamCatalog catalog, MappingOverrides overrides, ResourceResolver resources) {
        this.catalog = catalog;
        this.overrides = overrides;
        this.resources = resources;
    }

    /** The primary actions followed by the implied ones, in that order; duplicates are left to the caller. */
    List<RequiredAction> withImplied(MappingEvent event, List<RequiredAction> primary) {
        List<RequiredAction> actions = new ArrayList<>(primary);
        for (RequiredAction a : primary) {
            for (OperationAction entry : overrides.implied(a.action())) {
                if (entry.when() == null || event.values().present(entry.when())) {
                    ActionInfo action = ActionResolver.curatedAction(catalog, entry.action());
                    actions.add(resources.required(event, action, Origin.IMPLIED, ResourceHints.of(entry)));
                }
            }
        }
        passRole(event).ifPresent(actions::add);
        actions.addAll(tagOnCreate(event, primary));
        return actions;
    }

    /** Dependent actions the catalog lists but that apply only to some requests are named, not granted. */
    String dependentActionsHint(List<RequiredAction> primary, List<RequiredAction> emitted) {
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

    // ---------------------------------------------------------------------------------------------- iam:PassRole

    private Optional<RequiredAction> passRole(MappingEvent event) {
        Set<String> arns = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        Set<String> passedTo = new TreeSet<>();
        String key = MappingOverrides.key(event.eventKey());
        String rawKey = MappingOverrides.key(event.rawEventKey());
        for (PassRoleRule rule : overrides.passRoleRules()) {
            if (!rule.events().contains(key) && !rule.events().contains(rawKey)) {
                continue;
            }
            if (rule.passedToService() != null) {
                passedTo.add(rule.passedToService());
            }
            for (String param : rule.params()) {
                for (String value : event.values().values(param)) {
                    String arn = value.startsWith("arn:") ? value : roleArn(event, value);
                    if (arn != null) {
                        arns.add(arn);
                        notes.add("role passed in " + param);
                    }
                }
            }
            for (String param : rule.instanceProfileParams()) {
                for (JsonNode node : event.values().nodes(param, false)) {
                    String profile = instanceProfile(node);
                    if (!profile.isBlank()) {
                        // the event names the instance profile, not the role inside it; only an IAM snapshot can
                        // narrow this
                        arns.add("*");
                        notes.add("role inside instance profile " + profile + " (" + param
                                + ") is not in the event: Resource * until resolved from an IAM snapshot");
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
        List<String> scope = arns.contains("*") ? RequiredAction.ALL_RESOURCES : List.copyOf(arns);
        return Optional.of(new RequiredAction(
                "iam:PassRole", scope, Origin.IMPLIED, String.join("; ", new LinkedHashSet<>(notes))));
    }

    /** {@code iamInstanceProfile}: a name or ARN, or an object with one of arn, Arn, name, Name (first wins). */
    private static String instanceProfile(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.path("arn")
                .asText(node.path("Arn")
                        .asText(node.path("name").asText(node.path("Name").asText())));
    }

    private String roleArn(MappingEvent event, String roleName) {
        return catalog.resourceType("iam", "role")
                .map(rt -> {
                    Map<String, String> vars = new LinkedHashMap<>(event.arnContext());
                    vars.put("RoleNameWithPath", roleName);
                    return rt.missingVariables(vars).isEmpty() ? rt.render(vars, "*") : null;
                })
                .orElse(null);
    }

    // ---------------------------------------------------------------------------------------------- tag-on-create

    private List<RequiredAction> tagOnCreate(MappingEvent event, List<RequiredAction> primary) {
        boolean tagged =
                overrides.tagParams().stream().anyMatch(p -> event.values().present(p));
        if (!tagged) {
            return List.of();
        }
        List<RequiredAction> out = new ArrayList<>();
        boolean ruleMatched = false;
        String key = MappingOverrides.key(event.eventKey());
        for (TagOnCreateRule rule : overrides.tagOnCreateRules()) {
            if (!rule.events().contains(key)) {
                continue;
            }
            ruleMatched = true;
            ActionInfo action = ActionResolver.curatedAction(catalog, rule.action());
            if (rule.ec2TagSpecifications()) {
                out.add(ec2CreateTags(event, action, rule));
                continue;
            }
            // EKS add-ons: see the tagOnCreate _doc of cloudtrail-overrides.json. EKS was observed to authorize the
            // tag-on-create of CreateAddon against arn:<p>:eks:<region>:<account>:/createaddon rather than the add-on
            // ARN; the rule's literal "arns" carry that ARN next to the documented add-on ARN so the policy holds
            // either way without widening eks:TagResource to "*".
            ResourceHints hints = new ResourceHints(
                    null,
                    rule.resourceType() == null ? List.of() : List.of(rule.resourceType()),
                    rule.arns(),
                    tagNote(rule));
            out.add(resources.required(event, action, Origin.IMPLIED, hints));
        }
        if (ruleMatched) {
            return out;
        }
        for (RequiredAction p : primary) {
            catalog.action(p.action()).ifPresent(info -> out.addAll(dependentTagging(info, p)));
        }
        return out;
    }

    /** Generic rule: a tagging action of the same service the catalog lists as dependent, on the create's ARNs. */
    private List<RequiredAction> dependentTagging(ActionInfo create, RequiredAction created) {
        List<RequiredAction> out = new ArrayList<>();
        for (String dep : create.dependentActions()) {
            ActionInfo tagAction = catalog.action(dep).orElse(null);
            if (tagAction == null
                    || !tagAction.accessLevels().contains(AccessLevel.TAGGING)
                    || !tagAction.service().equals(create.service())) {
                continue;
            }
            List<String> arns = created.resourceArns().stream()
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
                            + create.qualifiedName()
                            + (arns.isEmpty() ? "; the created resource's ARN is not known: Resource *" : "")));
        }
        return out;
    }

    /** ec2:CreateTags on each resource type the tag specifications name (IDs are generated: rendered as *). */
    private RequiredAction ec2CreateTags(MappingEvent event, ActionInfo action, TagOnCreateRule rule) {
        Set<String> arns = new TreeSet<>();
        for (String path : EC2_TAG_SPECIFICATIONS) {
            for (JsonNode spec : event.values().nodes(path, false)) {
                String type = spec.path("resourceType")
                        .asText(spec.path("ResourceType").asText(""));
                catalog.resourceType("ec2", type)
                        .filter(rt -> action.resource(rt.name()).isPresent())
                        .ifPresent(rt -> arns.add(rt.render(event.arnContext(), "*")));
            }
        }
        if (arns.isEmpty()) {
            return new RequiredAction(
                    action.qualifiedName(),
                    RequiredAction.ALL_RESOURCES,
                    Origin.IMPLIED,
                    tagNote(rule) + "; no resource type in the tag specifications: Resource *");
        }
        return new RequiredAction(action.qualifiedName(), List.copyOf(arns), Origin.IMPLIED, tagNote(rule));
    }

    private static String tagNote(TagOnCreateRule rule) {
        return "tags in the create request" + (rule.note() == null ? "" : "; " + rule.note());
    }
}
