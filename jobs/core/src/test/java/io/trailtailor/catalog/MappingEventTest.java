package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.event.ApiCall;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The partition, region and account an event gives every ARN it scopes. */
class MappingEventTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "eu-west-1, aws",
        "us-east-1, aws",
        "cn-northwest-1, aws-cn",
        "us-gov-west-1, aws-us-gov",
        "us-iso-east-1, aws-iso",
        "us-isob-east-1, aws-iso-b",
        "eu-isoe-west-1, aws-iso-e",
        "us-isof-south-1, aws-iso-f",
        "eusc-de-east-1, aws-eusc",
        "'', aws",
    })
    void derivesThePartitionFromTheRegionPrefix(String region, String partition) {
        assertThat(MappingEvent.partition(region)).isEqualTo(partition);
    }

    @Test
    void takesTheAccountOfTheRecipientBeforeTheCaller() {
        ObjectNode record = CloudTrailRecords.record("s3.amazonaws.com", "GetObject", "cn-north-1", null);
        record.put("recipientAccountId", "444455556666");

        MappingEvent event = event(record);

        assertThat(event.arnContext())
                .containsExactly(
                        Map.entry("Partition", "aws-cn"),
                        Map.entry("Region", "cn-north-1"),
                        Map.entry("Account", "444455556666"));
        assertThat(event.eventKey()).isEqualTo("s3:GetObject");
    }

    @Test
    void fallsBackToTheCallersAccountAndLeavesOutAMissingRegion() {
        ObjectNode record = CloudTrailRecords.record("iam.amazonaws.com", "GetRole", null, null);
        record.remove("recipientAccountId");

        assertThat(event(record).arnContext())
                .containsExactly(Map.entry("Partition", "aws"), Map.entry("Account", "111122223333"));
    }

    private static MappingEvent event(ObjectNode record) {
        ApiCall call = CloudTrailRecords.toApiCall(record);
        return MappingEvent.of(call, call.eventSourcePrefix(), call.eventName(), RequestValues.of(null, null));
    }
}
