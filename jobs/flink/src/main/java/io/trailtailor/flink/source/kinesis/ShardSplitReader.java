package io.trailtailor.flink.source.kinesis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Polls the shards assigned to one reader with GetRecords, one call per shard per round, and pauses for the poll
 * interval after a round that found nothing. Each shard continues after the last sequence number it was given (its
 * checkpointed position) or from TRIM_HORIZON; an expired iterator is renewed from the last record fetched, and a
 * throttled call is simply retried in the next round. A shard whose iterator ends (closed by resharding) is finished.
 */
final class ShardSplitReader implements SplitReader<KinesisRecord, ShardSplit> {

    private final KinesisSettings settings;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final Object pause = new Object();
    private KinesisClient client;
    private boolean wakeUp;

    ShardSplitReader(KinesisSettings settings) {
        this.settings = settings;
    }

    /** A shard being polled: its iterator, and the last sequence number fetched (to renew the iterator from). */
    private static final class Shard {
        final ShardSplit split;
        String lastSequenceNumber;
        String iterator;
        boolean closed;

        Shard(ShardSplit split) {
            this.split = split;
            this.lastSequenceNumber = split.sequenceNumber();
        }
    }

    @Override
    public RecordsWithSplitIds<KinesisRecord> fetch() throws IOException {
        RecordsBySplits.Builder<KinesisRecord> batch = new RecordsBySplits.Builder<>();
        boolean any = false;
        List<String> finished = new ArrayList<>();
        try {
            for (Iterator<Shard> it = shards.values().iterator(); it.hasNext(); ) {
                Shard shard = it.next();
                if (poll(shard, batch)) {
                    any = true;
                }
                if (shard.closed) {
                    finished.add(shard.split.shardId());
                    it.remove();
                }
            }
        } catch (SdkException e) {
            throw new IOException("reading the Kinesis stream failed: " + e.getMessage(), e);
        }
        for (String id : finished) {
            batch.addFinishedSplit(id);
        }
        if (!any && finished.isEmpty()) {
            pauseForPollInterval();
        }
        return batch.build();
    }

    /** One GetRecords call for {@code shard}; true if it returned records. */
    private boolean poll(Shard shard, RecordsBySplits.Builder<KinesisRecord> batch) {
        if (shard.iterator == null) {
            shard.iterator = iteratorFor(shard);
        }
        GetRecordsResponse response;
        try {
            response = client().getRecords(b -> b.shardIterator(shard.iterator).limit(settings.maxRecords()));
        } catch (ExpiredIteratorException e) {
            shard.iterator = null; // renewed from the last record fetched in the next round
            return false;
        } catch (ProvisionedThroughputExceededException e) {
            return false; // the next round tries again, after the poll pause if nothing else came
        }
        for (Record r : response.records()) {
            long arrival = r.approximateArrivalTimestamp() == null
                    ? Long.MIN_VALUE
                    : r.approximateArrivalTimestamp().toEpochMilli();
            batch.add(
                    shard.split.shardId(),
                    new KinesisRecord(
                            shard.split.shardId(),
                            r.sequenceNumber(),
                            arrival,
                            r.data().asByteArray()));
            shard.lastSequenceNumber = r.sequenceNumber();
        }
        shard.iterator = response.nextShardIterator();
        if (shard.iterator == null) {
            shard.closed = true; // the shard was closed by resharding and everything in it is read
        }
        return !response.records().isEmpty();
    }

    private String iteratorFor(Shard shard) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder()
                .streamARN(shard.split.streamArn())
                .shardId(shard.split.shardId());
        if (shard.lastSequenceNumber == null) {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(shard.lastSequenceNumber);
        }
        return client().getShardIterator(request.build()).shardIterator();
    }

    private KinesisClient client() {
        if (client == null) {
            client = settings.client(shards.values().iterator().next().split.streamArn());
        }
        return client;
    }

    private void pauseForPollInterval() {
        synchronized (pause) {
            if (!wakeUp) {
                try {
                    pause.wait(Math.max(1, settings.pollInterval().toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wakeUp = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ShardSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "unsupported split change " + change.getClass().getSimpleName());
        }
        for (ShardSplit split : change.splits()) {
            shards.put(split.shardId(), new Shard(split));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (pause) {
            wakeUp = true;
            pause.notifyAll();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
