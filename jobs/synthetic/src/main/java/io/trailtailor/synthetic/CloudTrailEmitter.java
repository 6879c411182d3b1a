package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Turns the record being built into trail output: serializes {@link #rec()}, queues it for delivery (now and then
 * twice, as CloudTrail redelivers) with the trail or, for the shipper's share, with the {@link ShippedSink}, and writes {@link #call()} as its truth. Holds the event budget exactly.
 */
final class CloudTrailEmitter {
    static final double DUPLICATE_RATE = 0.005;

    private final long budget;
    private final SplittableRandom r;
    private final CloudTrailSink ct;
    private final TruthSink truth;
    private final ShippedSink shipped; // null: every record goes through the trail
    private final JsonFactory jf = new JsonFactory();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    // one record and one truth line, reused: the simulation writes millions of them
    private final Rec rec = new Rec();
    private final TruthSink.Call call = new TruthSink.Call();
    private long emitted;
    private long duplicates;

    CloudTrailEmitter(long budget, SplittableRandom r, CloudTrailSink ct, TruthSink truth, ShippedSink shipped) {
        this.budget = budget;
        this.r = r;
        this.ct = ct;
        this.truth = truth;
        this.shipped = shipped;
    }

    /** The record being built. */
    Rec rec() {
        return rec;
    }

    /** The truth of the record being built. */
    TruthSink.Call call() {
        return call;
    }

    /** Distinct records written so far. */
    long emitted() {
        return emitted;
    }

    /** Records delivered a second time. */
    long duplicates() {
        return duplicates;
    }

    /** Serialize the record, queue it for delivery (maybe twice), and write its truth; false once over budget. */
    boolean emit() throws IOException {
        if (emitted >= budget) {
            return false; // the budget is exact; a mint left out here is recorded as not written
        }
        rec.eventId = Ids.uuid(r);
        rec.requestId = Ids.uuid(r);
        buf.reset();
        try (JsonGenerator g = jf.createGenerator(buf)) {
            rec.write(g);
        }
        byte[] bytes = buf.toByteArray();
        // the same draws whether shipped or not, so the shipper changes where records go and nothing else
        boolean ship = shipped != null && shipped.takes();
        long delivery = rec.time + r.nextLong(10 * Times.MINUTE);
        deliver(ship, delivery, bytes);
        boolean dup = r.nextDouble() < DUPLICATE_RATE;
        if (dup) {
            deliver(ship, delivery + r.nextLong(5 * Times.MINUTE, 15 * Times.MINUTE), bytes);
            duplicates++;
        }
        emitted++;
        call.eventId = rec.eventId;
        call.eventTime = rec.time - Math.floorMod(rec.time, 1000L);
        call.eventSource = rec.source;
        call.eventName = rec.name;
        call.region = rec.region;
        call.account = rec.account.id;
        call.duplicated = dup;
        truth.call(call);
        return true;
    }

    private void deliver(boolean ship, long delivery, byte[] bytes) throws IOException {
        if (ship) {
            shipped.add(bytes, rec.time); // a redelivery too: shippers resend what they are not sure was taken
        } else {
            ct.add(rec.account, rec.region, delivery, bytes);
        }
    }
}
