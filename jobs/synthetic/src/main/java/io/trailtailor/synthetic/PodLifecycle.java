package io.trailtailor.synthetic;

import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Node;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import io.trailtailor.synthetic.Model.Workload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pods of each workload: a third start in the first minutes of the window, the rest were running before it. Each
 * lives an exponentially distributed time and is replaced when it stops; while it runs it gets credentials and
 * makes calls. A CI pod in one cluster also creates job pods in another.
 */
final class PodLifecycle {
    private final Sim sim;
    private final CredentialMints mints;
    private final CallMix calls;
    private final PodAuditEvents podAudit;
    private final List<Pod> live = new ArrayList<>();

    PodLifecycle(Sim sim, CredentialMints mints, CallMix calls, PodAuditEvents podAudit) {
        this.sim = sim;
        this.mints = mints;
        this.calls = calls;
        this.podAudit = podAudit;
    }

    /** The replicas of every workload of {@code c}: every third starts in the window, the others before it. */
    void startCluster(Cluster c) throws IOException {
        int wi = 0;
        for (Workload wl : c.workloads) {
            for (int i = 0; i < wl.replicas; i++) {
                if ((wi + i) % 3 == 0) {
                    long t = sim.scheduler.start() + sim.r.nextLong(5 * Times.MINUTE);
                    sim.scheduler.schedule(t, () -> start(wl, t, null));
                } else {
                    startBeforeWindow(wl);
                }
            }
            wi++;
        }
    }

    /** Pods still running at the end of the window. */
    List<Pod> live() {
        return live;
    }

    private void startBeforeWindow(Workload wl) throws IOException {
        long t = sim.scheduler.start() - sim.r.nextLong(2 * Times.HOUR, 30 * Times.HOUR);
        Pod p = newPod(wl, t, null, false);
        live.add(p);
        wl.livePods++;
        running(p, false);
    }

    private Pod newPod(Workload wl, long t, Session creator, boolean inWindow) {
        String name = wl.deployment + "-" + wl.rsHash.substring(0, 10) + "-" + Ids.lowerAlnum(sim.r, 5);
        if (creator != null) {
            name = wl.deployment + "-" + Ids.lowerAlnum(sim.r, 5);
        }
        Node node = pickNode(wl.cluster);
        Cluster c = wl.cluster;
        String ip = "10.0." + ((c.region.equals("us-east-1") ? 100 : 164) + sim.r.nextInt(60)) + "."
                + (2 + sim.r.nextInt(250));
        return new Pod(wl, name, Ids.uuid(sim.r), node, ip, t, inWindow);
    }

    private Node pickNode(Cluster c) {
        List<Node> alive = c.nodes;
        return alive.get(sim.r.nextInt(alive.size()));
    }

    /** Pod creation as the audit log shows it: create, binding, token request, status with IP; then credentials. */
    private void start(Workload wl, long t, Session creator) throws IOException {
        Pod p = newPod(wl, t, creator, true);
        live.add(p);
        wl.livePods++;
        long us = t * 1000 + sim.r.nextInt(1000);
        podAudit.create(p, creator, us);
        podAudit.binding(p, us + 20_000 + sim.r.nextInt(60_000));
        podAudit.tokenRequest(p, us + 900_000 + sim.r.nextInt(300_000));
        podAudit.status(p, us + 2_500_000 + sim.r.nextInt(1_500_000));
        running(p, true);
    }

    /** Schedules the pod's end, gives it credentials and adds it to the call mix. */
    private void running(Pod p, boolean inWindow) throws IOException {
        Workload wl = p.workload;
        long t = p.start;
        long start = sim.scheduler.start();
        long life = (long) (-Math.log(1 - sim.r.nextDouble()) * wl.meanLifetimeHours * Times.HOUR);
        // pods running before the window live on from its start, so the window still sees them stop
        long stop = Math.max(t, start) + Math.max(2 * Times.MINUTE, life);
        sim.scheduler.schedule(stop, () -> stop(p));
        Caller k = new Caller();
        k.pod = p;
        k.node = p.node;
        k.ops = wl.ops;
        k.weight = wl.weight;
        k.userAgent = Caller.sdkUserAgent(wl.sdk);
        k.sourceIp = wl.podIpVisible ? p.ip : wl.cluster.account.natIp;
        k.rootPrincipal = Caller.serviceAccount(p);
        switch (wl.credential) {
            case IRSA -> {
                k.label = Mechanism.IRSA;
                k.holder = p.sessions;
                k.from = mints.startIrsa(p, inWindow);
            }
            case POD_IDENTITY -> {
                k.label = Mechanism.POD_IDENTITY;
                k.holder = p.sessions;
                k.from = mints.startPodIdentity(p, inWindow);
                if (wl.createsCrossClusterJobs && sim.w.jobsWorkload != null) {
                    sim.scheduler.schedule(
                            Math.max(start, t) + sim.r.nextLong(5 * Times.MINUTE, 25 * Times.MINUTE),
                            () -> createJobs(p));
                }
            }
            case NONE -> {
                // no credentials of its own: the SDK falls back to the node's instance profile
                k.label = Mechanism.INSTANCE_PROFILE;
                k.holder = p.node.sessions;
                k.from = Math.max(start, t + 5 * Times.SECOND);
                k.rootPrincipal = p.node.instanceId;
            }
        }
        k.to = stop;
        calls.add(k);
    }

    private void stop(Pod p) throws IOException {
        long t = sim.scheduler.now();
        p.end = t;
        live.remove(p);
        p.workload.livePods--;
        podAudit.delete(p, t * 1000 + sim.r.nextInt(1000));
        sim.truth.pod(p, sim.scheduler.end());
        Workload wl = p.workload;
        if (wl.replicas > 0 && wl.livePods < wl.replicas) {
            long next = t + sim.r.nextLong(500, 3 * Times.SECOND);
            sim.scheduler.schedule(next, () -> start(wl, next, null));
        }
    }

    /** A CI pod in cluster 1, authenticated by its Pod Identity session, creates a job pod in cluster 2. */
    private void createJobs(Pod ci) throws IOException {
        long t = sim.scheduler.now();
        if (ci.end <= t) {
            return;
        }
        Session s = ci.sessions.at(t);
        Workload jobs = sim.w.jobsWorkload;
        if (s != null && !jobs.cluster.nodes.isEmpty()) {
            start(jobs, t, s);
        }
        sim.scheduler.schedule(t + sim.r.nextLong(10 * Times.MINUTE, 40 * Times.MINUTE), () -> createJobs(ci));
    }
}
