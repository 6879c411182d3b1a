package io.trailtailor.synthetic;

import io.trailtailor.synthetic.Model.Account;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Batches serialized CloudTrail records into the trail's S3 layout: one gzip {@code {"Records":[…]}} object per
 * account, region and 5-minute delivery window, named and dated by delivery time, records shuffled within the file.
 * Windows are flushed as soon as event time has passed them, so memory holds only a few windows.
 */
final class CloudTrailSink {
    static final long WINDOW = 5 * Times.MINUTE;
    /** Cap per object: real trails split busy windows into several objects; it also bounds memory for huge runs. */
    static final int MAX_RECORDS_PER_FILE = 5_000;

    private static final byte[] OPEN = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.UTF_8);

    private final Path root;
    private final SplittableRandom rnd;
    private final TreeMap<Long, TreeMap<String, Buffer>> buffers = new TreeMap<>();
    private final TreeSet<String> accountRegions = new TreeSet<>();
    private final Map<String, Account> accounts = new TreeMap<>();
    int files;
    int digestFiles;
    long recordsWritten;

    private static final class Buffer {
        final Account account;
        final String region;
        final long deliveredAt;
        final List<byte[]> records = new ArrayList<>();

        Buffer(Account account, String region, long deliveredAt) {
            this.account = account;
            this.region = region;
            this.deliveredAt = deliveredAt;
        }
    }

    CloudTrailSink(Path root, long seed) {
        this.root = root;
        this.rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** Queue one record for the object delivered in the window after {@code deliveryMs}. */
    void add(Account account, String region, long deliveryMs, byte[] record) throws IOException {
        long deliveredAt = Math.floorDiv(deliveryMs, WINDOW) * WINDOW + WINDOW;
        TreeMap<String, Buffer> window = buffers.computeIfAbsent(deliveredAt, k -> new TreeMap<>());
        String key = account.id + "|" + region;
        Buffer b = window.get(key);
        if (b == null) {
            b = new Buffer(account, region, deliveredAt);
            window.put(key, b);
            accountRegions.add(account.id + "|" + region);
            accounts.put(account.id, account);
        }
        b.records.add(record);
        if (b.records.size() >= MAX_RECORDS_PER_FILE) {
            write(b);
            b.records.clear();
        }
    }

    /** Write every object whose delivery time is at or before {@code timeMs}: no later event can land in it. */
    void flushThrough(long timeMs) throws IOException {
        Iterator<Map.Entry<Long, TreeMap<String, Buffer>>> it =
                buffers.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, TreeMap<String, Buffer>> e = it.next();
            if (e.getKey() > timeMs) {
                break;
            }
            for (Buffer b : e.getValue().values()) {
                if (!b.records.isEmpty()) {
                    write(b);
                }
            }
            it.remove();
        }
    }

    void finish(long windowStart, int days) throws IOException {
        flushThrough(Long.MAX_VALUE);
        // One digest per account, region and day: the ingester must recognize and skip them.
        for (String ar : accountRegions) {
            String[] p = ar.split("\\|");
            Account a = accounts.get(p[0]);
            for (int d = 0; d < days; d++) {
                long end = windowStart + d * Times.DAY + Times.HOUR + 17 * Times.SECOND;
                writeDigest(a, p[1], end);
            }
        }
    }

    private void write(Buffer b) throws IOException {
        List<byte[]> recs = b.records;
        SplittableRandom shuffle = new SplittableRandom(rnd.nextLong());
        for (int i = recs.size() - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            byte[] t = recs.get(i);
            recs.set(i, recs.get(j));
            recs.set(j, t);
        }
        String acct = b.account.id;
        String name = acct + "_CloudTrail_" + b.region + "_" + Times.compactMinute(b.deliveredAt) + "_"
                + Ids.alnum(rnd, 16) + ".json.gz";
        Path file = prefix(b.account)
                .resolve("CloudTrail")
                .resolve(b.region)
                .resolve(Times.datePath(b.deliveredAt))
                .resolve(name);
        try (OutputStream out = Gz.create(file)) {
            out.write(OPEN);
            for (int i = 0; i < recs.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(recs.get(i));
            }
            out.write(CLOSE);
        }
        files++;
        recordsWritten += recs.size();
    }

    private void writeDigest(Account a, String region, long end) throws IOException {
        String stamp = Times.compactSecond(end);
        String name = a.id + "_CloudTrail-Digest_" + region + "_org-trail_" + region + "_" + stamp + ".json.gz";
        Path rel = Path.of("AWSLogs");
        if (a.orgId != null) {
            rel = rel.resolve(a.orgId);
        }
        rel = rel.resolve(a.id)
                .resolve("CloudTrail-Digest")
                .resolve(region)
                .resolve(Times.datePath(end))
                .resolve(name);
        String json = "{\"awsAccountId\":\"" + a.id + "\",\"digestStartTime\":\"" + Times.isoSeconds(end - Times.HOUR)
                + "\",\"digestEndTime\":\"" + Times.isoSeconds(end)
                + "\",\"digestS3Bucket\":\"trailtailor-synthetic-trail\","
                + "\"digestS3Object\":\"" + rel.toString().replace('\\', '/') + "\",\"digestPublicKeyFingerprint\":\""
                + Ids.hex(rnd, 32) + "\",\"digestSignatureAlgorithm\":\"SHA256withRSA\",\"newestEventTime\":\""
                + Times.isoSeconds(end - 2 * Times.MINUTE) + "\",\"oldestEventTime\":\""
                + Times.isoSeconds(end - Times.HOUR + Times.MINUTE) + "\",\"previousDigestS3Bucket\":null,"
                + "\"previousDigestS3Object\":null,\"previousDigestHashValue\":null,\"previousDigestHashAlgorithm\":null,"
                + "\"previousDigestSignature\":null,\"logFiles\":[]}";
        try (OutputStream out = Gz.create(root.resolve(rel))) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        digestFiles++;
    }

    private Path prefix(Account a) {
        Path p = root.resolve("AWSLogs");
        if (a.orgId != null) {
            p = p.resolve(a.orgId);
        }
        return p.resolve(a.id);
    }
}
