package io.trailtailor.flink.source.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The source's checkpointed state round-trips exactly, and stream ARNs are checked before a job is built. */
class KinesisSourceStateTest {

    private static final String ARN = "arn:aws:kinesis:eu-west-1:111122223333:stream/eks-audit";

    @Test
    void shardSplitsRoundTripWithAndWithoutAPosition() throws IOException {
        for (ShardSplit split : List.of(
                new ShardSplit(ARN, "shardId-000000000001", null),
                new ShardSplit(
                        ARN, "shardId-000000000002", "49590338271490256608559692538361571095921575989136588898"))) {
            byte[] bytes = ShardSplitSerializer.INSTANCE.serialize(split);
            assertThat(ShardSplitSerializer.INSTANCE.deserialize(ShardSplitSerializer.INSTANCE.getVersion(), bytes))
                    .isEqualTo(split);
        }
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        ShardEnumeratorState state = new ShardEnumeratorState(
                new LinkedHashSet<>(List.of("shardId-0", "shardId-1", "shardId-2")),
                List.of(new ShardSplit(ARN, "shardId-2", null), new ShardSplit(ARN, "shardId-1", "42")));
        byte[] bytes = ShardEnumeratorStateSerializer.INSTANCE.serialize(state);
        ShardEnumeratorState back = ShardEnumeratorStateSerializer.INSTANCE.deserialize(1, bytes);
        assertThat(back.assignedShards()).containsExactly("shardId-0", "shardId-1", "shardId-2");
        assertThat(back.unassigned()).isEqualTo(state.unassigned());
    }

    @Test
    void unknownVersionsAreRefused() {
        assertThatThrownBy(() -> ShardSplitSerializer.INSTANCE.deserialize(2, new byte[0]))
                .hasMessage("unknown shard split version 2");
    }

    @Test
    void aShardAlwaysGoesToTheSameSubtask() {
        assertThat(ShardEnumerator.ownerOf("shardId-000000000001", 2))
                .isEqualTo(Math.floorMod("shardId-000000000001".hashCode(), 2));
        assertThat(ShardEnumerator.ownerOf("shardId-000000000001", 1)).isZero();
    }

    @Test
    void streamArnsAreParsedAndTyposRefused() {
        StreamArn arn = StreamArn.parse(ARN);
        assertThat(arn.region()).isEqualTo("eu-west-1");
        assertThat(arn.account()).isEqualTo("111122223333");
        assertThat(arn.name()).isEqualTo("eks-audit");
        assertThatThrownBy(() -> StreamArn.parse("arn:aws:kinesis:eu-west-1:1111:stream/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Kinesis stream ARN");
        assertThatThrownBy(() -> StreamArn.parse("eks-audit")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNeverShowTheSecret() {
        KinesisSettings settings = KinesisSettings.defaults()
                .withEndpoint(java.net.URI.create("http://127.0.0.1:4568"), "us-east-1", "AKIDEXAMPLE", "s3cr3t-value");
        assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("credentials=static");
        assertThatThrownBy(() -> KinesisSettings.defaults().withEndpoint(null, null, "AKID", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
