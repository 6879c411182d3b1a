package io.trailtailor.synthetic;

import io.trailtailor.synthetic.Model.Account;
import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Credential;
import io.trailtailor.synthetic.Model.NodeGroup;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.OpKind;
import io.trailtailor.synthetic.Model.Workload;
import java.util.SplittableRandom;

/**
 * The parts of the world that {@link Shapes} add after a scenario is built: the batch workload sweeping many job-id
 * prefixes and the cluster whose OIDC issuer nobody names. Nothing here draws a random number unless its shape is on.
 */
final class WorldShapes {
    /** Job ids the batch workload reads, {@code input/<job-id>/}. */
    static final int JOBS = 160;
    /** Parquet parts under each job id. */
    static final int PARTS = 3;

    private WorldShapes() {}

    static void add(World w, Shapes shapes, SplittableRandom r) {
        if (shapes.batchPrefixes()) {
            batchReader(w.clusters.get(w.clusters.size() - 1), r);
        }
        if (shapes.unnamedIssuerCluster()) {
            unnamedCluster(w, r);
        }
    }

    /** The {@code i}-th job id, e.g. {@code job-00017}. */
    static String jobId(int i) {
        return "job-" + Integer.toString(100000 + i).substring(1);
    }

    /**
     * An IRSA batch reader that walks {@code input/<job-id>/part-NNNNN.parquet} job by job (and lists each job's
     * prefix), so that its usage spans {@link #JOBS} prefixes a least-privilege policy has to generalize.
     */
    private static void batchReader(Cluster c, SplittableRandom r) {
        Account a = c.account;
        Workload batch = World.wl(
                c,
                "batch",
                "prefix-reader",
                "prefix-reader",
                1,
                Credential.IRSA,
                World.role(a, "prefix-reader-irsa", r),
                true,
                c.region,
                "python",
                8,
                4,
                false,
                r);
        String bucket = "batch-input-" + a.id;
        batch.ops.add(new Op(OpKind.S3_GET_JOB_PART, a, c.region, bucket, "input/", PARTS, false, PARTS));
        batch.ops.add(new Op(OpKind.S3_LIST_JOB, a, c.region, bucket, "input/", 0, false, 1));
    }

    /**
     * A third cluster in the first account: IRSA pods, audit via export task, but no CreateCluster or DescribeCluster
     * in the trail and no {@code --cluster} option; its issuer is known only from the audit log.
     */
    private static void unnamedCluster(World w, SplittableRandom r) {
        Account a = w.accounts.get(0);
        String region = w.regions.get(0);
        Cluster c = new Cluster("stream-east", a, region, Ids.upperHex(r, 32), false, World.skew(r), "export");
        c.issuerUnnamed = true;
        w.clusters.add(c);
        c.nodeGroups.add(
                new NodeGroup(c, "stream", World.role(a, "stream-east-node-NodeInstanceRole-" + Ids.alnum(r, 12), r)));
        Workload sp = World.wl(
                c,
                "events",
                "stream-processor",
                "stream-processor",
                2,
                Credential.IRSA,
                World.role(a, "stream-processor-irsa", r),
                true,
                region,
                "java",
                8,
                2,
                false,
                r);
        sp.ops.add(new Op(OpKind.SQS_RECEIVE, a, region, "clickstream-events", null, 0, false, 3));
        sp.ops.add(new Op(OpKind.DDB_PUT, a, region, "sessions", null, 0, false, 2));
        sp.ops.add(new Op(OpKind.S3_PUT, a, region, "clickstream-archive-" + a.id, "hourly/", 24, false, 1));
    }
}
