package io.trailtailor.flink.source.kinesis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Finds the stream's shards (ListShards by StreamARN, every discovery interval, off the coordinator thread) and
 * hands each one, once, to the reader its id hashes to, so a shard stays with one subtask across restarts at the same
 * parallelism. A shard closed by resharding is read to its end by its reader; its children are new shards found by
 * the next listing. Order across a parent and its children is not kept (the pipeline does not rely on it: event time
 * and the per-id dedup do).
 */
final class ShardEnumerator implements SplitEnumerator<ShardSplit, ShardEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(ShardEnumerator.class);

    private final SplitEnumeratorContext<ShardSplit> context;
    private final String streamArn;
    private final KinesisSettings settings;
    private final Duration discoveryInterval;
    private final Set<String> assigned;
    private final Deque<ShardSplit> unassigned;
    private KinesisClient client;

    ShardEnumerator(
            SplitEnumeratorContext<ShardSplit> context,
            String streamArn,
            KinesisSettings settings,
            Duration discoveryInterval,
            ShardEnumeratorState restored) {
        this.context = context;
        this.streamArn = streamArn;
        this.settings = settings;
        this.discoveryInterval = discoveryInterval;
        this.assigned = new LinkedHashSet<>(restored == null ? Set.of() : restored.assignedShards());
        this.unassigned = new ArrayDeque<>(restored == null ? List.of() : restored.unassigned());
    }

    @Override
    public void start() {
        client = settings.client(streamArn);
        context.callAsync(this::listShards, this::afterListing, 0, discoveryInterval.toMillis());
    }

    /** Runs on a worker thread: only the listing, no state. */
    private List<String> listShards() {
        List<String> shards = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest request = next == null
                    ? ListShardsRequest.builder().streamARN(streamArn).build()
                    : ListShardsRequest.builder().nextToken(next).build();
            ListShardsResponse response = client.listShards(request);
            for (Shard shard : response.shards()) {
                shards.add(shard.shardId());
            }
            next = response.nextToken();
        } while (next != null);
        return shards;
    }

    /** Runs on the coordinator thread. A failed listing is retried at the next interval. */
    private void afterListing(List<String> shards, Throwable error) {
        if (error != null) {
            LOG.warn(
                    "listing the shards of {} failed, trying again in {}: {}",
                    streamArn,
                    discoveryInterval,
                    error.toString());
            return;
        }
        for (String shard : shards) {
            if (assigned.add(shard)) {
                unassigned.add(new ShardSplit(streamArn, shard, null));
            }
        }
        assignPending();
    }

    private void assignPending() {
        int parallelism = context.currentParallelism();
        for (Iterator<ShardSplit> it = unassigned.iterator(); it.hasNext(); ) {
            ShardSplit split = it.next();
            int subtask = ownerOf(split.shardId(), parallelism);
            if (context.registeredReaders().containsKey(subtask)) {
                context.assignSplit(split, subtask);
                it.remove();
            }
        }
    }

    static int ownerOf(String shardId, int parallelism) {
        return Math.floorMod(shardId.hashCode(), parallelism);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // shards are pushed as they are found; readers never ask
    }

    @Override
    public void addSplitsBack(List<ShardSplit> splits, int subtaskId) {
        // a failed reader's shards since the last checkpoint: handed out again, from the position they carry
        unassigned.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    @Override
    public ShardEnumeratorState snapshotState(long checkpointId) {
        return new ShardEnumeratorState(new LinkedHashSet<>(assigned), new ArrayList<>(unassigned));
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }
}
