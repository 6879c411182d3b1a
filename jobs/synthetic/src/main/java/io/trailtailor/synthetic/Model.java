package io.trailtailor.synthetic;

import io.trailtailor.identity.Mechanism;
import java.util.ArrayList;
import java.util.List;

/** The simulated world: accounts, clusters, nodes, workloads, pods and credential sessions. */
final class Model {
    private Model() {}

    enum Credential {
        IRSA,
        POD_IDENTITY,
        NONE
    }

    static final class Account {
        final String id;
        final String orgId; // non-null: organization-trail layout AWSLogs/o-…/<acct>/
        final String natIp;

        Account(String id, String orgId, String natIp) {
            this.id = id;
            this.orgId = orgId;
            this.natIp = natIp;
        }
    }

    static final class Role {
        final Account account;
        final String name;
        final String roleId; // AROA…

        Role(Account account, String name, String roleId) {
            this.account = account;
            this.name = name;
            this.roleId = roleId;
        }

        String arn() {
            return "arn:aws:iam::" + account.id + ":role/" + name;
        }

        String sessionArn(String sessionName) {
            return "arn:aws:sts::" + account.id + ":assumed-role/" + name + "/" + sessionName;
        }
    }

    static final class Cluster {
        final String name;
        final Account account;
        final String region;
        final String issuerId;
        final boolean issuerFromEvent;
        final long skewMicros; // audit clock minus CloudTrail clock
        final String auditLayout; // "export" or "firehose"
        boolean issuerUnnamed; // in no EKS event and no --cluster option: only the audit log tells
        final List<NodeGroup> nodeGroups = new ArrayList<>();
        final List<Node> nodes = new ArrayList<>();
        final List<Workload> workloads = new ArrayList<>();
        int nextIp = 10;

        Cluster(
                String name,
                Account account,
                String region,
                String issuerId,
                boolean issuerFromEvent,
                long skewMicros,
                String auditLayout) {
            this.name = name;
            this.account = account;
            this.region = region;
            this.issuerId = issuerId;
            this.issuerFromEvent = issuerFromEvent;
            this.skewMicros = skewMicros;
            this.auditLayout = auditLayout;
        }

        String issuerUrl() {
            return "https://oidc.eks." + region + ".amazonaws.com/id/" + issuerId;
        }

        String oidcProviderArn() {
            return "arn:aws:iam::" + account.id + ":oidc-provider/oidc.eks." + region + ".amazonaws.com/id/" + issuerId;
        }

        String arn() {
            return "arn:aws:eks:" + region + ":" + account.id + ":cluster/" + name;
        }
    }

    static final class NodeGroup {
        final Cluster cluster;
        final String name;
        final Role role;

        NodeGroup(Cluster cluster, String name, Role role) {
            this.cluster = cluster;
            this.name = name;
            this.role = role;
        }
    }

    static final class Node {
        final NodeGroup group;
        final String instanceId;
        final String name;
        final String ip;
        final String az;
        final String uid;
        final Holder sessions = new Holder();
        boolean alive = true;

        Node(NodeGroup group, String instanceId, String name, String ip, String az, String uid) {
            this.group = group;
            this.instanceId = instanceId;
            this.name = name;
            this.ip = ip;
            this.az = az;
            this.uid = uid;
        }
    }

    /** A Deployment (or the CI-created job pods) and what its pods do with AWS. */
    static final class Workload {
        final Cluster cluster;
        final String namespace;
        final String serviceAccount;
        final String deployment;
        final int replicas;
        final Credential credential;
        final Role role; // IRSA or Pod Identity role; null for NONE
        final boolean sessionTags;
        final String stsRegion;
        final String sdk; // python, go, java
        final double meanLifetimeHours;
        final double weight;
        final boolean podIpVisible;
        final List<Op> ops = new ArrayList<>();
        Role chainRole; // role this workload's IRSA session assumes
        final List<Op> chainOps = new ArrayList<>();
        boolean createsCrossClusterJobs;
        final String rsHash;
        final String rsUid;
        int livePods;

        Workload(
                Cluster cluster,
                String namespace,
                String serviceAccount,
                String deployment,
                int replicas,
                Credential credential,
                Role role,
                boolean sessionTags,
                String stsRegion,
                String sdk,
                double meanLifetimeHours,
                double weight,
                boolean podIpVisible,
                String rsHash,
                String rsUid) {
            this.cluster = cluster;
            this.namespace = namespace;
            this.serviceAccount = serviceAccount;
            this.deployment = deployment;
            this.replicas = replicas;
            this.credential = credential;
            this.role = role;
            this.sessionTags = sessionTags;
            this.stsRegion = stsRegion;
            this.sdk = sdk;
            this.meanLifetimeHours = meanLifetimeHours;
            this.weight = weight;
            this.podIpVisible = podIpVisible;
            this.rsHash = rsHash;
            this.rsUid = rsUid;
        }

        String key() {
            return cluster.name + "/" + namespace + "/" + serviceAccount;
        }
    }

    static final class Pod {
        final Workload workload;
        final String name;
        final String uid;
        final Node node;
        final String ip;
        final long start;
        long end = Long.MAX_VALUE;
        final Holder sessions = new Holder();
        Holder chained; // ROLE_CHAIN sessions of this pod
        final boolean createdInWindow;

        Pod(Workload workload, String name, String uid, Node node, String ip, long start, boolean createdInWindow) {
            this.workload = workload;
            this.name = name;
            this.uid = uid;
            this.node = node;
            this.ip = ip;
            this.start = start;
            this.createdInWindow = createdInWindow;
        }
    }

    /** One set of credentials: keyed by accessKeyId, like the pipeline's CredentialSession. */
    static final class Session {
        String accessKeyId;
        Mechanism mechanism;
        Role role; // null for IAM user and root
        String userArn; // IAM user or root ARN
        String userName;
        String principalId;
        String sessionName;
        Cluster cluster;
        String namespace;
        String serviceAccount;
        Pod pod;
        Node node;
        long issuedAt;
        String issuingEventId;
        boolean issuingEventWritten;
        String parentAccessKeyId;
        String federatedProvider; // IRSA / web identity follow-on calls
        String identityType = "AssumedRole";
        boolean console;
        String identityJson; // userIdentity of calls made with this session, serialized once

        String arn() {
            return role != null ? role.sessionArn(sessionName) : userArn;
        }

        String accountId() {
            return role != null ? role.account.id : userArn.split(":")[4];
        }
    }

    /** Current and previous session of a credential holder, so a refresh mid-slice still resolves by time. */
    static final class Holder {
        Session prev;
        Session cur;

        void push(Session s) {
            prev = cur;
            cur = s;
        }

        Session at(long t) {
            if (cur == null) {
                return null;
            }
            return t >= cur.issuedAt || prev == null ? cur : prev;
        }
    }

    enum OpKind {
        S3_GET,
        S3_PUT,
        S3_LIST,
        S3_LIST_V2,
        S3_HEAD,
        S3_LIST_BUCKETS,
        DDB_GET,
        DDB_PUT,
        DDB_QUERY,
        SQS_SEND,
        SQS_RECEIVE,
        KMS_DECRYPT,
        KMS_GENERATE,
        SECRET_GET,
        SSM_GET,
        STS_WHOAMI,
        LAMBDA_INVOKE,
        LAMBDA_GET,
        EKS_CREATE_NODEGROUP,
        EKS_CREATE_ADDON,
        EKS_DESCRIBE_CLUSTER,
        EKS_LIST_CLUSTERS,
        CW_PUT_METRIC,
        ECR_TOKEN,
        ECR_BATCH_GET_IMAGE,
        ECR_DOWNLOAD_URL,
        ECR_PUT_IMAGE,
        EC2_DESCRIBE_INSTANCES,
        S3_GET_JOB_PART, // the next part of the next job id under the prefix, in order (a batch sweep)
        S3_LIST_JOB // the next job id's prefix, in order
    }

    /** One kind of AWS call a caller makes, against one resource (or a pool of keys under one prefix). */
    static final class Op {
        final OpKind kind;
        final Account account; // resource owner
        final String region;
        final String resource; // bucket, table, queue, key id, secret, parameter, function, cluster, repository
        final String detail; // key prefix, index name, addon/nodegroup name, passed role ARN
        final int keys; // distinct object keys under the prefix
        final boolean denied;
        final double weight;
        int cursor; // S3_GET_JOB_PART, S3_LIST_JOB: how far the sweep has got

        Op(
                OpKind kind,
                Account account,
                String region,
                String resource,
                String detail,
                int keys,
                boolean denied,
                double weight) {
            this.kind = kind;
            this.account = account;
            this.region = region;
            this.resource = resource;
            this.detail = detail;
            this.keys = keys;
            this.denied = denied;
            this.weight = weight;
        }
    }
}
