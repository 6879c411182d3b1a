package io.trailtailor.synthetic;

import io.trailtailor.synthetic.Model.Account;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Credential;
import io.trailtailor.synthetic.Model.NodeGroup;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.OpKind;
import io.trailtailor.synthetic.Model.Role;
import io.trailtailor.synthetic.Model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The two scenarios. {@code eks-mixed}: 2 accounts (one in an organization trail), 2 regions, 2 clusters (audit via
 * export task and via Firehose), every credential mechanism. {@code tiny}: the same mechanisms in 1 account, 1
 * region, 1 cluster.
 */
final class World {
    static final List<String> SCENARIOS = List.of("eks-mixed", "tiny");

    final List<Account> accounts = new ArrayList<>();
    final List<String> regions = new ArrayList<>();
    final List<Cluster> clusters = new ArrayList<>();
    Role samlRole;
    String samlUser = "alice@example.com";
    final List<Op> samlOps = new ArrayList<>();
    Account userAccount;
    String userName = "deploy-bot";
    String userKey;
    String userId;
    final List<Op> userOps = new ArrayList<>();
    Role githubRole;
    final List<Op> githubOps = new ArrayList<>();
    final List<Role> serviceRoles = new ArrayList<>(); // assumed by lambda/cloudformation
    Account rootAccount;
    String rootKey;
    final List<Op> rootOps = new ArrayList<>();
    Workload ciWorkload; // Pod Identity CI in cluster 1 that creates pods in cluster 2
    Workload jobsWorkload; // the pods it creates (namespace "jobs" of cluster 2)

    static World build(String scenario, SplittableRandom rnd, Shapes shapes) {
        World w = switch (scenario) {
            case "eks-mixed" -> mixed(rnd, false);
            case "tiny" -> mixed(rnd, true);
            default ->
                throw new IllegalArgumentException(
                        "unknown scenario '" + scenario + "'; valid scenarios: " + String.join(", ", SCENARIOS));
        };
        // after the scenario, so that without shapes not one random draw differs
        WorldShapes.add(w, shapes, rnd);
        return w;
    }

    static Role role(Account a, String name, SplittableRandom r) {
        return new Role(a, name, Ids.awsId(r, "AROA"));
    }

    private static void op(
            List<Op> ops,
            OpKind k,
            Account a,
            String region,
            String res,
            String detail,
            int keys,
            boolean denied,
            double w) {
        ops.add(new Op(k, a, region, res, detail, keys, denied, w));
    }

    private static World mixed(SplittableRandom r, boolean tiny) {
        World w = new World();
        Account a1 = new Account(Ids.digits(r, 12), null, "3.91." + r.nextInt(256) + "." + r.nextInt(256));
        w.accounts.add(a1);
        String east = "us-east-1";
        String west = "us-west-2";
        w.regions.add(east);
        Account a2 = a1;
        if (!tiny) {
            a2 = new Account(
                    Ids.digits(r, 12), "o-" + Ids.lowerAlnum(r, 10), "44.230." + r.nextInt(256) + "." + r.nextInt(256));
            w.accounts.add(a2);
            w.regions.add(west);
        }
        String dataRegion = tiny ? east : west;

        Cluster c1 = new Cluster("prod-east", a1, east, Ids.upperHex(r, 32), true, skew(r), "export");
        w.clusters.add(c1);
        NodeGroup ng1 = new NodeGroup(
                c1, "general", role(a1, "prod-east-node-general-NodeInstanceRole-" + Ids.alnum(r, 12), r));
        c1.nodeGroups.add(ng1);
        if (!tiny) {
            c1.nodeGroups.add(
                    new NodeGroup(c1, "spot", role(a1, "prod-east-node-spot-NodeInstanceRole-" + Ids.alnum(r, 12), r)));
        }

        String a1s = a1.id;
        // payments: IRSA, python, pod IP visible through VPC endpoints, one denied action
        Workload pay = wl(
                c1,
                "payments",
                "payments-api",
                "payments-api",
                tiny ? 2 : 3,
                Credential.IRSA,
                role(a1, "payments-api-irsa", r),
                true,
                east,
                "python",
                10,
                3,
                true,
                r);
        op(pay.ops, OpKind.DDB_GET, a1, east, "payments", null, 0, false, 5);
        op(pay.ops, OpKind.DDB_PUT, a1, east, "payments", null, 0, false, 2);
        op(pay.ops, OpKind.DDB_QUERY, a1, east, "payments", "by-customer", 0, false, 2);
        op(pay.ops, OpKind.DDB_QUERY, a1, east, "payments", null, 0, false, 1);
        op(pay.ops, OpKind.KMS_DECRYPT, a1, east, Ids.uuid(r), null, 0, false, 1.5);
        op(pay.ops, OpKind.SECRET_GET, a1, east, "prod/payments/db-" + Ids.alnum(r, 6), null, 0, false, 0.5);
        op(pay.ops, OpKind.SQS_SEND, a1, east, "payments-events", null, 0, false, 2);
        op(pay.ops, OpKind.S3_PUT, a1, east, "prod-audit-archive-" + a1s, "payments/", 50, true, 0.3);
        // analytics: IRSA, go, STS in us-east-1 but the bucket (and so the calls) in the data region
        Workload rep = wl(
                c1,
                "analytics",
                "report-builder",
                "report-builder",
                2,
                Credential.IRSA,
                role(a1, "report-builder-irsa", r),
                true,
                east,
                "go",
                6,
                3,
                false,
                r);
        String lake = "data-lake-" + a1s;
        op(rep.ops, OpKind.S3_GET, a1, dataRegion, lake, "reports/2026/", 40, false, 6);
        op(rep.ops, OpKind.S3_HEAD, a1, dataRegion, lake, "reports/2026/", 40, false, 2);
        op(rep.ops, OpKind.S3_LIST_V2, a1, dataRegion, lake, "reports/2026/", 0, false, 1);
        op(rep.ops, OpKind.S3_LIST, a1, dataRegion, lake, "reports/", 0, false, 0.3);
        op(rep.ops, OpKind.S3_PUT, a1, dataRegion, lake, "results/", 8, false, 1);
        op(rep.ops, OpKind.STS_WHOAMI, a1, east, null, null, 0, false, 0.2);
        op(rep.ops, OpKind.DDB_GET, a1, east, "payments", null, 0, true, 0.25);
        // checkout: Pod Identity with session tags
        Workload co = wl(
                c1,
                "checkout",
                "checkout",
                "checkout",
                2,
                Credential.POD_IDENTITY,
                role(a1, "checkout-pod-role", r),
                true,
                east,
                "java",
                8,
                3,
                false,
                r);
        op(co.ops, OpKind.SQS_RECEIVE, a1, east, "checkout-orders", null, 0, false, 4);
        op(co.ops, OpKind.DDB_GET, a1, east, "carts", null, 0, false, 3);
        op(co.ops, OpKind.SSM_GET, a1, east, "/checkout/feature-flags", null, 0, false, 1);
        op(co.ops, OpKind.LAMBDA_INVOKE, a1, east, "price-calculator", null, 0, false, 1);
        op(co.ops, OpKind.LAMBDA_GET, a1, east, "price-calculator", null, 0, false, 0.2);
        op(co.ops, OpKind.SECRET_GET, a1, east, "prod/checkout/stripe-" + Ids.alnum(r, 6), null, 0, true, 0.2);
        // legacy-worker: Pod Identity association with session tags disabled
        Workload lw = wl(
                c1,
                "checkout",
                "legacy-worker",
                "legacy-worker",
                1,
                Credential.POD_IDENTITY,
                role(a1, "legacy-worker-role", r),
                false,
                east,
                "python",
                12,
                1.5,
                false,
                r);
        op(lw.ops, OpKind.S3_GET, a1, east, "legacy-exports-" + a1s, "daily/", 10, false, 3);
        op(lw.ops, OpKind.KMS_GENERATE, a1, east, Ids.uuid(r), null, 0, false, 1);
        // etl: IRSA that chains into a second role and calls with the chained key
        Workload etl = wl(
                c1,
                "etl",
                "etl-orchestrator",
                "etl-orchestrator",
                1,
                Credential.IRSA,
                role(a1, "etl-orchestrator-irsa", r),
                true,
                east,
                "python",
                12,
                1,
                false,
                r);
        op(etl.ops, OpKind.STS_WHOAMI, a1, east, null, null, 0, false, 1);
        etl.chainRole = role(a1, "data-writer", r);
        op(etl.chainOps, OpKind.S3_PUT, a1, dataRegion, lake, "curated/", 15, false, 3);
        op(etl.chainOps, OpKind.DDB_PUT, a1, east, "etl-runs", null, 0, false, 1);
        op(etl.chainOps, OpKind.KMS_GENERATE, a1, east, Ids.uuid(r), null, 0, false, 0.5);
        // frontend: no identity of its own, falls back to the node role
        Workload fe = wl(
                c1,
                "web",
                "default",
                "frontend",
                tiny ? 2 : 4,
                Credential.NONE,
                null,
                true,
                east,
                "python",
                5,
                2,
                false,
                r);
        op(fe.ops, OpKind.S3_GET, a1, east, "static-assets-" + a1s, "img/", 12, false, 4);
        op(fe.ops, OpKind.SSM_GET, a1, east, "/web/config", null, 0, false, 1);
        op(fe.ops, OpKind.STS_WHOAMI, a1, east, null, null, 0, false, 0.5);

        w.samlRole = role(a1, "PlatformAdmin", r);
        op(w.samlOps, OpKind.EKS_DESCRIBE_CLUSTER, a1, east, c1.name, null, 0, false, 1);
        op(w.samlOps, OpKind.EKS_LIST_CLUSTERS, a1, east, null, null, 0, false, 1);
        op(w.samlOps, OpKind.EC2_DESCRIBE_INSTANCES, a1, east, null, null, 0, false, 2);
        op(w.samlOps, OpKind.S3_LIST_BUCKETS, a1, east, null, null, 0, false, 1);
        op(w.samlOps, OpKind.EKS_CREATE_ADDON, a1, east, c1.name, "aws-ebs-csi-driver", 0, false, 0.05);

        w.userAccount = a1;
        w.userKey = Ids.awsId(r, "AKIA");
        w.userId = Ids.awsId(r, "AIDA");
        op(w.userOps, OpKind.S3_PUT, a1, east, "build-artifacts-" + a1s, "releases/", 20, false, 3);
        op(w.userOps, OpKind.LAMBDA_GET, a1, east, "price-calculator", null, 0, false, 1);
        op(w.userOps, OpKind.ECR_TOKEN, a1, east, null, null, 0, false, 1);

        w.githubRole = role(a2, "github-actions-release", r);
        op(w.githubOps, OpKind.ECR_TOKEN, a2, east, null, null, 0, false, 1);
        op(w.githubOps, OpKind.ECR_PUT_IMAGE, a2, east, "checkout", null, 0, false, 2);
        op(w.githubOps, OpKind.S3_PUT, a2, east, "release-notes-" + a2.id, "notes/", 5, false, 1);

        w.serviceRoles.add(role(a1, "price-calculator-exec", r));
        w.serviceRoles.add(role(a2, "cfn-stack-deployer", r));

        w.rootAccount = a2;
        w.rootKey = Ids.awsId(r, "ASIA");
        op(w.rootOps, OpKind.S3_LIST_BUCKETS, a2, east, null, null, 0, false, 1);

        if (!tiny) {
            Cluster c2 = new Cluster("batch-west", a2, west, Ids.upperHex(r, 32), false, skew(r), "firehose");
            w.clusters.add(c2);
            c2.nodeGroups.add(
                    new NodeGroup(c2, "batch", role(a2, "batch-west-node-NodeInstanceRole-" + Ids.alnum(r, 12), r)));
            // ingest: IRSA through the global STS endpoint, so the mint sits in us-east-1 files and the calls in
            // us-west-2
            Workload ing = wl(
                    c2,
                    "ingest",
                    "ingest-worker",
                    "ingest-worker",
                    2,
                    Credential.IRSA,
                    role(a2, "ingest-worker-irsa", r),
                    true,
                    east,
                    "java",
                    8,
                    3,
                    true,
                    r);
            op(ing.ops, OpKind.SQS_RECEIVE, a2, west, "ingest-queue", null, 0, false, 4);
            op(ing.ops, OpKind.S3_PUT, a2, west, "ingest-raw-" + a2.id, "raw/", 30, false, 3);
            op(ing.ops, OpKind.STS_WHOAMI, a2, west, null, null, 0, false, 0.3);
            op(ing.ops, OpKind.KMS_DECRYPT, a2, west, Ids.uuid(r), null, 0, true, 0.2);
            Workload tr = wl(
                    c2,
                    "ml",
                    "trainer",
                    "trainer",
                    1,
                    Credential.POD_IDENTITY,
                    role(a2, "ml-trainer-role", r),
                    true,
                    west,
                    "python",
                    10,
                    2,
                    false,
                    r);
            op(tr.ops, OpKind.S3_GET, a2, west, "ml-datasets-" + a2.id, "train/", 25, false, 4);
            op(tr.ops, OpKind.CW_PUT_METRIC, a2, west, "Trainer", null, 0, false, 1);
            // CI in cluster 1 (Pod Identity) manages cluster 2: AWS calls plus Kubernetes API calls on cluster 2
            Workload ci = wl(
                    c1,
                    "ci",
                    "ci-runner",
                    "ci-runner",
                    1,
                    Credential.POD_IDENTITY,
                    role(a1, "ci-deployer", r),
                    true,
                    east,
                    "go",
                    24,
                    1,
                    false,
                    r);
            ci.createsCrossClusterJobs = true;
            op(ci.ops, OpKind.EKS_DESCRIBE_CLUSTER, a1, east, c1.name, null, 0, false, 1);
            op(ci.ops, OpKind.EKS_CREATE_NODEGROUP, a1, east, c1.name, ng1.role.arn(), 0, false, 0.05);
            op(ci.ops, OpKind.ECR_BATCH_GET_IMAGE, a1, east, "ci-tools", null, 0, false, 1);
            op(ci.ops, OpKind.STS_WHOAMI, a1, east, null, null, 0, false, 0.3);
            w.ciWorkload = ci;
            Workload jobs = wl(
                    c2, "jobs", "default", "ci-job", 0, Credential.NONE, null, true, west, "python", 0.15, 1, false, r);
            op(jobs.ops, OpKind.S3_GET, a2, west, "ml-datasets-" + a2.id, "fixtures/", 6, false, 1);
            w.jobsWorkload = jobs;
        }
        return w;
    }

    static long skew(SplittableRandom r) {
        return r.nextLong(-2_500_000L, 2_500_001L);
    }

    static Workload wl(
            Cluster c,
            String ns,
            String sa,
            String deploy,
            int replicas,
            Credential cred,
            Role role,
            boolean tags,
            String stsRegion,
            String sdk,
            double lifeHours,
            double weight,
            boolean podIp,
            SplittableRandom r) {
        Workload w = new Workload(
                c,
                ns,
                sa,
                deploy,
                replicas,
                cred,
                role,
                tags,
                stsRegion,
                sdk,
                lifeHours,
                weight,
                podIp,
                Ids.lowerAlnum(r, 10),
                Ids.uuid(r));
        c.workloads.add(w);
        return w;
    }
}
