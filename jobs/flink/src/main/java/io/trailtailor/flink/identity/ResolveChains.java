package io.trailtailor.flink.identity;

import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.SessionChain;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Role chains of any depth ({@link SessionChain}, up to its {@link SessionChain#MAX_DEPTH}): every session, under
 * one key (a chain crosses accounts, and sessions are few next to calls), waits until the watermark passes it by
 * {@code waitMillis}, then leaves resolved against every session known. A parent that arrives after its children
 * left re-emits them, and their own children, resolved again (joins downstream keep the newest session per key).
 * A session is forgotten once its credentials expired plus {@code retainMillis}.
 */
final class ResolveChains extends KeyedProcessFunction<String, Tuple2<String, String>, Tuple2<String, String>> {

    /** The one key of the operator. */
    static final String ONE_KEY = "chains";

    private final long waitMillis;
    private final long retainMillis;
    /** access key → the session as it came in (unresolved: resolution walks raw links). */
    private transient MapState<String, String> known;
    /** access key → its chained children seen so far. */
    private transient MapState<String, List<String>> children;
    /** access keys that left already (a late parent re-emits those). */
    private transient MapState<String, Boolean> emitted;

    private transient WaitingRecords<String> due;
    private transient WaitingRecords<String> expiring;
    /** Decoded sessions of {@link #known}, filled on use (state stays the truth across restores). */
    private transient Map<String, CredentialSession> decoded;

    ResolveChains(long waitMillis, long retainMillis) {
        this.waitMillis = waitMillis;
        this.retainMillis = retainMillis;
    }

    @Override
    public void open(OpenContext context) {
        known = getRuntimeContext().getMapState(new MapStateDescriptor<>("known", Types.STRING, Types.STRING));
        children = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("children", Types.STRING, Types.LIST(Types.STRING)));
        emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", Types.STRING, Types.BOOLEAN));
        due = new WaitingRecords<>(getRuntimeContext(), "due", Types.STRING);
        expiring = new WaitingRecords<>(getRuntimeContext(), "expiring", Types.STRING);
        decoded = new HashMap<>();
    }

    @Override
    public void processElement(Tuple2<String, String> session, Context ctx, Collector<Tuple2<String, String>> out)
            throws Exception {
        String key = session.f0;
        CredentialSession s = JsonCodec.read(session.f1, CredentialSession.class);
        known.put(key, session.f1);
        decoded.put(key, s);
        if (s.mechanism() == Mechanism.ROLE_CHAIN && s.parentAccessKeyId() != null) {
            List<String> siblings = children.get(s.parentAccessKeyId());
            siblings = siblings == null ? new ArrayList<>() : new ArrayList<>(siblings);
            if (!siblings.contains(key)) {
                siblings.add(key);
                children.put(s.parentAccessKeyId(), siblings);
            }
        }
        if (emitted.contains(key)) {
            // a replacement of a session that left: it and what hangs off it leave again
            emitWithDescendants(key, out);
        } else {
            long at = due.add(key, ctx.timestamp(), waitMillis, ctx.timerService());
            if (children.contains(key)) {
                reemitDescendants(key, out);
            }
            long arrived = ctx.timestamp() != null ? ctx.timestamp() : at;
            expiring.add(
                    key,
                    EventTimes.plus(arrived, lifetimeMillis(s)),
                    EventTimes.plus(waitMillis, retainMillis),
                    ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, String>> out) throws Exception {
        for (String key : due.take(timestamp)) {
            if (known.contains(key) && !emitted.contains(key)) { // a second delivery before the first left
                emit(key, out);
            }
        }
        for (String key : expiring.take(timestamp)) {
            known.remove(key);
            children.remove(key);
            emitted.remove(key);
            decoded.remove(key);
        }
    }

    /**
     * How long a session's credentials live. Its expiry is counted from the record's timestamp, not its event time:
     * the joins upstream (earliest session, cluster naming) stamp a session when they let it go, up to a few max
     * delays after it was issued, and its children come the same way, so an expiry on the event-time clock would
     * forget a parent before its children, or the session itself, were resolved.
     */
    private static long lifetimeMillis(CredentialSession s) {
        if (s.expiresAt() != null && s.issuedAt() != null) {
            return Math.max(0, s.expiresAt().toEpochMilli() - s.issuedAt().toEpochMilli());
        }
        return KeepEarliestSession.LONGEST_SESSION_MILLIS;
    }

    private void emit(String key, Collector<Tuple2<String, String>> out) throws Exception {
        CredentialSession resolved = SessionChain.resolve(session(key), this::sessionOrNull);
        out.collect(Tuple2.of(key, JsonCodec.write(resolved)));
        emitted.put(key, true);
    }

    private void emitWithDescendants(String key, Collector<Tuple2<String, String>> out) throws Exception {
        emit(key, out);
        reemitDescendants(key, out);
    }

    /** Re-emits the children of {@code parent} that left already, and theirs, each once (a cycle stops). */
    private void reemitDescendants(String parent, Collector<Tuple2<String, String>> out) throws Exception {
        Set<String> seen = new HashSet<>();
        seen.add(parent);
        Deque<String> todo = new ArrayDeque<>();
        todo.add(parent);
        while (!todo.isEmpty()) {
            List<String> kids = children.get(todo.poll());
            if (kids == null) {
                continue;
            }
            for (String kid : kids) {
                if (seen.add(kid) && emitted.contains(kid)) {
                    emit(kid, out);
                    todo.add(kid);
                }
            }
        }
    }

    private CredentialSession session(String key) throws Exception {
        CredentialSession s = decoded.get(key);
        if (s == null) {
            String json = known.get(key);
            if (json != null) {
                s = JsonCodec.read(json, CredentialSession.class);
                decoded.put(key, s);
            }
        }
        return s;
    }

    private CredentialSession sessionOrNull(String key) {
        try {
            return session(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read session state", e);
        }
    }
}
