package io.trailtailor.synthetic;

import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Pod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The discrete-event engine. Time advances in 10-second slices; scheduled actions (pod starts and ends, credential
 * mints and refreshes, kubelet and controller chatter) run first, then the slice is filled with API calls from live
 * callers so that the running count of distinct CloudTrail records tracks {@code events} exactly. Only live pods,
 * sessions and undelivered files are in memory.
 *
 * <p>Every part draws from the one seeded random in a fixed order, so equal options give byte-identical output.
 */
final class Simulation {
    static final long SLICE = 10 * Times.SECOND;

    private final GeneratorOptions o;
    private final Path out;
    private final LongConsumer progress;
    private final SplittableRandom r;
    private final World w;
    private final Scheduler scheduler;
    private final CloudTrailSink ct;
    private final ShippedSink shipped; // null unless the shippedRecords shape is on
    private final AuditSink[] auditSinks;
    private final TruthSink truth;
    private final CloudTrailEmitter emitter;
    private final AuditWriter audit;
    private final CallMix calls;
    private final ControlPlaneChatter chatter;
    private final NodeLifecycle nodes;
    private final PodLifecycle pods;
    private final Principals principals;

    Simulation(GeneratorOptions o, Path out, LongConsumer progress) throws IOException {
        this.o = o;
        this.out = out;
        this.progress = progress == null ? n -> {} : progress;
        this.r = new SplittableRandom(o.seed());
        this.w = World.build(o.scenario(), r, o.shapes());
        long start = o.start().toEpochMilli();
        this.scheduler = new Scheduler(start, start + o.days() * Times.DAY);
        this.ct = new CloudTrailSink(out.resolve("cloudtrail"), o.seed());
        this.auditSinks = new AuditSink[w.clusters.size()];
        for (int i = 0; i < w.clusters.size(); i++) {
            Cluster c = w.clusters.get(i);
            Path base = out.resolve("eks-audit").resolve(c.name);
            auditSinks[i] = c.auditLayout.equals("export")
                    ? new ExportAuditSink(base.resolve("exportedlogs"), r.split(), start)
                    : new FirehoseAuditSink(base.resolve("firehose"), r.split(), c.account.id, c.name, start);
        }
        this.truth = new TruthSink(out.resolve("truth"), o.callTruth());
        this.shipped =
                o.shapes().shippedRecords() ? new ShippedSink(out.resolve("cloudtrail-shipped"), o.seed()) : null;
        this.emitter = new CloudTrailEmitter(o.events(), r, ct, truth, shipped);
        this.audit = new AuditWriter(w.clusters, auditSinks, r);
        Sim sim = new Sim(scheduler, r, w, truth);
        this.calls = new CallMix(sim, o.events(), emitter, new CloudTrailIdentityWriter(start));
        this.chatter = new ControlPlaneChatter(sim, audit);
        PodAuditEvents podAudit = new PodAuditEvents(sim, audit, w.accounts.get(0).natIp);
        StsRecords sts = new StsRecords(emitter, r);
        CredentialMints mints = new CredentialMints(sim, sts, calls, podAudit);
        this.nodes = new NodeLifecycle(sim, mints, calls, chatter);
        this.pods = new PodLifecycle(sim, mints, calls, podAudit);
        this.principals = new Principals(sim, sts, calls, audit);
    }

    GenerationResult run() throws IOException {
        setup();
        long start = scheduler.start();
        long end = scheduler.end();
        long slices = (end - start + SLICE - 1) / SLICE;
        for (long i = 0; i < slices; i++) {
            long sliceStart = start + i * SLICE;
            long sliceEnd = Math.min(sliceStart + SLICE, end);
            ct.flushThrough(sliceStart);
            scheduler.runBefore(sliceEnd);
            calls.fill(sliceStart, sliceEnd);
            audit.flush(sliceEnd);
            if ((i & 63) == 63) {
                progress.accept(emitter.emitted());
            }
        }
        audit.flush(Long.MAX_VALUE);
        for (Pod p : pods.live()) {
            truth.pod(p, end);
        }
        ct.finish(start, o.days());
        if (shipped != null) {
            shipped.finish();
        }
        int auditFiles = 0;
        int skipped = ct.digestFiles;
        for (AuditSink s : auditSinks) {
            s.finish();
            auditFiles += s.files();
            skipped += s.skippedFiles();
        }
        truth.usageJson();
        truth.close();
        progress.accept(emitter.emitted());
        GenerationResult result = new GenerationResult(
                emitter.emitted(),
                ct.recordsWritten,
                emitter.duplicates(),
                audit.events(),
                ct.files,
                auditFiles,
                skipped,
                out.resolve("truth"));
        Manifest.write(out.resolve("truth").resolve("manifest.json"), o, result, w, ct, shipped, auditSinks, truth);
        return result;
    }

    /** The world as the window opens: nodes, controller chatter, pods, then the other principals. */
    private void setup() throws IOException {
        long start = scheduler.start();
        for (Cluster c : w.clusters) {
            nodes.startCluster(c);
            scheduler.schedule(start + r.nextLong(30 * Times.SECOND), () -> chatter.controllerNoise(c));
        }
        if (w.clusters.get(0).nodeGroups.size() > 1) {
            // scale-out: a node joins mid-window with an in-window instance-profile mint
            Model.NodeGroup spot = w.clusters.get(0).nodeGroups.get(1);
            scheduler.schedule(start + 6 * Times.HOUR + r.nextLong(Times.HOUR), () -> nodes.join(spot));
        }
        for (Cluster c : w.clusters) {
            pods.startCluster(c);
        }
        principals.start();
    }
}
