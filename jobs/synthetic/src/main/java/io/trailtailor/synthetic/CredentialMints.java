package io.trailtailor.synthetic;

import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Holder;
import io.trailtailor.synthetic.Model.Node;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import io.trailtailor.synthetic.Model.Workload;
import java.io.IOException;

/**
 * How pods and nodes get their AWS credentials, and when they refresh them: IRSA (web identity, hourly) with an
 * optional role chain, EKS Pod Identity (eks-auth, then EKS's own sts:AssumeRole, every 5-6 hours) and the node's
 * instance profile (EC2's sts:AssumeRole, hourly). A pod or node running before the window starts with a session
 * whose issuing event is not in the log.
 */
final class CredentialMints {
    private final Sim sim;
    private final StsRecords sts;
    private final CallMix calls;
    private final PodAuditEvents podAudit;

    CredentialMints(Sim sim, StsRecords sts, CallMix calls, PodAuditEvents podAudit) {
        this.sim = sim;
        this.sts = sts;
        this.calls = calls;
        this.podAudit = podAudit;
    }

    // ---- IRSA and role chains

    /** Gives an IRSA pod its credentials; returns when its calls can start. */
    long startIrsa(Pod p, boolean inWindow) throws IOException {
        Workload wl = p.workload;
        long start = sim.scheduler.start();
        if (inWindow) {
            long m = p.start + sim.r.nextLong(3 * Times.SECOND, 9 * Times.SECOND);
            sim.scheduler.schedule(m, () -> irsaMint(p, false));
            return m + Times.SECOND;
        }
        Session s = irsaSession(p, start - sim.r.nextLong(Times.MINUTE, 50 * Times.MINUTE));
        s.issuingEventWritten = false;
        p.sessions.push(s);
        sim.truth.session(s);
        sim.scheduler.schedule(
                s.issuedAt + Times.HOUR + sim.r.nextLong(-3 * Times.MINUTE, 3 * Times.MINUTE), () -> irsaMint(p, true));
        if (wl.chainRole != null) {
            Session c = chainSession(p, s, s.issuedAt + 2 * Times.SECOND);
            c.issuingEventWritten = false;
            p.chained = new Holder();
            p.chained.push(c);
            sim.truth.session(c);
            calls.add(Caller.chained(p, start));
        }
        return start;
    }

    private Session irsaSession(Pod p, long t) {
        Workload wl = p.workload;
        Session s = podSession(p, Mechanism.IRSA, wl.role, t);
        s.sessionName = switch (wl.sdk) {
            case "go" -> Long.toString(t * 1_000_000L + sim.r.nextInt(1_000_000));
            case "java" -> "aws-sdk-java-" + t;
            default -> "botocore-session-" + (t / 1000);
        };
        s.federatedProvider = wl.cluster.oidcProviderArn();
        return s;
    }

    /** The SDK exchanges the projected token (refreshed by the kubelet first) for role credentials. */
    private void irsaMint(Pod p, boolean refresh) throws IOException {
        long t = sim.scheduler.now();
        if (p.end <= t) {
            return;
        }
        Workload wl = p.workload;
        if (refresh) {
            podAudit.tokenRequest(p, (t - 1500) * 1000 + sim.r.nextInt(1000));
        }
        Session s = irsaSession(p, t);
        Cluster c = wl.cluster;
        StsRecords.Builder mint = sts.mint("AssumeRoleWithWebIdentity", s, t)
                .in(wl.stsRegion)
                .from(wl.podIpVisible ? p.ip : c.account.natIp, Caller.sdkUserAgent(wl.sdk))
                .tlsHost(
                        wl.stsRegion.equals("us-east-1") && !wl.stsRegion.equals(c.region)
                                ? "sts.amazonaws.com"
                                : "sts." + wl.stsRegion + ".amazonaws.com")
                .byWebIdentity(Mechanism.IRSA, c.oidcProviderArn(), Caller.serviceAccount(p))
                .lifetime(Times.HOUR)
                .forPod(p);
        if (!wl.sdk.equals("go")) {
            mint.durationSeconds(3600); // the Go SDK leaves the default
        }
        mint.emit();
        p.sessions.push(s);
        sim.truth.session(s);
        sim.scheduler.schedule(
                t + Times.HOUR + sim.r.nextLong(-3 * Times.MINUTE, 3 * Times.MINUTE), () -> irsaMint(p, true));
        if (wl.chainRole != null) {
            long ct2 = t + sim.r.nextLong(Times.SECOND, 4 * Times.SECOND);
            sim.scheduler.schedule(ct2, () -> chainMint(p, s));
        }
    }

    private Session chainSession(Pod p, Session parent, long t) {
        Session s = podSession(p, Mechanism.ROLE_CHAIN, p.workload.chainRole, t);
        s.sessionName = "etl-" + p.name.substring(p.name.length() - 5) + "-" + (t / 1000);
        s.parentAccessKeyId = parent.accessKeyId;
        return s;
    }

    /** The pod's IRSA session assumes the chain role; the first chained session starts the chain's caller. */
    private void chainMint(Pod p, Session parent) throws IOException {
        long t = sim.scheduler.now();
        if (p.end <= t) {
            return;
        }
        Workload wl = p.workload;
        Session s = chainSession(p, parent, t);
        sts.mint("AssumeRole", s, t)
                .in(wl.stsRegion)
                .from(wl.cluster.account.natIp, Caller.sdkUserAgent(wl.sdk))
                .tlsHost("sts." + wl.stsRegion + ".amazonaws.com")
                .bySession(parent, Mechanism.IRSA, Caller.serviceAccount(p))
                .durationSeconds(3600)
                .lifetime(Times.HOUR)
                .forPod(p)
                .emit();
        boolean first = p.chained == null;
        if (first) {
            p.chained = new Holder();
        }
        p.chained.push(s);
        sim.truth.session(s);
        if (first) {
            calls.add(Caller.chained(p, t + Times.SECOND));
        }
    }

    // ---- EKS Pod Identity

    /** Gives a Pod Identity pod its credentials; returns when its calls can start. */
    long startPodIdentity(Pod p, boolean inWindow) throws IOException {
        long start = sim.scheduler.start();
        if (inWindow) {
            long m = p.start + sim.r.nextLong(3 * Times.SECOND, 9 * Times.SECOND);
            sim.scheduler.schedule(m, () -> podIdentityMint(p));
            return m + Times.SECOND;
        }
        Session s = podIdentitySession(p, start - sim.r.nextLong(Times.MINUTE, 4 * Times.HOUR));
        s.issuingEventWritten = false;
        p.sessions.push(s);
        sim.truth.session(s);
        sim.scheduler.schedule(s.issuedAt + 5 * Times.HOUR + sim.r.nextLong(Times.HOUR), () -> podIdentityMint(p));
        return start;
    }

    private Session podIdentitySession(Pod p, long t) {
        Workload wl = p.workload;
        Session s = podSession(p, Mechanism.POD_IDENTITY, wl.role, t);
        String cl = wl.cluster.name.length() > 10 ? wl.cluster.name.substring(0, 10) : wl.cluster.name;
        String name = "eks-" + cl + "-" + p.name + "-" + Ids.uuid(sim.r);
        s.sessionName = name.length() > 64 ? name.substring(0, 64) : name;
        return s;
    }

    /** The agent's eks-auth call (node session, no response) and EKS's own sts:AssumeRole with the pod's tags. */
    private void podIdentityMint(Pod p) throws IOException {
        long t = sim.scheduler.now();
        if (p.end <= t) {
            return;
        }
        Workload wl = p.workload;
        Cluster c = wl.cluster;
        Session node = p.node.sessions.at(t);
        sts.request("eks-auth", "AssumeRoleForPodIdentity", t, c.account)
                .version("1.09")
                .in(c.region)
                .from(
                        c.account.natIp,
                        "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/eksauth#1.7.2")
                .tlsHost("eks-auth." + c.region + ".api.aws")
                .bySession(node, Mechanism.INSTANCE_PROFILE, p.node.instanceId)
                .request(g -> {
                    g.writeStartObject();
                    g.writeStringField("clusterName", c.name);
                    g.writeStringField("token", Ops.HIDDEN);
                    g.writeEndObject();
                })
                .resource("AWS::EKS::Cluster", c.arn())
                .forNode(p.node)
                .emit();

        Session s = podIdentitySession(p, t);
        StsRecords.Builder mint = sts.mint("AssumeRole", s, t)
                .in(c.region)
                .byService("pods.eks.amazonaws.com")
                .durationSeconds(21600)
                .lifetime(6 * Times.HOUR)
                .forPod(p);
        if (wl.sessionTags) {
            mint.sessionTags(new String[][] {
                        {"eks-cluster-arn", c.arn()},
                        {"eks-cluster-name", c.name},
                        {"kubernetes-namespace", wl.namespace},
                        {"kubernetes-service-account", wl.serviceAccount},
                        {"kubernetes-pod-name", p.name},
                        {"kubernetes-pod-uid", p.uid}
                    })
                    .packedPolicySize(56);
        }
        mint.emit();
        p.sessions.push(s);
        sim.truth.session(s);
        sim.scheduler.schedule(t + 5 * Times.HOUR + sim.r.nextLong(Times.HOUR), () -> podIdentityMint(p));
    }

    // ---- node instance profiles

    /** The node's session from before the window, and its hourly refresh. */
    void startInstanceProfile(Node node) throws IOException {
        Session s = nodeSession(node, sim.scheduler.start() - sim.r.nextLong(Times.MINUTE, 55 * Times.MINUTE));
        s.issuingEventWritten = false;
        node.sessions.push(s);
        sim.truth.session(s);
        sim.scheduler.schedule(
                s.issuedAt + Times.HOUR + sim.r.nextLong(-2 * Times.MINUTE, 2 * Times.MINUTE),
                () -> refreshInstanceProfile(node));
    }

    /** EC2 assumes the node role now, and again in about an hour. */
    void refreshInstanceProfile(Node node) throws IOException {
        long t = sim.scheduler.now();
        Session s = nodeSession(node, t);
        sts.mint("AssumeRole", s, t)
                .version("1.05")
                .in(node.group.cluster.region)
                .byService("ec2.amazonaws.com")
                .lifetime(6 * Times.HOUR)
                .withoutAssumedRoleUser()
                .forNode(node)
                .emit();
        node.sessions.push(s);
        sim.truth.session(s);
        sim.scheduler.schedule(
                t + Times.HOUR + sim.r.nextLong(-2 * Times.MINUTE, 2 * Times.MINUTE),
                () -> refreshInstanceProfile(node));
    }

    private Session nodeSession(Node node, long t) {
        Session s = new Session();
        s.accessKeyId = Ids.awsId(sim.r, "ASIA");
        s.mechanism = Mechanism.INSTANCE_PROFILE;
        s.role = node.group.role;
        s.sessionName = node.instanceId;
        s.cluster = node.group.cluster;
        s.node = node;
        s.issuedAt = t;
        return s;
    }

    /** A session of pod {@code p}, its key drawn; the caller names it. */
    private Session podSession(Pod p, Mechanism mechanism, Model.Role role, long t) {
        Workload wl = p.workload;
        Session s = new Session();
        s.accessKeyId = Ids.awsId(sim.r, "ASIA");
        s.mechanism = mechanism;
        s.role = role;
        s.cluster = wl.cluster;
        s.namespace = wl.namespace;
        s.serviceAccount = wl.serviceAccount;
        s.pod = p;
        s.node = p.node;
        s.issuedAt = t;
        return s;
    }
}
