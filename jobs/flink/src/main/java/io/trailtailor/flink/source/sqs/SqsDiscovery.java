package io.trailtailor.flink.source.sqs;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.source.FileDiscovery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * {@code monitor --sqs}: new log objects learnt from S3 (or CloudTrail SNS) notifications on an SQS queue instead of
 * listing. Each poll long-polls a bounded batch of messages. A message is deleted only once the checkpoint that
 * covers the files it named is complete: the receipt handles received before {@link #snapshot}{@code (n)} are
 * deleted on {@link #checkpointComplete}{@code (n)} (or any later one). A message not deleted in time (a crash, a
 * slow checkpoint) comes back after its visibility timeout; the snapshot keeps a bounded window of the object
 * versions (URI + ETag) already returned, so its files are not returned twice, and the message is deleted after the
 * next checkpoint. Receipt handles are not checkpointed: after a restore, the old ones' messages simply come back.
 *
 * <p>The configuration is shipped with the job; everything learnt at run time is transient and starts afresh on
 * {@link #close} (a failover that does not restore must not inherit files the failed attempt never checkpointed).
 */
public final class SqsDiscovery implements FileDiscovery {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SqsDiscovery.class);
    private static final int STATE_VERSION = 1;
    /** SQS deletes at most ten messages per batch call. */
    private static final int DELETE_BATCH = 10;

    private static final int MAX_QUARANTINED = 1_000;

    public static final int DEFAULT_DEDUP_WINDOW = 100_000;

    private final SqsSettings settings;
    private final NotificationRoutes routes;
    private final int dedupWindow;

    private transient Runtime run;

    /** Everything a running discovery learns; dropped on close. */
    private static final class Runtime {
        SqsClient client;
        final S3NotificationParser parser = new S3NotificationParser();
        final RecentObjects recent;
        /** Receipt handles received since the last snapshot. */
        List<String> pending = new ArrayList<>();
        /** Receipt handles by the checkpoint that covers their files. */
        final TreeMap<Long, List<String>> byCheckpoint = new TreeMap<>();

        final SqsCounters counters = new SqsCounters();
        final Deque<SqsQuarantined> quarantined = new ArrayDeque<>();

        Runtime(int dedupWindow) {
            recent = new RecentObjects(dedupWindow);
        }
    }

    public SqsDiscovery(SqsSettings settings, NotificationRoutes routes, int dedupWindow) {
        this.settings = settings;
        this.routes = routes;
        this.dedupWindow = dedupWindow;
        new RecentObjects(dedupWindow); // fail at build time, not in the job, on a bad window
    }

    public SqsDiscovery(SqsSettings settings, NotificationRoutes routes) {
        this(settings, routes, DEFAULT_DEDUP_WINDOW);
    }

    private Runtime run() {
        if (run == null) {
            run = new Runtime(dedupWindow);
        }
        return run;
    }

    private SqsClient client() {
        Runtime r = run();
        if (r.client == null) {
            r.client = settings.client();
        }
        return r.client;
    }

    @Override
    public synchronized List<InputFile> poll() throws IOException {
        Runtime r = run();
        List<InputFile> found = new ArrayList<>();
        for (int i = 0; i < settings.maxReceives(); i++) {
            List<Message> messages;
            try {
                messages = client().receiveMessage(ReceiveMessageRequest.builder()
                                .queueUrl(settings.queueUrl())
                                .maxNumberOfMessages(settings.maxMessages())
                                // only the first receive waits: the rest drain what is already there
                                .waitTimeSeconds(
                                        i == 0 ? (int) settings.waitTime().toSeconds() : 0)
                                .visibilityTimeout(
                                        (int) settings.visibilityTimeout().toSeconds())
                                .build())
                        .messages();
            } catch (SdkException e) {
                if (i == 0) {
                    throw new IOException("SQS receive from " + settings.queueUrl() + " failed: " + e.getMessage(), e);
                }
                // what earlier receives returned is already in the window: return it, retry the rest next poll
                LOG.warn("SQS receive from {} failed, continuing next poll: {}", settings.queueUrl(), e.toString());
                break;
            }
            for (Message message : messages) {
                accept(r, message, found);
            }
            if (messages.size() < settings.maxMessages()) {
                break;
            }
        }
        return found;
    }

    private void accept(Runtime r, Message message, List<InputFile> found) {
        r.counters.messagesReceived++;
        r.pending.add(message.receiptHandle());
        ParsedNotification parsed = r.parser.parse(message.body());
        switch (parsed.outcome()) {
            case IGNORED -> r.counters.ignoredMessages++;
            case MALFORMED -> {
                r.counters.malformedMessages++;
                if (r.quarantined.size() >= MAX_QUARANTINED) {
                    r.quarantined.poll();
                    r.counters.quarantineOverflow++;
                }
                r.quarantined.add(new SqsQuarantined(settings.queueUrl(), message.messageId(), parsed.reason()));
            }
            case OBJECTS -> {
                for (NotifiedObject object : parsed.objects()) {
                    Optional<InputFile> file = routes.route(object);
                    if (file.isEmpty()) {
                        r.counters.outsidePrefixes++;
                    } else if (routes.prunes(file.get())) {
                        r.counters.filteredOut++;
                    } else if (!r.recent.add(object.dedupKey())) {
                        r.counters.duplicateObjects++;
                    } else {
                        r.counters.filesReturned++;
                        found.add(file.get());
                    }
                }
            }
        }
    }

    @Override
    public synchronized byte[] snapshot(long checkpointId) throws IOException {
        Runtime r = run();
        if (!r.pending.isEmpty()) {
            r.byCheckpoint
                    .computeIfAbsent(checkpointId, id -> new ArrayList<>())
                    .addAll(r.pending);
            r.pending = new ArrayList<>();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_VERSION);
            r.recent.write(out);
        }
        return bytes.toByteArray();
    }

    @Override
    public synchronized void restore(byte[] state) throws IOException {
        close();
        Runtime r = run();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int version = in.readInt();
            if (version != STATE_VERSION) {
                throw new IOException("unknown SQS discovery state version " + version);
            }
            r.recent.read(in);
        }
    }

    @Override
    public synchronized void checkpointComplete(long checkpointId) {
        Runtime r = run();
        Map<Long, List<String>> covered = r.byCheckpoint.headMap(checkpointId, true);
        List<String> handles = new ArrayList<>();
        covered.values().forEach(handles::addAll);
        covered.clear();
        for (int from = 0; from < handles.size(); from += DELETE_BATCH) {
            delete(r, handles.subList(from, Math.min(from + DELETE_BATCH, handles.size())));
        }
    }

    /** A failed delete is not fatal: the message comes back and the dedup window drops its files. */
    private void delete(Runtime r, List<String> handles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(handles.get(i))
                    .build());
        }
        try {
            DeleteMessageBatchResponse response = client().deleteMessageBatch(
                            b -> b.queueUrl(settings.queueUrl()).entries(entries));
            r.counters.messagesDeleted += response.successful().size();
            r.counters.deleteFailures += response.failed().size();
            response.failed()
                    .forEach(f -> LOG.warn(
                            "SQS delete on {} failed ({}): the message will come back", settings.queueUrl(), f.code()));
        } catch (SdkException e) {
            r.counters.deleteFailures += handles.size();
            LOG.warn("SQS delete on {} failed, the messages will come back: {}", settings.queueUrl(), e.toString());
        }
    }

    /** The counts so far (a copy). */
    public synchronized SqsCounters counters() {
        return run().counters.copy();
    }

    /** Messages rejected since the last call, for the quarantine (at most the newest thousand). */
    public synchronized List<SqsQuarantined> drainQuarantined() {
        List<SqsQuarantined> out = new ArrayList<>(run().quarantined);
        run().quarantined.clear();
        return out;
    }

    /** Receipt handles waiting for a checkpoint to complete (received, not deleted). */
    public synchronized int awaitingDelete() {
        Runtime r = run();
        return r.pending.size()
                + r.byCheckpoint.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public synchronized void close() {
        if (run != null && run.client != null) {
            run.client.close();
        }
        run = null;
    }

    @Override
    public String toString() {
        return "SqsDiscovery[" + settings + "]";
    }
}
