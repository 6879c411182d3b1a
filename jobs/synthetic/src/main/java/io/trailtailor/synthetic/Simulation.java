package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Credential;
import io.trailtailor.synthetic.Model.Holder;
import io.trailtailor.synthetic.Model.Node;
import io.trailtailor.synthetic.Model.NodeGroup;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.OpKind;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Role;
import io.trailtailor.synthetic.Model.Session;
import io.trailtailor.synthetic.Model.Workload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The discrete-event engine. Time advances in 10-second slices; scheduled actions (pod starts and ends, credential
 * mints and refreshes, kubelet and controller chatter) run first, then the slice is filled with API calls from live
 * callers so that the running count of distinct CloudTrail records tracks {@code events} exactly. Only live pods,
 * sessions and undelivered files are in memory.
 */
final class Simulation {
    static final long SLICE = 10 * Times.SECOND;
    static final double DUPLICATE_RATE = 0.005;
    static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    interface Step {
        void run() throws IOException;
    }

    private record Action(long t, long seq, Step step) {}

    private record Pending(long ingestMs, long seq, byte[] json) {}

    /** Something that makes AWS calls: a pod, a node's agents, a human, a CI run, an IAM user. */
    private static final class Caller {
        Mechanism label;
        List<Op> ops;
        double[] opCum;
        double weight;
        Pod pod;
        Node node;
        Holder holder;
        long from;
        long to = Long.MAX_VALUE;
        String userAgent;
        String sourceIp;
        String rootPrincipal;
        com.fasterxml.jackson.core.io.SerializedString userAgentJson;
        Session truthSession;
        String truthAttribution;
    }

    private final GeneratorOptions o;
    private final Path out;
    private final LongConsumer progress;
    private final SplittableRandom r;
    private final World w;
    private final long start;
    private final long end;
    private final JsonFactory jf = new JsonFactory();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    private final CloudTrailSink ct;
    private final AuditSink[] auditSinks;
    private final List<PriorityQueue<Pending>> auditPending = new ArrayList<>();
    private final TruthSink truth;
    private final PriorityQueue<Action> actions =
            new PriorityQueue<>((a, b) -> a.t != b.t ? Long.compare(a.t, b.t) : Long.compare(a.seq, b.seq));
    private final List<Caller> callers = new ArrayList<>();
    private final List<Pod> livePods = new ArrayList<>();
    private double[] callerCum = new double[0];
    private final Rec rec = new Rec();
    private final TruthSink.Call call = new TruthSink.Call();
    private final List<Op> nodeOpsTemplate = new ArrayList<>();
    private long seq;
    private long emitted;
    private long duplicates;
    private long auditEvents;
    private final Holder samlHolder = new Holder();
    private final Session userSession = new Session();
    private final Session rootSession = new Session();

    Simulation(GeneratorOptions o, Path out, LongConsumer progress) throws IOException {
        this.o = o;
        this.out = out;
        this.progress = progress == null ? n -> {} : progress;
        this.r = new SplittableRandom(o.seed());
        this.w = World.build(o.scenario(), r);
        this.start = o.start().toEpochMilli();
        this.end = start + o.days() * Times.DAY;
        this.ct = new CloudTrailSink(out.resolve("cloudtrail"), o.seed());
        this.auditSinks = new AuditSink[w.clusters.size()];
        for (int i = 0; i < w.clusters.size(); i++) {
            Cluster c = w.clusters.get(i);
            Path base = out.resolve("eks-audit").resolve(c.name);
            auditSinks[i] = c.auditLayout.equals("export")
                    ? new ExportAuditSink(base.resolve("exportedlogs"), r.split(), start)
                    : new FirehoseAuditSink(base.resolve("firehose"), r.split(), c.account.id, c.name, start);
            auditPending.add(new PriorityQueue<>((a, b) ->
                    a.ingestMs != b.ingestMs ? Long.compare(a.ingestMs, b.ingestMs) : Long.compare(a.seq, b.seq)));
        }
        this.truth = new TruthSink(out.resolve("truth"), o.callTruth());
    }

    GenerationResult run() throws IOException {
        setup();
        long slices = (end - start + SLICE - 1) / SLICE;
        for (long i = 0; i < slices; i++) {
            long sliceStart = start + i * SLICE;
            long sliceEnd = Math.min(sliceStart + SLICE, end);
            ct.flushThrough(sliceStart);
            while (!actions.isEmpty() && actions.peek().t < sliceEnd) {
                actions.poll().step.run();
            }
            fillCalls(sliceStart, sliceEnd);
            flushAudit(sliceEnd);
            if ((i & 63) == 63) {
                progress.accept(emitted);
            }
        }
        flushAudit(Long.MAX_VALUE);
        for (Pod p : livePods) {
            truth.pod(p, end);
        }
        ct.finish(start, o.days());
        int auditFiles = 0;
        int skipped = ct.digestFiles;
        for (AuditSink s : auditSinks) {
            s.finish();
            auditFiles += s.files();
            skipped += s.skippedFiles();
        }
        truth.usageJson();
        truth.close();
        progress.accept(emitted);
        GenerationResult result = new GenerationResult(
                emitted,
                ct.recordsWritten,
                duplicates,
                auditEvents,
                ct.files,
                auditFiles,
                skipped,
                out.resolve("truth"));
        Manifest.write(out.resolve("truth").resolve("manifest.json"), o, result, w, ct, auditSinks, truth);
        return result;
    }

    // ------------------------------------------------------------------------------------------------ setup

    private void setup() throws IOException {
        nodeOpsTemplate.add(new Op(OpKind.ECR_TOKEN, null, null, null, null, 0, false, 1));
        nodeOpsTemplate.add(new Op(OpKind.ECR_BATCH_GET_IMAGE, null, null, "platform/base-images", null, 0, false, 1));
        nodeOpsTemplate.add(new Op(OpKind.ECR_DOWNLOAD_URL, null, null, "platform/base-images", null, 0, false, 2));
        nodeOpsTemplate.add(new Op(OpKind.EC2_DESCRIBE_INSTANCES, null, null, null, null, 0, false, 1));
        for (Cluster c : w.clusters) {
            for (NodeGroup ng : c.nodeGroups) {
                int n = w.clusters.size() == 1 ? 2 : (ng.name.equals("spot") ? 1 : 3);
                for (int i = 0; i < n; i++) {
                    Node node = newNode(ng);
                    preWindowNodeSession(node);
                    addNode(node, false, start + r.nextLong(Times.MINUTE));
                }
            }
            // controller get/list/watch chatter
            schedule(start + r.nextLong(30 * Times.SECOND), () -> controllerNoise(c));
        }
        if (w.clusters.size() > 1) {
            // scale-out: a node joins mid-window with an in-window instance-profile mint
            NodeGroup spot = w.clusters.get(0).nodeGroups.get(1);
            schedule(start + 6 * Times.HOUR + r.nextLong(Times.HOUR), () -> joinNode(spot));
        }
        for (Cluster c : w.clusters) {
            int wi = 0;
            for (Workload wl : c.workloads) {
                for (int i = 0; i < wl.replicas; i++) {
                    if ((wi + i) % 3 == 0) {
                        long t = start + r.nextLong(5 * Times.MINUTE);
                        schedule(t, () -> startPod(wl, t, null));
                    } else {
                        prewindowPod(wl);
                    }
                }
                wi++;
            }
        }
        setupPrincipals();
    }

    private Node newNode(NodeGroup ng) {
        Cluster c = ng.cluster;
        int third = c.region.equals("us-east-1") ? 0 : 64;
        String ip = "10.0." + (third + r.nextInt(48)) + "." + (c.nextIp++);
        String az = c.region + (char) ('a' + r.nextInt(3));
        String name = "ip-" + ip.replace('.', '-') + "." + c.region + ".compute.internal";
        return new Node(ng, Ids.instanceId(r), name, ip, az, Ids.uuid(r));
    }

    private void addNode(Node node, boolean created, long t) throws IOException {
        Cluster c = node.group.cluster;
        c.nodes.add(node);
        nodeObject(node, created, t);
        Caller k = new Caller();
        k.label = Mechanism.INSTANCE_PROFILE;
        k.node = node;
        k.holder = node.sessions;
        k.ops = nodeOps(c);
        k.weight = 0.4;
        k.from = Math.max(start, node.sessions.cur.issuedAt + Times.SECOND);
        k.userAgent = "aws-sdk-go/1.55.5 (go1.22.5; linux; amd64) ecr-credential-provider";
        k.sourceIp = c.account.natIp;
        k.rootPrincipal = node.instanceId;
        addCaller(k);
        schedule(t + r.nextLong(60 * Times.SECOND), () -> lease(node));
        schedule(t + Times.HOUR + r.nextLong(10 * Times.MINUTE), () -> nodePatch(node));
    }

    private List<Op> nodeOps(Cluster c) {
        List<Op> ops = new ArrayList<>();
        for (Op t : nodeOpsTemplate) {
            ops.add(new Op(t.kind, c.account, c.region, t.resource, t.detail, t.keys, t.denied, t.weight));
        }
        return ops;
    }

    private void preWindowNodeSession(Node node) throws IOException {
        Session s = nodeSession(node, start - r.nextLong(Times.MINUTE, 55 * Times.MINUTE));
        s.issuingEventWritten = false;
        node.sessions.push(s);
        truth.session(s);
        schedule(s.issuedAt + Times.HOUR + r.nextLong(-2 * Times.MINUTE, 2 * Times.MINUTE), () -> refreshNode(node));
    }

    private Session nodeSession(Node node, long t) {
        Session s = new Session();
        s.accessKeyId = Ids.awsId(r, "ASIA");
        s.mechanism = Mechanism.INSTANCE_PROFILE;
        s.role = node.group.role;
        s.sessionName = node.instanceId;
        s.cluster = node.group.cluster;
        s.node = node;
        s.issuedAt = t;
        return s;
    }

    private void joinNode(NodeGroup ng) throws IOException {
        Node node = newNode(ng);
        long t = actionTime;
        Session s = nodeSession(node, t);
        mintInstanceProfile(s, t);
        node.sessions.push(s);
        truth.session(s);
        schedule(t + Times.HOUR + r.nextLong(-2 * Times.MINUTE, 2 * Times.MINUTE), () -> refreshNode(node));
        addNode(node, true, t + 40 * Times.SECOND);
    }

    private void refreshNode(Node node) throws IOException {
        long t = actionTime;
        Session s = nodeSession(node, t);
        mintInstanceProfile(s, t);
        node.sessions.push(s);
        truth.session(s);
        schedule(t + Times.HOUR + r.nextLong(-2 * Times.MINUTE, 2 * Times.MINUTE), () -> refreshNode(node));
    }

    private void prewindowPod(Workload wl) throws IOException {
        long t = start - r.nextLong(2 * Times.HOUR, 30 * Times.HOUR);
        Pod p = newPod(wl, t, null, false);
        livePods.add(p);
        wl.livePods++;
        podRunning(p, false);
    }

    // ------------------------------------------------------------------------------------------------ pods

    private long actionTime;

    private void schedule(long t, Step step) {
        actions.add(new Action(t, seq++, () -> {
            actionTime = t;
            step.run();
        }));
    }

    private Node pickNode(Cluster c) {
        List<Node> alive = c.nodes;
        return alive.get(r.nextInt(alive.size()));
    }

    private Pod newPod(Workload wl, long t, Session creator, boolean inWindow) {
        String name = wl.deployment + "-" + wl.rsHash.substring(0, 10) + "-" + Ids.lowerAlnum(r, 5);
        if (creator != null) {
            name = wl.deployment + "-" + Ids.lowerAlnum(r, 5);
        }
        Node node = pickNode(wl.cluster);
        Cluster c = wl.cluster;
        String ip = "10.0." + ((c.region.equals("us-east-1") ? 100 : 164) + r.nextInt(60)) + "." + (2 + r.nextInt(250));
        return new Pod(wl, name, Ids.uuid(r), node, ip, t, inWindow);
    }

    /** Pod creation as the audit log shows it: create, binding, token request, status with IP; then credentials. */
    private void startPod(Workload wl, long t, Session creator) throws IOException {
        Pod p = newPod(wl, t, creator, true);
        livePods.add(p);
        wl.livePods++;
        long us = t * 1000 + r.nextInt(1000);
        podCreate(p, creator, us);
        podBinding(p, us + 20_000 + r.nextInt(60_000));
        tokenRequest(p, us + 900_000 + r.nextInt(300_000));
        podStatus(p, us + 2_500_000 + r.nextInt(1_500_000));
        podRunning(p, true);
    }

    private void podRunning(Pod p, boolean inWindow) throws IOException {
        Workload wl = p.workload;
        long t = p.start;
        long life = (long) (-Math.log(1 - r.nextDouble()) * wl.meanLifetimeHours * Times.HOUR);
        // pods running before the window live on from its start, so the window still sees them stop
        long endAt = Math.max(t, start) + Math.max(2 * Times.MINUTE, life);
        long stop = endAt;
        schedule(stop, () -> stopPod(p));
        Caller k = new Caller();
        k.pod = p;
        k.node = p.node;
        k.ops = wl.ops;
        k.weight = wl.weight;
        k.userAgent = userAgent(wl.sdk);
        k.sourceIp = wl.podIpVisible ? p.ip : wl.cluster.account.natIp;
        k.rootPrincipal = "system:serviceaccount:" + wl.namespace + ":" + wl.serviceAccount;
        switch (wl.credential) {
            case IRSA -> {
                k.label = Mechanism.IRSA;
                k.holder = p.sessions;
                if (inWindow) {
                    long m = t + r.nextLong(3 * Times.SECOND, 9 * Times.SECOND);
                    k.from = m + Times.SECOND;
                    schedule(m, () -> irsaMint(p, false));
                } else {
                    Session s = irsaSession(p, start - r.nextLong(Times.MINUTE, 50 * Times.MINUTE));
                    s.issuingEventWritten = false;
                    p.sessions.push(s);
                    truth.session(s);
                    k.from = start;
                    schedule(
                            s.issuedAt + Times.HOUR + r.nextLong(-3 * Times.MINUTE, 3 * Times.MINUTE),
                            () -> irsaMint(p, true));
                    if (wl.chainRole != null) {
                        Session c = chainSession(p, s, s.issuedAt + 2 * Times.SECOND);
                        c.issuingEventWritten = false;
                        p.chained = new Holder();
                        p.chained.push(c);
                        truth.session(c);
                        addCaller(chainCaller(p, start));
                    }
                }
            }
            case POD_IDENTITY -> {
                k.label = Mechanism.POD_IDENTITY;
                k.holder = p.sessions;
                if (inWindow) {
                    long m = t + r.nextLong(3 * Times.SECOND, 9 * Times.SECOND);
                    k.from = m + Times.SECOND;
                    schedule(m, () -> podIdentityMint(p));
                } else {
                    Session s = podIdentitySession(p, start - r.nextLong(Times.MINUTE, 4 * Times.HOUR));
                    s.issuingEventWritten = false;
                    p.sessions.push(s);
                    truth.session(s);
                    k.from = start;
                    schedule(s.issuedAt + 5 * Times.HOUR + r.nextLong(Times.HOUR), () -> podIdentityMint(p));
                }
                if (wl.createsCrossClusterJobs && w.jobsWorkload != null) {
                    schedule(
                            Math.max(start, t) + r.nextLong(5 * Times.MINUTE, 25 * Times.MINUTE),
                            () -> ciCreatesJob(p));
                }
            }
            case NONE -> {
                k.label = Mechanism.INSTANCE_PROFILE;
                k.holder = p.node.sessions;
                k.from = Math.max(start, t + 5 * Times.SECOND);
                k.rootPrincipal = p.node.instanceId;
            }
        }
        k.to = stop;
        addCaller(k);
    }

    private Caller chainCaller(Pod p, long from) {
        Caller c = new Caller();
        c.label = Mechanism.ROLE_CHAIN;
        c.pod = p;
        c.node = p.node;
        c.ops = p.workload.chainOps;
        c.weight = p.workload.weight;
        c.holder = p.chained;
        c.from = from;
        c.userAgent = userAgent(p.workload.sdk);
        c.sourceIp = p.workload.cluster.account.natIp;
        c.rootPrincipal = "system:serviceaccount:" + p.workload.namespace + ":" + p.workload.serviceAccount;
        return c;
    }

    private void stopPod(Pod p) throws IOException {
        long t = actionTime;
        p.end = t;
        livePods.remove(p);
        p.workload.livePods--;
        podDelete(p, t * 1000 + r.nextInt(1000));
        truth.pod(p, end);
        Workload wl = p.workload;
        if (wl.replicas > 0 && wl.livePods < wl.replicas) {
            long next = t + r.nextLong(500, 3 * Times.SECOND);
            schedule(next, () -> startPod(wl, next, null));
        }
    }

    private Session irsaSession(Pod p, long t) {
        Workload wl = p.workload;
        Session s = new Session();
        s.accessKeyId = Ids.awsId(r, "ASIA");
        s.mechanism = Mechanism.IRSA;
        s.role = wl.role;
        s.sessionName = switch (wl.sdk) {
            case "go" -> Long.toString(t * 1_000_000L + r.nextInt(1_000_000));
            case "java" -> "aws-sdk-java-" + t;
            default -> "botocore-session-" + (t / 1000);
        };
        s.cluster = wl.cluster;
        s.namespace = wl.namespace;
        s.serviceAccount = wl.serviceAccount;
        s.pod = p;
        s.node = p.node;
        s.issuedAt = t;
        s.federatedProvider = wl.cluster.oidcProviderArn();
        return s;
    }

    private void irsaMint(Pod p, boolean refresh) throws IOException {
        if (p.end <= actionTime) {
            return;
        }
        long t = actionTime;
        Workload wl = p.workload;
        if (refresh) {
            tokenRequest(p, (t - 1500) * 1000 + r.nextInt(1000));
        }
        Session s = irsaSession(p, t);
        Cluster c = wl.cluster;
        String sub = "system:serviceaccount:" + wl.namespace + ":" + wl.serviceAccount;
        String provider = c.oidcProviderArn();
        rec.reset();
        rec.version = "1.08";
        rec.time = t;
        rec.source = "sts.amazonaws.com";
        rec.name = "AssumeRoleWithWebIdentity";
        rec.region = wl.stsRegion;
        rec.account = wl.role.account;
        rec.sourceIp = wl.podIpVisible ? p.ip : c.account.natIp;
        rec.userAgent = userAgent(wl.sdk);
        rec.readOnly = true;
        rec.tlsHost = wl.stsRegion.equals("us-east-1") && !wl.stsRegion.equals(c.region)
                ? "sts.amazonaws.com"
                : "sts." + wl.stsRegion + ".amazonaws.com";
        rec.identity = g -> {
            g.writeStartObject();
            g.writeStringField("type", "WebIdentityUser");
            g.writeStringField("principalId", provider + ":sts.amazonaws.com:" + sub);
            g.writeStringField("userName", sub);
            g.writeStringField("identityProvider", provider);
            g.writeEndObject();
        };
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", wl.role.arn());
            g.writeStringField("roleSessionName", s.sessionName);
            if (!wl.sdk.equals("go")) {
                g.writeNumberField("durationSeconds", 3600);
            }
            g.writeEndObject();
        };
        rec.response = g -> {
            g.writeStartObject();
            credentials(g, s.accessKeyId, t + Times.HOUR);
            g.writeStringField("subjectFromWebIdentityToken", sub);
            assumedRoleUser(g, s);
            g.writeStringField("provider", provider);
            g.writeStringField("audience", "sts.amazonaws.com");
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, wl.role.account.id, "AWS::IAM::Role", wl.role.arn());
            g.writeEndArray();
        };
        call.reset();
        call.mechanism = Mechanism.IRSA;
        call.roleArn = wl.role.arn();
        call.rootPrincipal = sub;
        call.mintedAccessKeyId = s.accessKeyId;
        podTruth(p);
        call.action = "sts:AssumeRoleWithWebIdentity";
        call.resource = wl.role.arn();
        mintWritten(s, emit());
        p.sessions.push(s);
        truth.session(s);
        schedule(t + Times.HOUR + r.nextLong(-3 * Times.MINUTE, 3 * Times.MINUTE), () -> irsaMint(p, true));
        if (wl.chainRole != null) {
            long ct2 = t + r.nextLong(Times.SECOND, 4 * Times.SECOND);
            schedule(ct2, () -> chainMint(p, s));
        }
    }

    private Session chainSession(Pod p, Session parent, long t) {
        Session s = new Session();
        s.accessKeyId = Ids.awsId(r, "ASIA");
        s.mechanism = Mechanism.ROLE_CHAIN;
        s.role = p.workload.chainRole;
        s.sessionName = "etl-" + p.name.substring(p.name.length() - 5) + "-" + (t / 1000);
        s.cluster = p.workload.cluster;
        s.namespace = p.workload.namespace;
        s.serviceAccount = p.workload.serviceAccount;
        s.pod = p;
        s.node = p.node;
        s.issuedAt = t;
        s.parentAccessKeyId = parent.accessKeyId;
        return s;
    }

    private void chainMint(Pod p, Session parent) throws IOException {
        if (p.end <= actionTime) {
            return;
        }
        long t = actionTime;
        Workload wl = p.workload;
        Session s = chainSession(p, parent, t);
        Role target = wl.chainRole;
        rec.reset();
        rec.version = "1.08";
        rec.time = t;
        rec.source = "sts.amazonaws.com";
        rec.name = "AssumeRole";
        rec.region = wl.stsRegion;
        rec.account = target.account;
        rec.sourceIp = wl.cluster.account.natIp;
        rec.userAgent = userAgent(wl.sdk);
        rec.readOnly = true;
        rec.tlsHost = "sts." + wl.stsRegion + ".amazonaws.com";
        rec.identity = g -> roleIdentity(g, parent);
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", target.arn());
            g.writeStringField("roleSessionName", s.sessionName);
            g.writeNumberField("durationSeconds", 3600);
            g.writeEndObject();
        };
        rec.response = g -> {
            g.writeStartObject();
            credentials(g, s.accessKeyId, t + Times.HOUR);
            assumedRoleUser(g, s);
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, target.account.id, "AWS::IAM::Role", target.arn());
            g.writeEndArray();
        };
        call.reset();
        call.mechanism = Mechanism.IRSA;
        call.roleArn = parent.role.arn();
        call.rootPrincipal = "system:serviceaccount:" + wl.namespace + ":" + wl.serviceAccount;
        call.accessKeyId = parent.accessKeyId;
        call.issuerInWindow = parent.issuingEventWritten;
        call.mintedAccessKeyId = s.accessKeyId;
        call.signed = true;
        podTruth(p);
        call.action = "sts:AssumeRole";
        call.resource = target.arn();
        mintWritten(s, emit());
        boolean first = p.chained == null;
        if (first) {
            p.chained = new Holder();
        }
        p.chained.push(s);
        truth.session(s);
        if (first) {
            addCaller(chainCaller(p, t + Times.SECOND));
        }
    }

    private Session podIdentitySession(Pod p, long t) {
        Workload wl = p.workload;
        Session s = new Session();
        s.accessKeyId = Ids.awsId(r, "ASIA");
        s.mechanism = Mechanism.POD_IDENTITY;
        s.role = wl.role;
        String cl = wl.cluster.name.length() > 10 ? wl.cluster.name.substring(0, 10) : wl.cluster.name;
        String name = "eks-" + cl + "-" + p.name + "-" + Ids.uuid(r);
        s.sessionName = name.length() > 64 ? name.substring(0, 64) : name;
        s.cluster = wl.cluster;
        s.namespace = wl.namespace;
        s.serviceAccount = wl.serviceAccount;
        s.pod = p;
        s.node = p.node;
        s.issuedAt = t;
        return s;
    }

    /** The agent's eks-auth call (node session, no response) and EKS's own sts:AssumeRole with the pod's tags. */
    private void podIdentityMint(Pod p) throws IOException {
        if (p.end <= actionTime) {
            return;
        }
        long t = actionTime;
        Workload wl = p.workload;
        Cluster c = wl.cluster;
        Session node = p.node.sessions.at(t);
        rec.reset();
        rec.version = "1.09";
        rec.time = t;
        rec.source = "eks-auth.amazonaws.com";
        rec.name = "AssumeRoleForPodIdentity";
        rec.region = c.region;
        rec.account = c.account;
        rec.sourceIp = c.account.natIp;
        rec.userAgent = "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/eksauth#1.7.2";
        rec.readOnly = true;
        rec.tlsHost = "eks-auth." + c.region + ".api.aws";
        rec.identity = g -> roleIdentity(g, node);
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("clusterName", c.name);
            g.writeStringField("token", HIDDEN);
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, c.account.id, "AWS::EKS::Cluster", c.arn());
            g.writeEndArray();
        };
        call.reset();
        call.mechanism = Mechanism.INSTANCE_PROFILE;
        call.roleArn = node.role.arn();
        call.rootPrincipal = p.node.instanceId;
        call.accessKeyId = node.accessKeyId;
        call.issuerInWindow = node.issuingEventWritten;
        call.signed = true;
        call.cluster = c.name;
        call.node = p.node.name;
        call.instanceId = p.node.instanceId;
        call.action = "eks-auth:AssumeRoleForPodIdentity";
        call.resource = c.arn();
        emit();

        Session s = podIdentitySession(p, t);
        Role role = wl.role;
        rec.reset();
        rec.version = "1.08";
        rec.time = t;
        rec.source = "sts.amazonaws.com";
        rec.name = "AssumeRole";
        rec.region = c.region;
        rec.account = role.account;
        rec.sourceIp = "pods.eks.amazonaws.com";
        rec.userAgent = "pods.eks.amazonaws.com";
        rec.readOnly = true;
        rec.sharedEventId = Ids.uuid(r);
        rec.identity = g -> serviceIdentity(g, "pods.eks.amazonaws.com");
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn());
            g.writeStringField("roleSessionName", s.sessionName);
            g.writeNumberField("durationSeconds", 21600);
            if (wl.sessionTags) {
                String[][] tags = {
                    {"eks-cluster-arn", c.arn()},
                    {"eks-cluster-name", c.name},
                    {"kubernetes-namespace", wl.namespace},
                    {"kubernetes-service-account", wl.serviceAccount},
                    {"kubernetes-pod-name", p.name},
                    {"kubernetes-pod-uid", p.uid}
                };
                g.writeArrayFieldStart("tags");
                for (String[] kv : tags) {
                    g.writeStartObject();
                    g.writeStringField("key", kv[0]);
                    g.writeStringField("value", kv[1]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("transitiveTagKeys");
                for (String[] kv : tags) {
                    g.writeString(kv[0]);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        };
        rec.response = g -> {
            g.writeStartObject();
            credentials(g, s.accessKeyId, t + 6 * Times.HOUR);
            assumedRoleUser(g, s);
            if (wl.sessionTags) {
                g.writeNumberField("packedPolicySize", 56);
            }
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, role.account.id, "AWS::IAM::Role", role.arn());
            g.writeEndArray();
        };
        call.reset();
        call.mechanism = Mechanism.AWS_SERVICE;
        call.roleArn = role.arn();
        call.rootPrincipal = "pods.eks.amazonaws.com";
        call.mintedAccessKeyId = s.accessKeyId;
        podTruth(p);
        call.action = "sts:AssumeRole";
        call.resource = role.arn();
        mintWritten(s, emit());
        p.sessions.push(s);
        truth.session(s);
        schedule(t + 5 * Times.HOUR + r.nextLong(Times.HOUR), () -> podIdentityMint(p));
    }

    private void mintInstanceProfile(Session s, long t) throws IOException {
        Node node = s.node;
        Role role = node.group.role;
        Cluster c = node.group.cluster;
        rec.reset();
        rec.version = "1.05";
        rec.time = t;
        rec.source = "sts.amazonaws.com";
        rec.name = "AssumeRole";
        rec.region = c.region;
        rec.account = role.account;
        rec.sourceIp = "ec2.amazonaws.com";
        rec.userAgent = "ec2.amazonaws.com";
        rec.readOnly = true;
        rec.sharedEventId = Ids.uuid(r);
        rec.identity = g -> serviceIdentity(g, "ec2.amazonaws.com");
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn());
            g.writeStringField("roleSessionName", node.instanceId);
            g.writeEndObject();
        };
        rec.response = g -> {
            g.writeStartObject();
            credentials(g, s.accessKeyId, t + 6 * Times.HOUR);
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, role.account.id, "AWS::IAM::Role", role.arn());
            g.writeEndArray();
        };
        call.reset();
        call.mechanism = Mechanism.AWS_SERVICE;
        call.roleArn = role.arn();
        call.rootPrincipal = "ec2.amazonaws.com";
        call.mintedAccessKeyId = s.accessKeyId;
        call.cluster = c.name;
        call.node = node.name;
        call.instanceId = node.instanceId;
        call.action = "sts:AssumeRole";
        call.resource = role.arn();
        mintWritten(s, emit());
    }

    private void mintWritten(Session s, boolean written) {
        s.issuingEventWritten = written;
        s.issuingEventId = written ? rec.eventId : null;
    }

    private void podTruth(Pod p) {
        Workload wl = p.workload;
        call.cluster = wl.cluster.name;
        call.namespace = wl.namespace;
        call.serviceAccount = wl.serviceAccount;
        call.podName = p.name;
        call.podUid = p.uid;
        call.node = p.node.name;
        call.instanceId = p.node.instanceId;
    }

    // ------------------------------------------------------------------------------------------------ principals

    private void setupPrincipals() throws IOException {
        // SAML admin: the first session predates the window
        Session saml = samlSession(start - r.nextLong(5 * Times.MINUTE, 40 * Times.MINUTE));
        saml.issuingEventWritten = false;
        samlHolder.push(saml);
        truth.session(saml);
        schedule(saml.issuedAt + 8 * Times.HOUR, this::samlMint);
        Caller k = new Caller();
        k.label = Mechanism.SAML;
        k.holder = samlHolder;
        k.ops = w.samlOps;
        k.weight = 1;
        k.from = start;
        k.userAgent = "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/macos#23.6.0 md/arch#arm64 lang/python#3.11.9";
        k.sourceIp = "198.51.100." + (10 + r.nextInt(200));
        k.rootPrincipal = w.samlUser;
        addCaller(k);
        // the cluster's OIDC issuer surfaces in a DescribeCluster response early on
        schedule(start + 60 * Times.SECOND + r.nextLong(60 * Times.SECOND), () -> {
            Caller c = new Caller();
            c.label = Mechanism.SAML;
            c.holder = samlHolder;
            c.userAgent = k.userAgent;
            c.sourceIp = k.sourceIp;
            c.rootPrincipal = w.samlUser;
            for (Op op : w.samlOps) {
                if (op.kind == OpKind.EKS_DESCRIBE_CLUSTER) {
                    apiCall(c, op, actionTime);
                }
            }
        });
        schedule(start + r.nextLong(10 * Times.MINUTE, 40 * Times.MINUTE), this::samlKubectl);

        userSession.accessKeyId = w.userKey;
        userSession.mechanism = Mechanism.IAM_USER;
        userSession.userArn = "arn:aws:iam::" + w.userAccount.id + ":user/" + w.userName;
        userSession.userName = w.userName;
        userSession.principalId = w.userId;
        userSession.identityType = "IAMUser";
        userSession.issuedAt = start;
        userSession.issuingEventWritten = false;
        truth.session(userSession);
        Holder uh = new Holder();
        uh.push(userSession);
        Caller u = new Caller();
        u.label = Mechanism.IAM_USER;
        u.holder = uh;
        u.ops = w.userOps;
        u.weight = 0.8;
        u.from = start;
        u.userAgent = "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#5.15.0 md/arch#x86_64 lang/python#3.11.9";
        u.sourceIp = "203.0.113." + (10 + r.nextInt(200));
        u.rootPrincipal = userSession.userArn;
        addCaller(u);

        rootSession.accessKeyId = w.rootKey;
        rootSession.mechanism = Mechanism.ROOT;
        rootSession.userArn = "arn:aws:iam::" + w.rootAccount.id + ":root";
        rootSession.principalId = w.rootAccount.id;
        rootSession.identityType = "Root";
        rootSession.issuedAt = start;
        rootSession.issuingEventWritten = false;
        truth.session(rootSession);
        Holder rh = new Holder();
        rh.push(rootSession);
        Caller root = new Caller();
        root.label = Mechanism.ROOT;
        root.holder = rh;
        root.ops = w.rootOps;
        root.weight = 0.02;
        root.from = start;
        root.userAgent = "AWS Internal";
        root.sourceIp = "192.0.2." + (10 + r.nextInt(200));
        root.rootPrincipal = rootSession.userArn;
        addCaller(root);

        schedule(start + r.nextLong(20 * Times.MINUTE, 2 * Times.HOUR), this::githubRun);
        for (Role sr : w.serviceRoles) {
            schedule(start + r.nextLong(30 * Times.MINUTE), () -> serviceAssume(sr));
        }
    }

    private Session samlSession(long t) {
        Session s = new Session();
        s.accessKeyId = Ids.awsId(r, "ASIA");
        s.mechanism = Mechanism.SAML;
        s.role = w.samlRole;
        s.sessionName = w.samlUser;
        s.issuedAt = t;
        return s;
    }

    private void samlMint() throws IOException {
        long t = actionTime;
        Session s = samlSession(t);
        Role role = w.samlRole;
        String idp = "arn:aws:iam::" + role.account.id + ":saml-provider/Okta";
        rec.reset();
        rec.version = "1.08";
        rec.time = t;
        rec.source = "sts.amazonaws.com";
        rec.name = "AssumeRoleWithSAML";
        rec.region = "us-east-1";
        rec.account = role.account;
        rec.sourceIp = "198.51.100.23";
        rec.userAgent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/130.0.0.0 Safari/537.36";
        rec.readOnly = true;
        rec.identity = g -> {
            g.writeStartObject();
            g.writeStringField("type", "SAMLUser");
            g.writeStringField("principalId", "K8pZ0s4iJtT0Jx2a9vQ3mvGXFh0=:" + w.samlUser);
            g.writeStringField("userName", w.samlUser);
            g.writeStringField("identityProvider", idp);
            g.writeEndObject();
        };
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn());
            g.writeStringField("principalArn", idp);
            g.writeNumberField("durationSeconds", 28800);
            g.writeEndObject();
        };
        rec.response = g -> {
            g.writeStartObject();
            credentials(g, s.accessKeyId, t + 8 * Times.HOUR);
            assumedRoleUser(g, s);
            g.writeNumberField("packedPolicySize", 1);
            g.writeStringField("subject", w.samlUser);
            g.writeStringField("subjectType", "persistent");
            g.writeStringField("issuer", "http://www.okta.com/exk1a2b3c4d5e6f7g8h9");
            g.writeStringField("audience", "https://signin.aws.amazon.com/saml");
            g.writeStringField("nameQualifier", "K8pZ0s4iJtT0Jx2a9vQ3mvGXFh0=");
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, role.account.id, "AWS::IAM::Role", role.arn());
            Rec.resource(g, role.account.id, "AWS::IAM::SAMLProvider", idp);
            g.writeEndArray();
        };
        call.reset();
        call.mechanism = Mechanism.SAML;
        call.roleArn = role.arn();
        call.rootPrincipal = w.samlUser;
        call.mintedAccessKeyId = s.accessKeyId;
        call.action = "sts:AssumeRoleWithSAML";
        call.resource = role.arn();
        mintWritten(s, emit());
        samlHolder.push(s);
        truth.session(s);
        schedule(t + 8 * Times.HOUR, this::samlMint);
    }

    /** The SAML admin uses kubectl on cluster 1: lists pods, now and then creates a deployment. */
    private void samlKubectl() throws IOException {
        long t = actionTime;
        Cluster c = w.clusters.get(0);
        Session s = samlHolder.at(t);
        long us = t * 1000 + r.nextInt(1000);
        Workload target = c.workloads.get(r.nextInt(c.workloads.size()));
        String ns = target.namespace;
        String ua = "kubectl/v1.30.4 (darwin/arm64) kubernetes/a51b3b7";
        String ip = "198.51.100.23";
        audit(
                c,
                us,
                "Request",
                "list",
                "/api/v1/namespaces/" + ns + "/pods?limit=500",
                g -> iamUser(g, s),
                ip,
                ua,
                "pods",
                ns,
                null,
                "",
                null,
                200,
                null,
                null,
                "allow",
                rbacReason("AmazonEKSClusterAdminPolicy"),
                null);
        if (r.nextInt(3) == 0) {
            String name = "debug-" + Ids.lowerAlnum(r, 5);
            Rec.Body deploy = g -> {
                g.writeStartObject();
                g.writeStringField("kind", "Deployment");
                g.writeStringField("apiVersion", "apps/v1");
                g.writeObjectFieldStart("metadata");
                g.writeStringField("name", name);
                g.writeStringField("namespace", ns);
                g.writeEndObject();
                g.writeObjectFieldStart("spec");
                g.writeNumberField("replicas", 0);
                g.writeEndObject();
                g.writeEndObject();
            };
            audit(
                    c,
                    us + 2_000_000,
                    "RequestResponse",
                    "create",
                    "/apis/apps/v1/namespaces/" + ns + "/deployments",
                    g -> iamUser(g, s),
                    ip,
                    ua,
                    "deployments",
                    ns,
                    null,
                    "apps",
                    null,
                    201,
                    deploy,
                    deploy,
                    "allow",
                    rbacReason("AmazonEKSClusterAdminPolicy"),
                    null);
        }
        schedule(t + r.nextLong(20 * Times.MINUTE, 70 * Times.MINUTE), this::samlKubectl);
    }

    /** A CI pod in cluster 1, authenticated by its Pod Identity session, creates a job pod in cluster 2. */
    private void ciCreatesJob(Pod ci) throws IOException {
        if (ci.end <= actionTime) {
            return;
        }
        long t = actionTime;
        Session s = ci.sessions.at(t);
        Workload jobs = w.jobsWorkload;
        if (s != null && !jobs.cluster.nodes.isEmpty()) {
            startPod(jobs, t, s);
        }
        schedule(t + r.nextLong(10 * Times.MINUTE, 40 * Times.MINUTE), () -> ciCreatesJob(ci));
    }

    private void githubRun() throws IOException {
        long t = actionTime;
        Role role = w.githubRole;
        String sub = "repo:example-org/checkout:ref:refs/heads/main";
        String provider = "arn:aws:iam::" + role.account.id + ":oidc-provider/token.actions.githubusercontent.com";
        Session s = new Session();
        s.accessKeyId = Ids.awsId(r, "ASIA");
        s.mechanism = Mechanism.WEB_IDENTITY;
        s.role = role;
        s.sessionName = "GitHubActions";
        s.issuedAt = t;
        s.federatedProvider = provider;
        rec.reset();
        rec.version = "1.11";
        rec.time = t;
        rec.source = "sts.amazonaws.com";
        rec.name = "AssumeRoleWithWebIdentity";
        rec.region = "us-east-1";
        rec.account = role.account;
        rec.sourceIp = "20.29.134." + (1 + r.nextInt(250));
        rec.userAgent = "aws-sdk-nodejs/2.1692.0 linux/v20.17.0 configure-aws-credentials-for-github-actions promise";
        rec.readOnly = true;
        rec.tlsHost = "sts.us-east-1.amazonaws.com";
        rec.identity = g -> {
            g.writeStartObject();
            g.writeStringField("type", "WebIdentityUser");
            g.writeStringField("principalId", provider + ":sts.amazonaws.com:" + sub);
            g.writeStringField("userName", sub);
            g.writeStringField("identityProvider", provider);
            g.writeEndObject();
        };
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn());
            g.writeStringField("roleSessionName", s.sessionName);
            g.writeNumberField("durationSeconds", 3600);
            g.writeEndObject();
        };
        rec.response = g -> {
            g.writeStartObject();
            credentials(g, s.accessKeyId, t + Times.HOUR);
            g.writeStringField("subjectFromWebIdentityToken", sub);
            assumedRoleUser(g, s);
            g.writeStringField("provider", provider);
            g.writeStringField("audience", "sts.amazonaws.com");
            g.writeEndObject();
        };
        call.reset();
        call.mechanism = Mechanism.WEB_IDENTITY;
        call.roleArn = role.arn();
        call.rootPrincipal = sub;
        call.mintedAccessKeyId = s.accessKeyId;
        call.action = "sts:AssumeRoleWithWebIdentity";
        call.resource = role.arn();
        mintWritten(s, emit());
        truth.session(s);
        Holder h = new Holder();
        h.push(s);
        Caller k = new Caller();
        k.label = Mechanism.WEB_IDENTITY;
        k.holder = h;
        k.ops = w.githubOps;
        k.weight = 2;
        k.from = t + 2 * Times.SECOND;
        k.to = t + r.nextLong(5 * Times.MINUTE, 15 * Times.MINUTE);
        k.userAgent = rec.userAgent;
        k.sourceIp = rec.sourceIp;
        k.rootPrincipal = sub;
        addCaller(k);
        schedule(t + r.nextLong(Times.HOUR, 3 * Times.HOUR), this::githubRun);
    }

    /** An AWS service (Lambda, CloudFormation) assumes its execution role: AWS_SERVICE records without a key. */
    private void serviceAssume(Role role) throws IOException {
        long t = actionTime;
        boolean lambda = role.name.contains("exec");
        String svc = lambda ? "lambda.amazonaws.com" : "cloudformation.amazonaws.com";
        Session s = new Session();
        s.accessKeyId = Ids.awsId(r, "ASIA");
        s.mechanism = Mechanism.AWS_SERVICE;
        s.role = role;
        s.sessionName = lambda ? "price-calculator" : "AWSCloudFormation";
        s.issuedAt = t;
        rec.reset();
        rec.version = "1.08";
        rec.time = t;
        rec.source = "sts.amazonaws.com";
        rec.name = "AssumeRole";
        rec.region = w.regions.get(0);
        rec.account = role.account;
        rec.sourceIp = svc;
        rec.userAgent = svc;
        rec.readOnly = true;
        rec.sharedEventId = Ids.uuid(r);
        rec.identity = g -> serviceIdentity(g, svc);
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn());
            g.writeStringField("roleSessionName", s.sessionName);
            g.writeEndObject();
        };
        rec.response = g -> {
            g.writeStartObject();
            credentials(g, s.accessKeyId, t + 12 * Times.HOUR);
            assumedRoleUser(g, s);
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, role.account.id, "AWS::IAM::Role", role.arn());
            g.writeEndArray();
        };
        call.reset();
        call.mechanism = Mechanism.AWS_SERVICE;
        call.roleArn = role.arn();
        call.rootPrincipal = svc;
        call.mintedAccessKeyId = s.accessKeyId;
        call.action = "sts:AssumeRole";
        call.resource = role.arn();
        mintWritten(s, emit());
        truth.session(s);
        schedule(
                t
                        + (lambda
                                ? r.nextLong(20 * Times.MINUTE, 60 * Times.MINUTE)
                                : r.nextLong(3 * Times.HOUR, 9 * Times.HOUR)),
                () -> serviceAssume(role));
    }

    // ------------------------------------------------------------------------------------------------ calls

    private void addCaller(Caller k) {
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

    private final List<Caller> eligible = new ArrayList<>();

    private void fillCalls(long sliceStart, long sliceEnd) throws IOException {
        long want = Math.multiplyExact(o.events(), sliceEnd - start) / (end - start);
        long n = want - emitted;
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
            int ci = search(callerCum, eligible.size(), r.nextDouble() * total);
            Caller k = eligible.get(ci);
            long lo = Math.max(k.from, sliceStart);
            long hi = Math.min(k.to, sliceEnd);
            long t = lo + r.nextLong(hi - lo);
            Op op = k.ops.get(search(k.opCum, k.opCum.length, r.nextDouble() * k.opCum[k.opCum.length - 1]));
            apiCall(k, op, t);
        }
    }

    private static int search(double[] cum, int n, double x) {
        int i = Arrays.binarySearch(cum, 0, n, x);
        i = i < 0 ? -i - 1 : i + 1;
        return Math.min(i, n - 1);
    }

    private void apiCall(Caller k, Op op, long t) throws IOException {
        Session s = k.holder.at(t);
        if (s == null) {
            return;
        }
        rec.reset();
        call.reset();
        rec.time = t;
        rec.account = op.account;
        rec.region = op.region;
        rec.sourceIp = k.sourceIp;
        rec.userAgent = k.userAgent;
        if (k.userAgentJson == null) {
            k.userAgentJson = new com.fasterxml.jackson.core.io.SerializedString(k.userAgent);
        }
        rec.userAgentJson = k.userAgentJson;
        if (s.identityJson == null) {
            buf.reset();
            try (JsonGenerator g = jf.createGenerator(buf)) {
                identity(g, s);
            }
            s.identityJson = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
        String identityJson = s.identityJson;
        rec.identity = g -> g.writeRawValue(identityJson);
        if (k.pod != null && k.pod.workload.podIpVisible) {
            rec.vpcEndpointId = "vpce-0" + Integer.toHexString(k.pod.workload.cluster.name.hashCode() & 0xfffffff);
        }
        Ops.fill(op, rec, call, r, w, s, k.pod);
        if (rec.version == null) {
            rec.version = "1.08";
        }
        if (r.nextInt(10) == 0) {
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
            podTruth(k.pod);
        } else if (k.node != null) {
            call.cluster = k.node.group.cluster.name;
            call.node = k.node.name;
            call.instanceId = k.node.instanceId;
        }
        if (truth.writesCalls()) {
            if (k.truthSession != s) {
                k.truthSession = s;
                k.truthAttribution = truth.attributionRaw(call);
            }
            call.attributionRaw = k.truthAttribution;
        }
        emit();
    }

    // ------------------------------------------------------------------------------------------------ emit

    /** Serialize {@link #rec}, queue it for delivery (maybe twice), and write {@link #call} as its truth. */
    private boolean emit() throws IOException {
        if (emitted >= o.events()) {
            return false; // the budget is exact; a mint left out here is recorded as not written
        }
        rec.eventId = Ids.uuid(r);
        rec.requestId = Ids.uuid(r);
        buf.reset();
        try (JsonGenerator g = jf.createGenerator(buf)) {
            rec.write(g);
        }
        byte[] bytes = buf.toByteArray();
        long delivery = rec.time + r.nextLong(10 * Times.MINUTE);
        ct.add(rec.account, rec.region, delivery, bytes);
        boolean dup = r.nextDouble() < DUPLICATE_RATE;
        if (dup) {
            ct.add(rec.account, rec.region, delivery + r.nextLong(5 * Times.MINUTE, 15 * Times.MINUTE), bytes);
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

    // ------------------------------------------------------------------------------------------------ identities

    private void identity(JsonGenerator g, Session s) throws IOException {
        switch (s.mechanism) {
            case IAM_USER -> {
                g.writeStartObject();
                g.writeStringField("type", "IAMUser");
                g.writeStringField("principalId", s.principalId);
                g.writeStringField("arn", s.userArn);
                g.writeStringField("accountId", s.accountId());
                g.writeStringField("accessKeyId", s.accessKeyId);
                g.writeStringField("userName", s.userName);
                g.writeEndObject();
            }
            case ROOT -> {
                g.writeStartObject();
                g.writeStringField("type", "Root");
                g.writeStringField("principalId", s.principalId);
                g.writeStringField("arn", s.userArn);
                g.writeStringField("accountId", s.accountId());
                g.writeStringField("accessKeyId", s.accessKeyId);
                g.writeObjectFieldStart("sessionContext");
                g.writeObjectFieldStart("attributes");
                g.writeStringField("creationDate", Times.isoSeconds(start - 20 * Times.MINUTE));
                g.writeStringField("mfaAuthenticated", "true");
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            default -> roleIdentity(g, s);
        }
    }

    private void roleIdentity(JsonGenerator g, Session s) throws IOException {
        Role role = s.role;
        g.writeStartObject();
        g.writeStringField("type", "AssumedRole");
        g.writeStringField("principalId", role.roleId + ":" + s.sessionName);
        g.writeStringField("arn", s.arn());
        g.writeStringField("accountId", role.account.id);
        g.writeStringField("accessKeyId", s.accessKeyId);
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("sessionIssuer");
        g.writeStringField("type", "Role");
        g.writeStringField("principalId", role.roleId);
        g.writeStringField("arn", role.arn());
        g.writeStringField("accountId", role.account.id);
        g.writeStringField("userName", role.name);
        g.writeEndObject();
        if (s.federatedProvider != null) {
            g.writeObjectFieldStart("webIdFederationData");
            g.writeStringField("federatedProvider", s.federatedProvider);
            g.writeObjectFieldStart("attributes");
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeObjectFieldStart("attributes");
        g.writeStringField("creationDate", Times.isoSeconds(s.issuedAt));
        g.writeStringField("mfaAuthenticated", "false");
        g.writeEndObject();
        if (s.mechanism == Mechanism.INSTANCE_PROFILE) {
            g.writeStringField("ec2RoleDelivery", "2.0");
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void serviceIdentity(JsonGenerator g, String service) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "AWSService");
        g.writeStringField("invokedBy", service);
        g.writeEndObject();
    }

    private void credentials(JsonGenerator g, String keyId, long expires) throws IOException {
        g.writeObjectFieldStart("credentials");
        g.writeStringField("accessKeyId", keyId);
        g.writeStringField("sessionToken", "FAKE-SESSION-TOKEN-" + Ids.alnum(r, 48));
        g.writeStringField("expiration", Times.localeExpiry(expires));
        g.writeEndObject();
    }

    private static void assumedRoleUser(JsonGenerator g, Session s) throws IOException {
        g.writeObjectFieldStart("assumedRoleUser");
        g.writeStringField("assumedRoleId", s.role.roleId + ":" + s.sessionName);
        g.writeStringField("arn", s.arn());
        g.writeEndObject();
    }

    private static String userAgent(String sdk) {
        return switch (sdk) {
            case "go" -> "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64";
            case "java" ->
                "aws-sdk-java/2.25.60 Linux/5.10.225-213.878.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS "
                        + "Java/17.0.11 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy";
            default ->
                "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.225-213.878.amzn2.x86_64 md/arch#x86_64 "
                        + "lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69";
        };
    }

    // ------------------------------------------------------------------------------------------------ audit

    private interface AuditUser {
        void write(JsonGenerator g) throws IOException;
    }

    private void flushAudit(long before) throws IOException {
        for (int i = 0; i < auditPending.size(); i++) {
            PriorityQueue<Pending> q = auditPending.get(i);
            while (!q.isEmpty() && q.peek().ingestMs < before) {
                Pending p = q.poll();
                auditSinks[i].write(p.ingestMs, p.json);
                auditEvents++;
            }
        }
    }

    /** One audit.k8s.io/v1 Event; {@code us} is true time in microseconds, the cluster's clock skew is applied. */
    private void audit(
            Cluster c,
            long us,
            String level,
            String verb,
            String uri,
            AuditUser user,
            String sourceIp,
            String ua,
            String resource,
            String ns,
            String name,
            String group,
            String subresource,
            int code,
            Rec.Body requestObject,
            Rec.Body responseObject,
            String decision,
            String reason,
            String[] extraAnnotation)
            throws IOException {
        long received = us + c.skewMicros;
        long stage = received + 1_000 + r.nextInt(40_000);
        buf.reset();
        try (JsonGenerator g = jf.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("kind", "Event");
            g.writeStringField("apiVersion", "audit.k8s.io/v1");
            g.writeStringField("level", level);
            g.writeStringField("auditID", Ids.uuid(r));
            g.writeStringField("stage", "ResponseComplete");
            g.writeStringField("requestURI", uri);
            g.writeStringField("verb", verb);
            g.writeFieldName("user");
            user.write(g);
            g.writeArrayFieldStart("sourceIPs");
            g.writeString(sourceIp);
            g.writeEndArray();
            g.writeStringField("userAgent", ua);
            g.writeObjectFieldStart("objectRef");
            g.writeStringField("resource", resource);
            if (ns != null) {
                g.writeStringField("namespace", ns);
            }
            if (name != null) {
                g.writeStringField("name", name);
            }
            if (!group.isEmpty()) {
                g.writeStringField("apiGroup", group);
            }
            g.writeStringField("apiVersion", "v1"); // core, apps and coordination.k8s.io are all v1 here
            if (subresource != null) {
                g.writeStringField("subresource", subresource);
            }
            g.writeEndObject();
            g.writeObjectFieldStart("responseStatus");
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
            g.writeNumberField("code", code);
            g.writeEndObject();
            if (requestObject != null) {
                g.writeFieldName("requestObject");
                requestObject.write(g);
            }
            if (responseObject != null) {
                g.writeFieldName("responseObject");
                responseObject.write(g);
            }
            g.writeStringField("requestReceivedTimestamp", Times.isoMicros(received));
            g.writeStringField("stageTimestamp", Times.isoMicros(stage));
            g.writeObjectFieldStart("annotations");
            g.writeStringField("authorization.k8s.io/decision", decision);
            g.writeStringField("authorization.k8s.io/reason", reason);
            if (extraAnnotation != null) {
                g.writeStringField(extraAnnotation[0], extraAnnotation[1]);
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        int idx = w.clusters.indexOf(c);
        long ingest = stage / 1000 + 250 + r.nextInt(20);
        auditPending.get(idx).add(new Pending(ingest, seq++, buf.toByteArray()));
    }

    private static String rbacReason(String what) {
        return "EKS Access Policy: allowed by ClusterRoleBinding \"arn:aws:eks::aws:cluster-access-policy/" + what
                + "\" of ClusterRole \"" + what + "\"";
    }

    private static void controllerUser(JsonGenerator g, String controller, String uid) throws IOException {
        g.writeStartObject();
        g.writeStringField("username", "system:serviceaccount:kube-system:" + controller);
        g.writeStringField("uid", uid);
        g.writeArrayFieldStart("groups");
        g.writeString("system:serviceaccounts");
        g.writeString("system:serviceaccounts:kube-system");
        g.writeString("system:authenticated");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void simpleUser(JsonGenerator g, String username, String... groups) throws IOException {
        g.writeStartObject();
        g.writeStringField("username", username);
        g.writeArrayFieldStart("groups");
        for (String gr : groups) {
            g.writeString(gr);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** An IAM principal through aws-iam-authenticator / access entries: user.extra names the AWS session. */
    private static void iamUser(JsonGenerator g, Session s) throws IOException {
        g.writeStartObject();
        g.writeStringField("username", s.role.sessionArn(s.sessionName));
        g.writeStringField("uid", "aws-iam-authenticator:" + s.role.account.id + ":" + s.role.roleId);
        g.writeArrayFieldStart("groups");
        g.writeString("system:authenticated");
        g.writeEndArray();
        g.writeObjectFieldStart("extra");
        extra(g, "accessKeyId", s.accessKeyId);
        extra(g, "arn", s.arn());
        extra(g, "canonicalArn", s.role.arn());
        extra(g, "principalId", s.role.roleId);
        extra(g, "sessionName", s.sessionName);
        extra(g, "sigs.k8s.io/aws-iam-authenticator/principalId", s.role.roleId);
        g.writeEndObject();
        g.writeEndObject();
    }

    private void kubelet(JsonGenerator g, Node node, long t) throws IOException {
        Session s = node.sessions.at(t);
        g.writeStartObject();
        g.writeStringField("username", "system:node:" + node.name);
        g.writeStringField("uid", "aws-iam-authenticator:" + s.role.account.id + ":" + s.role.roleId);
        g.writeArrayFieldStart("groups");
        g.writeString("system:bootstrappers");
        g.writeString("system:nodes");
        g.writeString("system:authenticated");
        g.writeEndArray();
        g.writeObjectFieldStart("extra");
        extra(g, "accessKeyId", s.accessKeyId);
        extra(g, "arn", s.arn());
        extra(g, "canonicalArn", s.role.arn());
        extra(g, "principalId", s.role.roleId);
        extra(g, "sessionName", s.sessionName);
        extra(g, "sigs.k8s.io/aws-iam-authenticator/principalId", s.role.roleId);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void extra(JsonGenerator g, String key, String value) throws IOException {
        g.writeArrayFieldStart(key);
        g.writeString(value);
        g.writeEndArray();
    }

    private static final String KUBELET_UA = "kubelet/v1.30.4 (linux/amd64) kubernetes/a737599";
    private static final String RS_UID = "3c0f3c1e-7b1a-4c55-9d43-5a8f2b1e6d01";
    private static final String SCHED_UA = "kube-scheduler/v1.30.4 (linux/amd64) kubernetes/a737599/scheduler";
    private static final String KCM_UA =
            "kube-controller-manager/v1.30.4 (linux/amd64) kubernetes/a737599/system:serviceaccount:kube-system:"
                    + "replicaset-controller";

    private void podCreate(Pod p, Session creator, long us) throws IOException {
        Workload wl = p.workload;
        Cluster c = wl.cluster;
        String ns = wl.namespace;
        AuditUser user =
                creator != null ? g -> iamUser(g, creator) : g -> controllerUser(g, "replicaset-controller", RS_UID);
        String ua = creator != null ? "kubectl/v1.30.4 (linux/amd64) kubernetes/a51b3b7" : KCM_UA;
        String ip = creator != null
                ? w.accounts.get(0).natIp
                : "172.16." + (c.region.equals("us-east-1") ? 10 : 74) + ".12";
        String reason = creator != null
                ? "RBAC: allowed by RoleBinding \"ci-deployer/jobs\" of ClusterRole \"edit\" to " + "User \""
                        + creator.role.sessionArn(creator.sessionName) + "\""
                : "RBAC: allowed by ClusterRoleBinding \"system:controller:replicaset-controller\" of ClusterRole "
                        + "\"system:controller:replicaset-controller\" to ServiceAccount \"replicaset-controller/kube-system\"";
        audit(
                c,
                us,
                "RequestResponse",
                "create",
                "/api/v1/namespaces/" + ns + "/pods",
                user,
                ip,
                ua,
                "pods",
                ns,
                null,
                "",
                null,
                201,
                g -> podObject(g, p, false, us),
                g -> podObject(g, p, true, us),
                "allow",
                reason,
                null);
    }

    private void podObject(JsonGenerator g, Pod p, boolean response, long us) throws IOException {
        Workload wl = p.workload;
        boolean rs = wl.replicas > 0; // Deployment pods; CI job pods are created directly, with a name
        g.writeStartObject();
        g.writeStringField("kind", "Pod");
        g.writeStringField("apiVersion", "v1");
        g.writeObjectFieldStart("metadata");
        if (response || !rs) {
            g.writeStringField("name", p.name);
        }
        if (rs) {
            g.writeStringField("generateName", wl.deployment + "-" + wl.rsHash.substring(0, 10) + "-");
        }
        if (response) {
            g.writeStringField("namespace", wl.namespace);
            g.writeStringField("uid", p.uid);
            g.writeStringField("resourceVersion", Long.toString(100000 + (us / 1000) % 90000000));
            g.writeStringField("creationTimestamp", Times.isoSeconds(us / 1000));
        } else {
            g.writeNullField("creationTimestamp");
        }
        g.writeObjectFieldStart("labels");
        g.writeStringField("app", wl.deployment);
        if (rs) {
            g.writeStringField("pod-template-hash", wl.rsHash.substring(0, 10));
        }
        g.writeEndObject();
        if (rs) {
            g.writeArrayFieldStart("ownerReferences");
            g.writeStartObject();
            g.writeStringField("apiVersion", "apps/v1");
            g.writeStringField("kind", "ReplicaSet");
            g.writeStringField("name", wl.deployment + "-" + wl.rsHash.substring(0, 10));
            g.writeStringField("uid", wl.rsUid);
            g.writeBooleanField("controller", true);
            g.writeBooleanField("blockOwnerDeletion", true);
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("spec");
        boolean irsa = response && wl.credential == Credential.IRSA;
        boolean pid = response && wl.credential == Credential.POD_IDENTITY;
        if (response) {
            g.writeArrayFieldStart("volumes");
            if (irsa || pid) {
                g.writeStartObject();
                g.writeStringField("name", irsa ? "aws-iam-token" : "eks-pod-identity-token");
                g.writeObjectFieldStart("projected");
                g.writeArrayFieldStart("sources");
                g.writeStartObject();
                g.writeObjectFieldStart("serviceAccountToken");
                g.writeStringField("audience", irsa ? "sts.amazonaws.com" : "pods.eks.amazonaws.com");
                g.writeNumberField("expirationSeconds", 86400);
                g.writeStringField("path", irsa ? "token" : "eks-pod-identity-token");
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeNumberField("defaultMode", 420);
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeStartObject();
            g.writeStringField("name", "kube-api-access-" + p.uid.substring(0, 5));
            g.writeObjectFieldStart("projected");
            g.writeArrayFieldStart("sources");
            g.writeStartObject();
            g.writeObjectFieldStart("serviceAccountToken");
            g.writeNumberField("expirationSeconds", 3607);
            g.writeStringField("path", "token");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeArrayFieldStart("containers");
        g.writeStartObject();
        g.writeStringField("name", wl.deployment);
        g.writeStringField(
                "image",
                wl.cluster.account.id + ".dkr.ecr." + wl.cluster.region + ".amazonaws.com/" + wl.deployment + ":1.4."
                        + (wl.rsHash.charAt(0) % 10));
        if (irsa || pid) {
            g.writeArrayFieldStart("env");
            if (irsa) {
                env(g, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
                env(g, "AWS_DEFAULT_REGION", wl.cluster.region);
                env(g, "AWS_REGION", wl.cluster.region);
                env(g, "AWS_ROLE_ARN", wl.role.arn());
                env(g, "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token");
            } else {
                env(g, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
                env(g, "AWS_DEFAULT_REGION", wl.cluster.region);
                env(g, "AWS_REGION", wl.cluster.region);
                env(g, "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials");
                env(
                        g,
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                        "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token");
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("resources");
        g.writeEndObject();
        g.writeStringField("terminationMessagePath", "/dev/termination-log");
        g.writeStringField("imagePullPolicy", "IfNotPresent");
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("restartPolicy", rs ? "Always" : "Never");
        g.writeStringField("dnsPolicy", "ClusterFirst");
        if (response || !wl.serviceAccount.equals("default")) {
            g.writeStringField("serviceAccountName", wl.serviceAccount);
        }
        if (response) {
            g.writeStringField("serviceAccount", wl.serviceAccount);
        }
        g.writeStringField("schedulerName", "default-scheduler");
        g.writeEndObject();
        g.writeObjectFieldStart("status");
        if (response) {
            g.writeStringField("phase", "Pending");
            g.writeStringField("qosClass", "BestEffort");
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void env(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private void podBinding(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        Rec.Body req = g -> {
            g.writeStartObject();
            g.writeStringField("kind", "Binding");
            g.writeStringField("apiVersion", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", p.name);
            g.writeStringField("namespace", ns);
            g.writeStringField("uid", p.uid);
            g.writeNullField("creationTimestamp");
            g.writeEndObject();
            g.writeObjectFieldStart("target");
            g.writeStringField("kind", "Node");
            g.writeStringField("name", p.node.name);
            g.writeEndObject();
            g.writeEndObject();
        };
        Rec.Body resp = g -> {
            g.writeStartObject();
            g.writeStringField("kind", "Status");
            g.writeStringField("apiVersion", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
            g.writeStringField("status", "Success");
            g.writeNumberField("code", 201);
            g.writeEndObject();
        };
        audit(
                wl.cluster,
                us,
                "RequestResponse",
                "create",
                "/api/v1/namespaces/" + ns + "/pods/" + p.name + "/binding",
                g -> simpleUser(g, "system:kube-scheduler", "system:authenticated"),
                "172.16.10.11",
                SCHED_UA,
                "pods",
                ns,
                p.name,
                "",
                "binding",
                201,
                req,
                resp,
                "allow",
                "RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\" to "
                        + "User \"system:kube-scheduler\"",
                null);
    }

    private void tokenRequest(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        audit(
                wl.cluster,
                us,
                "Metadata",
                "create",
                "/api/v1/namespaces/" + ns + "/serviceaccounts/" + wl.serviceAccount + "/token",
                g -> kubelet(g, p.node, us / 1000),
                p.node.ip,
                KUBELET_UA,
                "serviceaccounts",
                ns,
                wl.serviceAccount,
                "",
                "token",
                201,
                null,
                null,
                "allow",
                "",
                new String[] {"authentication.kubernetes.io/issued-credential-id", "JTI=" + Ids.uuid(r)});
    }

    private void podStatus(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        Rec.Body req = g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("metadata");
            g.writeStringField("uid", p.uid);
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeStringField("hostIP", p.node.ip);
            g.writeStringField("phase", "Running");
            g.writeStringField("podIP", p.ip);
            g.writeArrayFieldStart("podIPs");
            g.writeStartObject();
            g.writeStringField("ip", p.ip);
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("startTime", Times.isoSeconds(p.start));
            g.writeEndObject();
            g.writeEndObject();
        };
        audit(
                wl.cluster,
                us,
                "Request",
                "patch",
                "/api/v1/namespaces/" + ns + "/pods/" + p.name + "/status",
                g -> kubelet(g, p.node, us / 1000),
                p.node.ip,
                KUBELET_UA,
                "pods",
                ns,
                p.name,
                "",
                "status",
                200,
                req,
                null,
                "allow",
                "",
                null);
    }

    private void podDelete(Pod p, long us) throws IOException {
        Workload wl = p.workload;
        String ns = wl.namespace;
        boolean rs = wl.replicas > 0;
        Rec.Body resp = g -> {
            g.writeStartObject();
            g.writeStringField("kind", "Pod");
            g.writeStringField("apiVersion", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", p.name);
            g.writeStringField("namespace", ns);
            g.writeStringField("uid", p.uid);
            g.writeStringField("deletionTimestamp", Times.isoSeconds(us / 1000 + 30 * Times.SECOND));
            g.writeNumberField("deletionGracePeriodSeconds", 30);
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeStringField("nodeName", p.node.name);
            g.writeStringField("serviceAccountName", wl.serviceAccount);
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeStringField("phase", rs ? "Running" : "Succeeded");
            g.writeStringField("podIP", p.ip);
            g.writeEndObject();
            g.writeEndObject();
        };
        AuditUser user = rs
                ? g -> controllerUser(g, "replicaset-controller", RS_UID)
                : g -> controllerUser(g, "pod-garbage-collector", "9b1c2f0e-4d3a-4e8b-8f6a-2c7d1e0b5a93");
        audit(
                wl.cluster,
                us,
                "RequestResponse",
                "delete",
                "/api/v1/namespaces/" + ns + "/pods/" + p.name,
                user,
                "172.16.10.12",
                KCM_UA,
                "pods",
                ns,
                p.name,
                "",
                null,
                200,
                null,
                resp,
                "allow",
                "RBAC: allowed by ClusterRoleBinding \"system:controller:replicaset-controller\" of ClusterRole "
                        + "\"system:controller:replicaset-controller\" to ServiceAccount \"replicaset-controller/kube-system\"",
                null);
    }

    private void nodeObject(Node node, boolean create, long t) throws IOException {
        Cluster c = node.group.cluster;
        long us = t * 1000 + r.nextInt(1000);
        Rec.Body obj = g -> {
            g.writeStartObject();
            g.writeStringField("kind", "Node");
            g.writeStringField("apiVersion", "v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", node.name);
            g.writeStringField("uid", node.uid);
            g.writeObjectFieldStart("labels");
            g.writeStringField("eks.amazonaws.com/nodegroup", node.group.name);
            g.writeStringField("kubernetes.io/hostname", node.name);
            g.writeStringField("topology.kubernetes.io/zone", node.az);
            g.writeStringField("node.kubernetes.io/instance-type", "m6i.large");
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeStringField("providerID", "aws:///" + node.az + "/" + node.instanceId);
            g.writeEndObject();
            g.writeObjectFieldStart("status");
            g.writeArrayFieldStart("addresses");
            g.writeStartObject();
            g.writeStringField("type", "InternalIP");
            g.writeStringField("address", node.ip);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        };
        if (create) {
            audit(
                    c,
                    us,
                    "RequestResponse",
                    "create",
                    "/api/v1/nodes",
                    g -> kubelet(g, node, t),
                    node.ip,
                    KUBELET_UA,
                    "nodes",
                    null,
                    null,
                    "",
                    null,
                    201,
                    obj,
                    obj,
                    "allow",
                    "",
                    null);
        } else {
            Rec.Body patch = g -> {
                g.writeStartObject();
                g.writeObjectFieldStart("metadata");
                g.writeObjectFieldStart("labels");
                g.writeStringField("topology.kubernetes.io/zone", node.az);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            };
            audit(
                    c,
                    us,
                    "RequestResponse",
                    "patch",
                    "/api/v1/nodes/" + node.name,
                    g -> kubelet(g, node, t),
                    node.ip,
                    KUBELET_UA,
                    "nodes",
                    null,
                    node.name,
                    "",
                    null,
                    200,
                    patch,
                    obj,
                    "allow",
                    "",
                    null);
        }
    }

    private void nodePatch(Node node) throws IOException {
        nodeObject(node, false, actionTime);
        schedule(actionTime + Times.HOUR, () -> nodePatch(node));
    }

    private void lease(Node node) throws IOException {
        long t = actionTime;
        Cluster c = node.group.cluster;
        long us = t * 1000 + r.nextInt(1000);
        Rec.Body obj = g -> {
            g.writeStartObject();
            g.writeStringField("kind", "Lease");
            g.writeStringField("apiVersion", "coordination.k8s.io/v1");
            g.writeObjectFieldStart("metadata");
            g.writeStringField("name", node.name);
            g.writeStringField("namespace", "kube-node-lease");
            g.writeEndObject();
            g.writeObjectFieldStart("spec");
            g.writeStringField("holderIdentity", node.name);
            g.writeNumberField("leaseDurationSeconds", 40);
            g.writeStringField("renewTime", Times.isoMicros(us));
            g.writeEndObject();
            g.writeEndObject();
        };
        audit(
                c,
                us,
                "RequestResponse",
                "update",
                "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + node.name + "?timeout=10s",
                g -> kubelet(g, node, t),
                node.ip,
                KUBELET_UA,
                "leases",
                "kube-node-lease",
                node.name,
                "coordination.k8s.io",
                null,
                200,
                obj,
                obj,
                "allow",
                "",
                null);
        schedule(t + 60 * Times.SECOND, () -> lease(node));
    }

    private static final String[][] NOISE = {
        {
            "get",
            "/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication",
            "configmaps",
            "kube-system",
            "extension-apiserver-authentication",
            "system:kube-controller-manager"
        },
        {"list", "/api/v1/nodes?limit=500&resourceVersion=0", "nodes", null, null, "system:kube-scheduler"},
        {
            "watch",
            "/api/v1/namespaces/kube-system/endpoints?allowWatchBookmarks=true&watch=true",
            "endpoints",
            "kube-system",
            null,
            "system:serviceaccount:kube-system:endpoint-controller"
        },
        {
            "get",
            "/api/v1/namespaces/kube-system/configmaps/aws-auth",
            "configmaps",
            "kube-system",
            "aws-auth",
            "system:serviceaccount:kube-system:aws-node"
        }
    };

    private void controllerNoise(Cluster c) throws IOException {
        long t = actionTime;
        String[] n = NOISE[r.nextInt(NOISE.length)];
        long us = t * 1000 + r.nextInt(1000);
        String level = n[2].equals("configmaps") ? "Metadata" : "Request";
        audit(
                c,
                us,
                level,
                n[0],
                n[1],
                g -> simpleUser(g, n[5], "system:authenticated"),
                "172.16.10.12",
                "kube-controller-manager/v1.30.4 (linux/amd64) kubernetes/a737599/leader-election",
                n[2],
                n[3],
                n[4],
                "",
                null,
                200,
                null,
                null,
                "allow",
                "RBAC: allowed by ClusterRoleBinding",
                null);
        schedule(t + r.nextLong(Times.MINUTE, 3 * Times.MINUTE), () -> controllerNoise(c));
    }
}
