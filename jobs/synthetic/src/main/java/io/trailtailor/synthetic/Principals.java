package io.trailtailor.synthetic;

import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Holder;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.OpKind;
import io.trailtailor.synthetic.Model.Role;
import io.trailtailor.synthetic.Model.Session;
import io.trailtailor.synthetic.Model.Workload;
import java.io.IOException;

/**
 * The callers that are not pods or nodes: a SAML admin (console role every 8 hours, kubectl on cluster 1), an IAM
 * user with a long-term key, the root user, GitHub Actions runs (web identity), and AWS services assuming their
 * execution roles.
 */
final class Principals {
    private static final String BROWSER_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
    private static final String ADMIN_IP = "198.51.100.23";

    private final Sim sim;
    private final StsRecords sts;
    private final CallMix calls;
    private final AuditWriter audit;
    private final Holder samlHolder = new Holder();

    Principals(Sim sim, StsRecords sts, CallMix calls, AuditWriter audit) {
        this.sim = sim;
        this.sts = sts;
        this.calls = calls;
        this.audit = audit;
    }

    /** Every principal's sessions at the window start, and their first scheduled actions. */
    void start() throws IOException {
        long start = sim.scheduler.start();
        // SAML admin: the first session predates the window
        Session saml = samlSession(start - sim.r.nextLong(5 * Times.MINUTE, 40 * Times.MINUTE));
        saml.issuingEventWritten = false;
        samlHolder.push(saml);
        sim.truth.session(saml);
        sim.scheduler.schedule(saml.issuedAt + 8 * Times.HOUR, this::samlMint);
        Caller k = new Caller();
        k.label = Mechanism.SAML;
        k.holder = samlHolder;
        k.ops = sim.w.samlOps;
        k.weight = 1;
        k.from = start;
        k.userAgent = "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/macos#23.6.0 md/arch#arm64 lang/python#3.11.9";
        k.sourceIp = "198.51.100." + (10 + sim.r.nextInt(200));
        k.rootPrincipal = sim.w.samlUser;
        calls.add(k);
        // the cluster's OIDC issuer surfaces in a DescribeCluster response early on
        sim.scheduler.schedule(start + 60 * Times.SECOND + sim.r.nextLong(60 * Times.SECOND), () -> {
            Caller c = new Caller();
            c.label = Mechanism.SAML;
            c.holder = samlHolder;
            c.userAgent = k.userAgent;
            c.sourceIp = k.sourceIp;
            c.rootPrincipal = sim.w.samlUser;
            for (Op op : sim.w.samlOps) {
                if (op.kind == OpKind.EKS_DESCRIBE_CLUSTER) {
                    calls.call(c, op, sim.scheduler.now());
                }
            }
        });
        sim.scheduler.schedule(start + sim.r.nextLong(10 * Times.MINUTE, 40 * Times.MINUTE), this::samlKubectl);

        Session user = new Session();
        user.accessKeyId = sim.w.userKey;
        user.mechanism = Mechanism.IAM_USER;
        user.userArn = "arn:aws:iam::" + sim.w.userAccount.id + ":user/" + sim.w.userName;
        user.userName = sim.w.userName;
        user.principalId = sim.w.userId;
        user.identityType = "IAMUser";
        longTermKey(
                user,
                sim.w.userOps,
                0.8,
                "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#5.15.0 md/arch#x86_64 lang/python#3.11.9",
                "203.0.113.");

        Session root = new Session();
        root.accessKeyId = sim.w.rootKey;
        root.mechanism = Mechanism.ROOT;
        root.userArn = "arn:aws:iam::" + sim.w.rootAccount.id + ":root";
        root.principalId = sim.w.rootAccount.id;
        root.identityType = "Root";
        longTermKey(root, sim.w.rootOps, 0.02, "AWS Internal", "192.0.2.");

        sim.scheduler.schedule(start + sim.r.nextLong(20 * Times.MINUTE, 2 * Times.HOUR), this::githubRun);
        for (Role sr : sim.w.serviceRoles) {
            sim.scheduler.schedule(start + sim.r.nextLong(30 * Times.MINUTE), () -> serviceAssume(sr));
        }
    }

    /** An IAM user or root calling with its access key all window long, from a fixed address in {@code net}. */
    private void longTermKey(Session s, java.util.List<Op> ops, double weight, String userAgent, String net)
            throws IOException {
        s.issuedAt = sim.scheduler.start();
        s.issuingEventWritten = false;
        sim.truth.session(s);
        Holder h = new Holder();
        h.push(s);
        Caller k = new Caller();
        k.label = s.mechanism;
        k.holder = h;
        k.ops = ops;
        k.weight = weight;
        k.from = sim.scheduler.start();
        k.userAgent = userAgent;
        k.sourceIp = net + (10 + sim.r.nextInt(200));
        k.rootPrincipal = s.userArn;
        calls.add(k);
    }

    private Session samlSession(long t) {
        Session s = new Session();
        s.accessKeyId = Ids.awsId(sim.r, "ASIA");
        s.mechanism = Mechanism.SAML;
        s.role = sim.w.samlRole;
        s.sessionName = sim.w.samlUser;
        s.issuedAt = t;
        return s;
    }

    /** The admin signs in through Okta again: AssumeRoleWithSAML for an 8-hour session. */
    private void samlMint() throws IOException {
        long t = sim.scheduler.now();
        Session s = samlSession(t);
        Role role = sim.w.samlRole;
        String idp = "arn:aws:iam::" + role.account.id + ":saml-provider/Okta";
        sts.mint("AssumeRoleWithSAML", s, t)
                .in("us-east-1")
                .from(ADMIN_IP, BROWSER_UA)
                .bySaml(idp, "K8pZ0s4iJtT0Jx2a9vQ3mvGXFh0=:" + sim.w.samlUser, sim.w.samlUser)
                .durationSeconds(28800)
                .lifetime(8 * Times.HOUR)
                .packedPolicySize(1)
                .responseTail(g -> {
                    g.writeStringField("subject", sim.w.samlUser);
                    g.writeStringField("subjectType", "persistent");
                    g.writeStringField("issuer", "http://www.okta.com/exk1a2b3c4d5e6f7g8h9");
                    g.writeStringField("audience", "https://signin.aws.amazon.com/saml");
                    g.writeStringField("nameQualifier", "K8pZ0s4iJtT0Jx2a9vQ3mvGXFh0=");
                })
                .emit();
        samlHolder.push(s);
        sim.truth.session(s);
        sim.scheduler.schedule(t + 8 * Times.HOUR, this::samlMint);
    }

    /** The SAML admin uses kubectl on cluster 1: lists pods, now and then creates a deployment. */
    private void samlKubectl() throws IOException {
        long t = sim.scheduler.now();
        Cluster c = sim.w.clusters.get(0);
        Session s = samlHolder.at(t);
        long us = t * 1000 + sim.r.nextInt(1000);
        Workload target = c.workloads.get(sim.r.nextInt(c.workloads.size()));
        String ns = target.namespace;
        String ua = "kubectl/v1.30.4 (darwin/arm64) kubernetes/a51b3b7";
        String reason = AuditUsers.eksAccessPolicy("AmazonEKSClusterAdminPolicy");
        audit.event(c, us, "Request", "list", "/api/v1/namespaces/" + ns + "/pods?limit=500")
                .by(g -> AuditUsers.iam(g, s), ADMIN_IP, ua)
                .on("pods", ns, null)
                .code(200)
                .reason(reason)
                .write();
        if (sim.r.nextInt(3) == 0) {
            String name = "debug-" + Ids.lowerAlnum(sim.r, 5);
            Rec.Body deploy = g -> {
                AuditWriter.startObject(g, "Deployment", "apps/v1");
                g.writeObjectFieldStart("metadata");
                g.writeStringField("name", name);
                g.writeStringField("namespace", ns);
                g.writeEndObject();
                g.writeObjectFieldStart("spec");
                g.writeNumberField("replicas", 0);
                g.writeEndObject();
                g.writeEndObject();
            };
            audit.event(
                            c,
                            us + 2_000_000,
                            "RequestResponse",
                            "create",
                            "/apis/apps/v1/namespaces/" + ns + "/deployments")
                    .by(g -> AuditUsers.iam(g, s), ADMIN_IP, ua)
                    .on("deployments", ns, null)
                    .apiGroup("apps")
                    .code(201)
                    .objects(deploy, deploy)
                    .reason(reason)
                    .write();
        }
        sim.scheduler.schedule(t + sim.r.nextLong(20 * Times.MINUTE, 70 * Times.MINUTE), this::samlKubectl);
    }

    /** A GitHub Actions run: a web-identity session, 5-15 minutes of deploy calls, the next run in 1-3 hours. */
    private void githubRun() throws IOException {
        long t = sim.scheduler.now();
        Role role = sim.w.githubRole;
        String sub = "repo:example-org/checkout:ref:refs/heads/main";
        String provider = "arn:aws:iam::" + role.account.id + ":oidc-provider/token.actions.githubusercontent.com";
        Session s = new Session();
        s.accessKeyId = Ids.awsId(sim.r, "ASIA");
        s.mechanism = Mechanism.WEB_IDENTITY;
        s.role = role;
        s.sessionName = "GitHubActions";
        s.issuedAt = t;
        s.federatedProvider = provider;
        String ip = "20.29.134." + (1 + sim.r.nextInt(250));
        String ua = "aws-sdk-nodejs/2.1692.0 linux/v20.17.0 configure-aws-credentials-for-github-actions promise";
        sts.mint("AssumeRoleWithWebIdentity", s, t)
                .version("1.11")
                .in("us-east-1")
                .from(ip, ua)
                .tlsHost("sts.us-east-1.amazonaws.com")
                .byWebIdentity(Mechanism.WEB_IDENTITY, provider, sub)
                .durationSeconds(3600)
                .lifetime(Times.HOUR)
                .withoutResources()
                .emit();
        sim.truth.session(s);
        Holder h = new Holder();
        h.push(s);
        Caller k = new Caller();
        k.label = Mechanism.WEB_IDENTITY;
        k.holder = h;
        k.ops = sim.w.githubOps;
        k.weight = 2;
        k.from = t + 2 * Times.SECOND;
        k.to = t + sim.r.nextLong(5 * Times.MINUTE, 15 * Times.MINUTE);
        k.userAgent = ua;
        k.sourceIp = ip;
        k.rootPrincipal = sub;
        calls.add(k);
        sim.scheduler.schedule(t + sim.r.nextLong(Times.HOUR, 3 * Times.HOUR), this::githubRun);
    }

    /** An AWS service (Lambda, CloudFormation) assumes its execution role: AWS_SERVICE records without a key. */
    private void serviceAssume(Role role) throws IOException {
        long t = sim.scheduler.now();
        boolean lambda = role.name.contains("exec");
        String svc = lambda ? "lambda.amazonaws.com" : "cloudformation.amazonaws.com";
        Session s = new Session();
        s.accessKeyId = Ids.awsId(sim.r, "ASIA");
        s.mechanism = Mechanism.AWS_SERVICE;
        s.role = role;
        s.sessionName = lambda ? "price-calculator" : "AWSCloudFormation";
        s.issuedAt = t;
        sts.mint("AssumeRole", s, t)
                .in(sim.w.regions.get(0))
                .byService(svc)
                .lifetime(12 * Times.HOUR)
                .emit();
        sim.truth.session(s);
        sim.scheduler.schedule(
                t
                        + (lambda
                                ? sim.r.nextLong(20 * Times.MINUTE, 60 * Times.MINUTE)
                                : sim.r.nextLong(3 * Times.HOUR, 9 * Times.HOUR)),
                () -> serviceAssume(role));
    }
}
