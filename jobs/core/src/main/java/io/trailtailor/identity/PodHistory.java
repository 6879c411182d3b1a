package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.Json;
import io.trailtailor.event.Timestamps;
import io.trailtailor.identity.PodLifetime.PodKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the audit log says about one pod name, (cluster, namespace, name): the state a keyed operator holds per pod.
 * Observations are kept (a handful per incarnation) and lifetimes recomputed from them, so the result does not
 * depend on arrival order. A name reused by a later pod (StatefulSets, bare pods) gives one {@link PodLifetime}
 * per uid; observations without a uid (deletes, some bindings) go to the incarnation that held the name then.
 */
public final class PodHistory {

    enum Kind {
        CREATE,
        SEEN,
        BIND,
        DELETE
    }

    /** One fact from one audit event; null fields are unknown. */
    record Observation(
            Kind kind,
            Instant time,
            String uid,
            String serviceAccount,
            String node,
            String podIp,
            PodCredentialKind credentialKind,
            String irsaRoleArn,
            Instant until) {

        Observation(
                Kind kind,
                Instant time,
                String uid,
                String serviceAccount,
                String node,
                String podIp,
                PodCredentialKind credentialKind,
                String irsaRoleArn) {
            this(kind, time, uid, serviceAccount, node, podIp, credentialKind, irsaRoleArn, time);
        }
    }

    private final PodKey key;
    private final List<Observation> observations = new ArrayList<>();

    public PodHistory(PodKey key) {
        this.key = Objects.requireNonNull(key);
    }

    public PodKey key() {
        return key;
    }

    /** Records what the event says about this pod name; false (and no change) when it says nothing. */
    public boolean accept(AuditEvent e) {
        Instant t = AuditRouting.earliest(e);
        if (t == null || !AuditRouting.succeeded(e)) {
            return false;
        }
        int before = observations.size();
        if (key.equals(AuditRouting.objectPod(e))) {
            acceptPodObjectEvent(e, t);
        }
        if (key.equals(AuditRouting.callerPod(e))) {
            String[] nsSa = AuditRouting.serviceAccountOf(e.user().username());
            add(new Observation(
                    Kind.SEEN,
                    t,
                    e.user().extraValue(AuditRouting.POD_UID_EXTRA),
                    nsSa[1],
                    e.user().extraValue("authentication.kubernetes.io/node-name"),
                    null,
                    null,
                    null));
        }
        return observations.size() > before;
    }

    private void acceptPodObjectEvent(AuditEvent e, Instant t) {
        String sub = e.subresource();
        String verb = e.verb();
        JsonNode response = Json.tree(e.responseObject());
        JsonNode request = Json.tree(e.requestObject());
        if ("binding".equals(sub)) {
            String node = Json.pointer(request, "/target/name");
            add(new Observation(Kind.BIND, t, Json.pointer(request, "/metadata/uid"), null, node, null, null, null));
            return;
        }
        if ("delete".equals(verb) && sub == null) {
            // Graceful deletion: the pod runs until deletionTimestamp; the kubelet's final delete comes later still.
            Instant end = AuditRouting.latest(e);
            Instant graceful = Timestamps.parse(Json.pointer(response, "/metadata/deletionTimestamp"));
            if (graceful != null && graceful.isAfter(end)) {
                end = graceful;
            }
            String uid = PodSpecs.isPod(response)
                    ? Json.pointer(response, "/metadata/uid")
                    : Json.pointer(request, "/preconditions/uid");
            // Kept at request time for choosing the incarnation; 'until' is how long the pod may still run.
            add(new Observation(Kind.DELETE, t, uid, null, null, null, null, null, end));
            if (uid != null) {
                // The deleted Pod is returned whole: for a pod created before the window this is the only place its
                // service account, node and credentials show.
                add(new Observation(
                        Kind.SEEN,
                        t,
                        uid,
                        Json.pointer(response, "/spec/serviceAccountName"),
                        Json.pointer(response, "/spec/nodeName"),
                        Json.pointer(response, "/status/podIP"),
                        response.path("spec").has("containers") ? PodSpecs.credentialKind(response) : null,
                        PodSpecs.irsaRoleArn(response)));
            }
            return;
        }
        if ("status".equals(sub)) {
            String node = AuditRouting.nodeUser(e);
            JsonNode obj = PodSpecs.isPod(response) ? response : request;
            String uid = SessionExtractor.firstNonNull(
                    Json.pointer(obj, "/metadata/uid"), e.objectRef().uid());
            add(new Observation(
                    Kind.SEEN,
                    t,
                    uid,
                    null,
                    SessionExtractor.firstNonNull(node, Json.pointer(obj, "/spec/nodeName")),
                    Json.pointer(obj, "/status/podIP"),
                    null,
                    null));
            return;
        }
        if (sub != null) {
            return; // logs, exec, eviction...: nothing about the lifetime
        }
        JsonNode pod = PodSpecs.isPod(response) ? response : PodSpecs.isPod(request) ? request : null;
        if (pod == null) {
            return;
        }
        String uid = Json.pointer(pod, "/metadata/uid");
        if (uid == null) {
            return;
        }
        Kind kind = "create".equals(verb) ? Kind.CREATE : Kind.SEEN;
        String deleting = Json.pointer(pod, "/metadata/deletionTimestamp");
        add(new Observation(
                kind,
                t,
                uid,
                Json.pointer(pod, "/spec/serviceAccountName"),
                Json.pointer(pod, "/spec/nodeName"),
                Json.pointer(pod, "/status/podIP"),
                PodSpecs.credentialKind(pod),
                PodSpecs.irsaRoleArn(pod)));
        if (deleting != null) {
            add(new Observation(Kind.DELETE, Timestamps.parse(deleting), uid, null, null, null, null, null));
        }
    }

    private void add(Observation o) {
        if (o.time() == null || observations.contains(o)) {
            return;
        }
        if (o.kind() == Kind.SEEN && o.uid() != null) {
            compactSeen(o);
            return;
        }
        observations.add(o);
    }

    /**
     * Kubelets patch a pod's status many times; keeping each would grow state with pod age. A pod's service account,
     * node and IP never change, so the earliest and latest sightings with every known field say all there is. The
     * result depends only on the set of sightings, not on their order.
     */
    private void compactSeen(Observation o) {
        List<Observation> same = new ArrayList<>();
        same.add(o);
        observations.removeIf(x -> x.kind() == Kind.SEEN && o.uid().equals(x.uid()) && same.add(x));
        Instant first = o.time();
        Instant last = o.time();
        String sa = null;
        String node = null;
        String ip = null;
        PodCredentialKind creds = null;
        String role = null;
        same.sort(Comparator.comparing(Observation::time));
        for (Observation x : same) {
            first = x.time().isBefore(first) ? x.time() : first;
            last = x.time().isAfter(last) ? x.time() : last;
            sa = x.serviceAccount() != null ? x.serviceAccount() : sa;
            node = x.node() != null ? x.node() : node;
            ip = x.podIp() != null ? x.podIp() : ip;
            creds = x.credentialKind() != null && x.credentialKind() != PodCredentialKind.UNKNOWN
                    ? x.credentialKind()
                    : creds;
            role = x.irsaRoleArn() != null ? x.irsaRoleArn() : role;
        }
        observations.add(new Observation(Kind.SEEN, first, o.uid(), sa, node, ip, creds, role));
        if (last.isAfter(first)) {
            observations.add(new Observation(Kind.SEEN, last, o.uid(), sa, node, ip, creds, role));
        }
    }

    /** The incarnations of this name, oldest first. */
    public List<PodLifetime> lifetimes() {
        // 1. incarnations by uid, ordered by their earliest evidence
        Map<String, List<Observation>> byUid = new LinkedHashMap<>();
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing(Observation::time)
                .thenComparing(o -> o.kind().ordinal()));
        for (Observation o : sorted) {
            if (o.uid() != null) {
                byUid.computeIfAbsent(o.uid(), u -> new ArrayList<>()).add(o);
            }
        }
        List<String> uids = new ArrayList<>(byUid.keySet());
        uids.sort(Comparator.comparing(u -> firstEvidence(byUid.get(u))));
        if (uids.isEmpty()) {
            return List.of(); // without a uid there is no pod to name
        }
        // 2. observations without uid go to the incarnation that held the name at that time
        for (Observation o : sorted) {
            if (o.uid() == null) {
                String owner = uids.get(0);
                for (String u : uids) {
                    Instant first = firstEvidence(byUid.get(u));
                    if (!first.isAfter(o.time())) {
                        owner = u;
                    }
                }
                byUid.get(owner).add(o);
            }
        }
        // 3. fold each incarnation
        List<PodLifetime> result = new ArrayList<>(uids.size());
        for (int i = 0; i < uids.size(); i++) {
            Instant nextStart = i + 1 < uids.size() ? firstEvidence(byUid.get(uids.get(i + 1))) : null;
            result.add(fold(uids.get(i), byUid.get(uids.get(i)), nextStart));
        }
        return result;
    }

    private static Instant firstEvidence(List<Observation> obs) {
        Instant first = null;
        for (Observation o : obs) {
            if (o.kind() != Kind.DELETE && (first == null || o.time().isBefore(first))) {
                first = o.time();
            }
        }
        return first != null ? first : obs.get(0).time();
    }

    private PodLifetime fold(String uid, List<Observation> obs, Instant nextStart) {
        obs.sort(Comparator.comparing(Observation::time));
        Instant start = null;
        Instant deleted = null;
        String sa = null;
        String node = null;
        String ip = null;
        PodCredentialKind credentials = PodCredentialKind.UNKNOWN;
        String role = null;
        for (Observation o : obs) {
            switch (o.kind()) {
                case CREATE -> {
                    start = start == null || o.time().isBefore(start) ? o.time() : start;
                    credentials = o.credentialKind() == null ? credentials : o.credentialKind();
                }
                case DELETE -> deleted = deleted == null || o.until().isAfter(deleted) ? o.until() : deleted;
                default -> {
                    if (credentials == PodCredentialKind.UNKNOWN && o.credentialKind() != null) {
                        credentials = o.credentialKind();
                    }
                }
            }
            sa = o.serviceAccount() != null ? o.serviceAccount() : sa;
            node = o.node() != null ? o.node() : node;
            ip = o.podIp() != null ? o.podIp() : ip;
            role = o.irsaRoleArn() != null ? o.irsaRoleArn() : role;
        }
        // A name is unique among live pods: the next holder of the name proves this one was gone by then.
        Instant end = deleted != null ? deleted : nextStart;
        if (deleted != null && nextStart != null && nextStart.isBefore(deleted)) {
            end = nextStart;
        }
        return new PodLifetime(
                key.cluster(), key.namespace(), key.name(), uid, sa, node, ip, start, end, credentials, role);
    }

    /** Forgets incarnations that ended before {@code horizon}; true when nothing is left (the state can be cleared). */
    public boolean prune(Instant horizon) {
        List<PodLifetime> lives = lifetimes();
        for (PodLifetime life : lives) {
            if (life.end() != null && life.end().isBefore(horizon)) {
                observations.removeIf(o -> life.uid().equals(o.uid())
                        || (o.uid() == null
                                && !o.time().isAfter(life.end())
                                && (life.start() == null || !o.time().isBefore(life.start()))));
            }
        }
        return observations.isEmpty();
    }

    /** Number of observations held (for state-size tests and metrics). */
    public int size() {
        return observations.size();
    }
}
