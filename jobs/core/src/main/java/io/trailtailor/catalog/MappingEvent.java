package io.trailtailor.catalog;

import io.trailtailor.event.ApiCall;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudTrail event as the mapping stages see it: the call, the IAM prefix and {@code prefix:Operation} key it
 * resolved to, its request values, and the partition, region and account every ARN template starts with.
 *
 * @param eventKey {@code prefix:name} of the rule that matched, i.e. without a stripped API-version suffix
 * @param arnContext {@code Partition} always; {@code Region} and {@code Account} when the event names them
 */
record MappingEvent(
        ApiCall call, String prefix, String eventKey, RequestValues values, Map<String, String> arnContext) {

    /** Region prefixes of the partitions other than {@code aws}; none is a prefix of another. */
    private static final Map<String, String> PARTITION_BY_REGION_PREFIX = Map.of(
            "cn-", "aws-cn",
            "us-gov-", "aws-us-gov",
            "us-isob-", "aws-iso-b",
            "us-iso-", "aws-iso",
            "eu-isoe-", "aws-iso-e",
            "us-isof-", "aws-iso-f",
            "eusc-", "aws-eusc");

    static MappingEvent of(ApiCall call, String prefix, String name, RequestValues values) {
        return new MappingEvent(call, prefix, prefix + ":" + name, values, arnContext(call));
    }

    /** The same event with other values: one item of a DynamoDB transaction. */
    MappingEvent withValues(RequestValues itemValues) {
        return new MappingEvent(call, prefix, eventKey, itemValues, arnContext);
    }

    /** The key of the operation as logged, version suffix included ({@code lambda:CreateFunction20150331}). */
    String rawEventKey() {
        return prefix + ":" + call.eventName();
    }

    private static Map<String, String> arnContext(ApiCall call) {
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
        return Collections.unmodifiableMap(ctx);
    }

    static String partition(String region) {
        if (region == null) {
            return "aws";
        }
        return PARTITION_BY_REGION_PREFIX.entrySet().stream()
                .filter(e -> region.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("aws");
    }
}
