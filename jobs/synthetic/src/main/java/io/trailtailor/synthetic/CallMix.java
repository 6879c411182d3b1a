package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.io.SerializedString;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fills each slice with API calls so that the running count of distinct CloudTrail records tracks the budget: a
 * live caller is picked by weight, then one of its operations by weight, at a random time inside the slice.
 */
final class CallMix {
    private final Sim sim;
    private final long events;
    private final CloudTrailEmitter out;
    private final CloudTrailIdentityWriter identities;
    private final List<Caller> callers = new ArrayList<>();
    private final List<Caller> eligible = new ArrayList<>();
    private double[] callerCum = new double[0];

    CallMix(Sim sim, long events, CloudTrailEmitter out, CloudTrailIdentityWriter identities) {
        this.sim = sim;
        this.events = events;
        this.out = out;
        this.identities = identities;
    }

    /** Adds a caller to the mix; one without operations never calls. */
    void add(Caller k) {
        if (k.ops == null || k.ops.isEmpty()) {
            return;
        }
        double[] cum = new double[k.ops.size()];
        double s = 0;
        for (int i = 0; i < cum.length; i++) {
            s += k.ops.get(i).weight;
            cum[i] = s;
        }
        k.opCum = cum;
        callers.add(k);
    }

    /** As many calls in [sliceStart, sliceEnd) as bring the record count to the budget's share of the window. */
    void fill(long sliceStart, long sliceEnd) throws IOException {
        long start = sim.scheduler.start();
        long want = Math.multiplyExact(events, sliceEnd - start) / (sim.scheduler.end() - start);
        long n = want - out.emitted();
        if (n <= 0) {
            return;
        }
        callers.removeIf(k -> k.to <= sliceStart);
        eligible.clear();
        for (Caller k : callers) {
            if (k.from < sliceEnd && k.to > sliceStart && Math.max(k.from, sliceStart) < Math.min(k.to, sliceEnd)) {
                eligible.add(k);
            }
        }
        if (eligible.isEmpty()) {
            return;
        }
        if (callerCum.length < eligible.size()) {
            callerCum = new double[eligible.size() * 2];
        }
        double total = 0;
        for (int i = 0; i < eligible.size(); i++) {
            total += eligible.get(i).weight;
            callerCum[i] = total;
        }
        for (long i = 0; i < n; i++) {
            int ci = search(callerCum, eligible.size(), sim.r.nextDouble() * total);
            Caller k = eligible.get(ci);
            long lo = Math.max(k.from, sliceStart);
            long hi = Math.min(k.to, sliceEnd);
            long t = lo + sim.r.nextLong(hi - lo);
            Op op = k.ops.get(search(k.opCum, k.opCum.length, sim.r.nextDouble() * k.opCum[k.opCum.length - 1]));
            call(k, op, t);
        }
    }

    private static int search(double[] cum, int n, double x) {
        int i = Arrays.binarySearch(cum, 0, n, x);
        i = i < 0 ? -i - 1 : i + 1;
        return Math.min(i, n - 1);
    }

    /** One call of {@code op} by {@code k} at {@code t}, signed with the session {@code k} holds then (if any). */
    void call(Caller k, Op op, long t) throws IOException {
        Session s = k.holder.at(t);
        if (s == null) {
            return;
        }
        Rec rec = out.rec();
        TruthSink.Call call = out.call();
        rec.reset();
        call.reset();
        rec.time = t;
        rec.account = op.account;
        rec.region = op.region;
        rec.sourceIp = k.sourceIp;
        rec.userAgent = k.userAgent;
        if (k.userAgentJson == null) {
            k.userAgentJson = new SerializedString(k.userAgent);
        }
        rec.userAgentJson = k.userAgentJson;
        String identityJson = identities.json(s);
        rec.identity = g -> g.writeRawValue(identityJson);
        if (k.pod != null && k.pod.workload.podIpVisible) {
            rec.vpcEndpointId = "vpce-0" + Integer.toHexString(k.pod.workload.cluster.name.hashCode() & 0xfffffff);
        }
        Ops.fill(op, rec, call, sim.r, sim.w, s, k.pod);
        if (rec.version == null) {
            rec.version = "1.08";
        }
        if (sim.r.nextInt(10) == 0) {
            rec.version = "1.11";
        }
        if (op.denied) {
            call.denied = true;
            boolean s3 = rec.source.startsWith("s3.") || rec.source.startsWith("sqs.");
            rec.errorCode = s3 ? "AccessDenied" : "AccessDeniedException";
            rec.errorMessage = s3 && rec.source.startsWith("s3.")
                    ? "Access Denied"
                    : "User: " + s.arn() + " is not authorized to perform: " + call.action + " on resource: "
                            + call.resource + " because no identity-based policy allows the " + call.action + " action";
        }
        call.mechanism = s.mechanism;
        call.roleArn = s.role != null ? s.role.arn() : s.userArn;
        call.rootPrincipal = k.rootPrincipal;
        call.accessKeyId = s.accessKeyId;
        call.signed = true;
        if (s.mechanism != Mechanism.IAM_USER && s.mechanism != Mechanism.ROOT) {
            call.issuerInWindow = s.issuingEventWritten;
        }
        if (k.pod != null) {
            call.pod(k.pod);
        } else if (k.node != null) {
            call.node(k.node);
        }
        if (sim.truth.writesCalls()) {
            if (k.truthSession != s) {
                k.truthSession = s;
                k.truthAttribution = sim.truth.attributionRaw(call);
            }
            call.attributionRaw = k.truthAttribution;
        }
        out.emit();
    }
}
