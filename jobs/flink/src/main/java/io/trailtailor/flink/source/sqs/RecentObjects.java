package io.trailtailor.flink.source.sqs;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The object versions (URI + ETag) returned most recently, oldest dropped first past {@code capacity}: SQS
 * redelivers a message that was not deleted in time, and S3 itself may notify twice, but both within minutes, so a
 * bounded window is enough to return each file once without remembering every file ever seen.
 */
final class RecentObjects {

    private final int capacity;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();

    RecentObjects(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the dedup window must hold at least one object, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** True when {@code key} is new (and now remembered); false for a repeat within the window. */
    boolean add(String key) {
        if (!keys.add(key)) {
            return false;
        }
        if (keys.size() > capacity) {
            Iterator<String> oldest = keys.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    int size() {
        return keys.size();
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(keys.size());
        for (String key : keys) {
            out.writeUTF(key);
        }
    }

    /** Replaces the window with the one {@link #write} wrote (keeping the newest when it held more than fits). */
    void read(DataInput in) throws IOException {
        keys.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            add(in.readUTF());
        }
    }
}
