package io.trailtailor.catalog;

import io.trailtailor.catalog.ActionResolver.Resolution;
import io.trailtailor.catalog.ActionResolver.Resolved;
import io.trailtailor.catalog.ActionResolver.Unresolved;
import io.trailtailor.event.ApiCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping pipeline: {@link ActionResolver} finds the actions the event names (or why there are none),
 * {@link ImpliedActions} adds those CloudTrail never logs (version access, iam:PassRole, tag-on-create), and both
 * scope their actions through one {@link ResourceResolver}. Identical action-and-resources pairs are kept once.
 */
final class DefaultCloudTrailActionMapper implements CloudTrailActionMapper {

    private final ActionResolver actions;
    private final ImpliedActions implied;

    DefaultCloudTrailActionMapper(IamCatalog catalog, MappingOverrides overrides) {
        ResourceResolver resources = new ResourceResolver(catalog, overrides);
        this.actions = new ActionResolver(catalog, overrides, resources);
        this.implied = new ImpliedActions(catalog, overrides, resources);
    }

    @Override
    public MappingResult map(ApiCall call) {
        Resolution resolution = actions.resolve(call);
        if (resolution instanceof Unresolved unresolved) {
            return unresolved.result();
        }
        Resolved primary = (Resolved) resolution;
        List<RequiredAction> all = implied.withImplied(primary.event(), primary.actions());
        return MappingResult.mapped(
                dedupe(all), primary.explanation() + implied.dependentActionsHint(primary.actions(), all));
    }

    /** The partition ({@code aws}, {@code aws-cn}, ...) of a region; {@code aws} when unknown. */
    static String partition(String region) {
        return MappingEvent.partition(region);
    }

    private static List<RequiredAction> dedupe(List<RequiredAction> actions) {
        Map<String, RequiredAction> seen = new LinkedHashMap<>();
        for (RequiredAction a : actions) {
            seen.putIfAbsent(a.action() + " " + a.resourceArns(), a);
        }
        return List.copyOf(seen.values());
    }
}
