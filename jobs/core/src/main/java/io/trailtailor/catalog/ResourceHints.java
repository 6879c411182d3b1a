package io.trailtailor.catalog;

import io.trailtailor.catalog.MappingOverrides.OperationAction;
import io.trailtailor.catalog.MappingOverrides.Source;
import java.util.List;
import java.util.Map;

/**
 * What a curated rule says about an action's resources, for {@link ResourceResolver}.
 *
 * @param bind request fields per ARN template variable; when non-null (even empty), {@code resources[]} and whole-ARN
 *     request fields are not consulted
 * @param resourceTypes the only resource types to try; empty means all of the action's
 * @param arnTemplates literal ARNs filled from partition, region and account only, added when the action is scoped
 * @param note a note to carry on the action; may be null
 */
record ResourceHints(
        Map<String, List<Source>> bind, List<String> resourceTypes, List<String> arnTemplates, String note) {

    /** No hints: the default rule, and every action scoped from the event alone. */
    static final ResourceHints NONE = new ResourceHints(null, List.of(), List.of(), null);

    static ResourceHints of(OperationAction entry) {
        return new ResourceHints(entry.bind(), entry.resourceTypes(), entry.arns(), entry.note());
    }

    static ResourceHints noted(String note) {
        return new ResourceHints(null, List.of(), List.of(), note);
    }
}
