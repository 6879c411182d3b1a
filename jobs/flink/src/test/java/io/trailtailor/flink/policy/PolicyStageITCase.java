package io.trailtailor.flink.policy;

import static io.trailtailor.flink.OutputTables.lines;
import static io.trailtailor.flink.OutputTables.partitions;
import static io.trailtailor.flink.OutputTables.readTable;
import static io.trailtailor.flink.OutputTables.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trailtailor.avro.AttributedCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.event.AuditEventParser;
import io.trailtailor.event.CloudTrailRecordParser;
import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.sink.Sinks;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.flink.stream.EventTime;
import io.trailtailor.policy.PolicyDocument;
import io.trailtailor.policy.PolicyEvaluator;
import io.trailtailor.policy.PolicyStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage, policy and RBAC stage on a MiniCluster in BATCH mode, from real-shaped CloudTrail records and audit
 * events: an IRSA workload (S3 objects, a bucket listing, DynamoDB, one denied call), an admin role creating an EKS
 * node group (which needs iam:PassRole, passed to EKS), a node role, an IAM user (whose 25 uploads collapse to one
 * pattern), events the catalog cannot map, and audit events of
 * an IAM role and a service account. Generic types are disabled, so any Kryo fallback fails the job.
 */
@Timeout(120)
class PolicyStageITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestAnalysis.miniCluster(4);

    static final String ACCOUNT = "111122223333";
    static final String ORDERS_ROLE = "arn:aws:iam::111122223333:role/orders-irsa";
    static final String ADMIN_ROLE = "arn:aws:iam::111122223333:role/platform-admin";
    static final String NODE_ROLE = "arn:aws:iam::111122223333:role/eks-node";
    static final String READER_ROLE = "arn:aws:iam::111122223333:role/reader-irsa";
    static final String BUCKET = "arn:aws:s3:::app-data";
    static final String TABLE = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------------- inputs

    static String assumedRole(String roleArn, String session, String accessKeyId) {
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return """
        {"type": "AssumedRole", "principalId": "AROAEXAMPLE:%2$s",
         "arn": "arn:aws:sts::111122223333:assumed-role/%1$s/%2$s", "accountId": "111122223333",
         "accessKeyId": "%3$s",
         "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE",
           "arn": "%4$s", "accountId": "111122223333", "userName": "%1$s"},
           "attributes": {"creationDate": "2026-11-03T09:00:00Z", "mfaAuthenticated": "false"}}}""".formatted(name, session, accessKeyId, roleArn);
    }

    static final String ORDERS_IDENTITY = assumedRole(ORDERS_ROLE, "botocore-session-1762160400", "ASIAORDERS0000001");
    static final String ADMIN_IDENTITY = assumedRole(ADMIN_ROLE, "alice", "ASIAADMIN00000001");
    static final String NODE_IDENTITY = assumedRole(NODE_ROLE, "i-0abc123def4567890", "ASIANODE000000001");

    static String record(String eventId, String time, String source, String name, String identity, String extra) {
        return """
        {"eventVersion": "1.09", "userIdentity": %s, "eventTime": "%s", "eventSource": "%s",
         "eventName": "%s", "awsRegion": "eu-west-1", "sourceIPAddress": "10.0.3.17",
         "userAgent": "aws-sdk-java/2.41.30", "eventID": "%s", "eventType": "AwsApiCall",
         "recipientAccountId": "111122223333"%s}""".formatted(identity, time, source, name, eventId, extra.isEmpty() ? "" : ", " + extra);
    }

    static AttributedApiCall attributed(
            String recordJson,
            String mechanism,
            String roleArn,
            String cluster,
            String namespace,
            String serviceAccount)
            throws Exception {
        byte[] raw = recordJson.getBytes(StandardCharsets.UTF_8);
        io.trailtailor.event.ApiCall call = CloudTrailRecordParser.parse(JSON.readTree(raw), raw, "fixture.json");
        AttributedCallRow who = AttributedCallRow.newBuilder()
                .setEventId(call.eventId())
                .setEventTime(call.eventTime())
                .setMechanism(mechanism)
                .setAccessKeyId(call.identity().accessKeyId())
                .setRoleArn(roleArn)
                .setRootPrincipal(roleArn)
                .setCluster(cluster)
                .setNamespace(namespace)
                .setServiceAccount(serviceAccount)
                .setPodUid(serviceAccount == null ? null : "6f1c9a52-3b0e-4d8e-9c47-0d2f5a9e1b11")
                .setPodCandidates(serviceAccount == null ? List.of() : List.of("6f1c9a52-3b0e-4d8e-9c47-0d2f5a9e1b11"))
                .setNode(serviceAccount == null ? null : "ip-10-0-1-5.eu-west-1.compute.internal")
                .setConfidence(1.0)
                .build();
        return new AttributedApiCall(AvroMapper.toAvro(call), who);
    }

    /** A call made outside Kubernetes: no cluster, namespace, service account or pod. */
    static AttributedApiCall notFromAPod(String recordJson, String mechanism, String roleArn) throws Exception {
        return attributed(recordJson, mechanism, roleArn, null, null, null);
    }

    static AttributedApiCall orders(String eventId, String time, String source, String name, String extra)
            throws Exception {
        return attributed(
                record(eventId, time, source, name, ORDERS_IDENTITY, extra),
                "IRSA",
                ORDERS_ROLE,
                "prod",
                "shop",
                "orders");
    }

    static List<AttributedApiCall> calls() throws Exception {
        List<AttributedApiCall> calls = new ArrayList<>();
        calls.add(orders("e-01", "2026-11-03T10:00:00Z", "s3.amazonaws.com", "GetObject", """
        "eventCategory": "Data", "readOnly": true,
        "requestParameters": {"bucketName": "app-data", "Host": "app-data.s3.eu-west-1.amazonaws.com",
          "key": "reports/2026/11.csv"},
        "resources": [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::app-data/reports/2026/11.csv"},
          {"accountId": "111122223333", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::app-data"}]"""));
        calls.add(orders("e-02", "2026-11-03T10:05:00Z", "s3.amazonaws.com", "GetObject", """
        "eventCategory": "Data", "readOnly": true,
        "requestParameters": {"bucketName": "app-data", "key": "reports/2026/12.csv"},
        "resources": [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::app-data/reports/2026/12.csv"},
          {"accountId": "111122223333", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::app-data"}]"""));
        calls.add(orders("e-03", "2026-11-04T08:00:00Z", "s3.amazonaws.com", "GetObject", """
        "eventCategory": "Data", "readOnly": true,
        "requestParameters": {"bucketName": "app-data", "key": "reports/2026/11.csv"},
        "resources": [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::app-data/reports/2026/11.csv"}]"""));
        calls.add(orders("e-04", "2026-11-03T11:00:00Z", "s3.amazonaws.com", "PutObject", """
        "eventCategory": "Data", "readOnly": false,
        "requestParameters": {"bucketName": "app-data", "key": "out/result.json"},
        "resources": [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::app-data/out/result.json"},
          {"accountId": "111122223333", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::app-data"}]"""));
        calls.add(orders("e-05", "2026-11-03T11:01:00Z", "s3.amazonaws.com", "ListObjectsV2", """
        "eventCategory": "Data", "readOnly": true,
        "requestParameters": {"bucketName": "app-data", "list-type": "2", "prefix": "reports/"},
        "resources": [{"accountId": "111122223333", "type": "AWS::S3::Bucket", "ARN": "arn:aws:s3:::app-data"}]"""));
        calls.add(orders("e-06", "2026-11-03T12:00:00Z", "dynamodb.amazonaws.com", "GetItem", """
        "requestParameters": {"tableName": "orders", "key": {"id": {"S": "o-1"}}}"""));
        calls.add(orders("e-07", "2026-11-03T12:01:00Z", "dynamodb.amazonaws.com", "PutItem", """
        "errorCode": "AccessDenied", "errorMessage": "User is not authorized to perform: dynamodb:PutItem",
        "requestParameters": {"tableName": "orders"}"""));
        calls.add(notFromAPod(
                record("e-08", "2026-11-05T09:30:00Z", "eks.amazonaws.com", "CreateNodegroup", ADMIN_IDENTITY, """
        "requestParameters": {"name": "prod", "nodegroupName": "general",
          "nodeRole": "arn:aws:iam::111122223333:role/eks-node", "subnets": ["subnet-1"],
          "tags": {"team": "platform"}}"""),
                "ROLE_CHAIN",
                ADMIN_ROLE));
        calls.add(notFromAPod(
                record(
                        "e-09",
                        "2026-11-05T09:31:00Z",
                        "apigateway.amazonaws.com",
                        "CreateRestApi",
                        ADMIN_IDENTITY,
                        """
        "requestParameters": {"name": "api"}"""),
                "ROLE_CHAIN",
                ADMIN_ROLE));
        calls.add(notFromAPod(
                record("e-10", "2026-11-05T09:32:00Z", "nosuchservice.amazonaws.com", "DoThing", ADMIN_IDENTITY, ""),
                "ROLE_CHAIN",
                ADMIN_ROLE));
        calls.add(notFromAPod(
                record("e-11", "2026-11-05T09:33:00Z", "nosuchservice.amazonaws.com", "DoThing", ADMIN_IDENTITY, ""),
                "ROLE_CHAIN",
                ADMIN_ROLE));
        calls.add(notFromAPod(
                record("e-12", "2026-11-03T07:00:00Z", "ec2.amazonaws.com", "DescribeInstances", NODE_IDENTITY, """
        "readOnly": true, "requestParameters": {"instancesSet": {}, "filterSet": {}}"""),
                "INSTANCE_PROFILE",
                NODE_ROLE));
        // A workload whose only call was denied: no policy (IAM rejects an empty document) unless denied calls count.
        calls.add(attributed(
                record(
                        "e-14",
                        "2026-11-03T13:00:00Z",
                        "sqs.amazonaws.com",
                        "SendMessage",
                        assumedRole(READER_ROLE, "botocore-session-2", "ASIAREADER0000001"),
                        """
        "errorCode": "AccessDenied", "errorMessage": "not authorized to perform: sqs:sendmessage",
        "requestParameters": {"queueUrl": "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"}"""),
                "IRSA",
                READER_ROLE,
                "prod",
                "shop",
                "reader"));
        // An IAM user: its own policy under policies/users/; 25 uploads under one prefix collapse to a pattern.
        String ci = """
        {"type": "IAMUser", "principalId": "AIDAEXAMPLE", "arn": "arn:aws:iam::111122223333:user/ci",
         "accountId": "111122223333", "accessKeyId": "AKIACI0000000001", "userName": "ci"}""";
        calls.add(notFromAPod(
                record("e-13", "2026-11-03T07:30:00Z", "s3.amazonaws.com", "ListBuckets", ci, ""), "IAM_USER", null));
        for (int i = 0; i < 25; i++) {
            String key = "builds/" + (100 + i) + "/app.zip";
            calls.add(notFromAPod(
                    record("e-ci-" + i, "2026-11-03T08:00:00Z", "s3.amazonaws.com", "PutObject", ci, """
        "eventCategory": "Data", "readOnly": false,
        "requestParameters": {"bucketName": "artifacts", "key": "%s"},
        "resources": [{"type": "AWS::S3::Object", "ARN": "arn:aws:s3:::artifacts/%s"}]""".formatted(
                                    key, key)),
                    "IAM_USER",
                    null));
        }
        return calls;
    }

    static AuditEventRow audit(String id, String verb, String user, String extra, String objectRef, int code)
            throws Exception {
        String json = """
        {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata", "auditID": "%s",
         "stage": "ResponseComplete", "requestURI": "/api/v1/x", "verb": "%s",
         "user": {"username": "%s", "groups": ["system:authenticated"]%s},
         "sourceIPs": ["10.0.1.5"], "userAgent": "kubectl/v1.31.0", "objectRef": %s,
         "responseStatus": {"metadata": {}, "code": %d},
         "requestReceivedTimestamp": "2026-11-03T10:00:00.000000Z", "stageTimestamp": "2026-11-03T10:00:00.010000Z",
         "annotations": {"authorization.k8s.io/decision": "%s", "authorization.k8s.io/reason": ""}}""".formatted(id, verb, user, extra, objectRef, code, code == 403 ? "forbid" : "allow");
        return AvroMapper.toAvro(AuditEventParser.parse(JSON.readTree(json), "prod", "audit.json"));
    }

    static List<AuditEventRow> auditEvents() throws Exception {
        String admin = "arn:aws:sts::111122223333:assumed-role/platform-admin/alice";
        String adminExtra = """
        , "extra": {"accessKeyId": ["ASIAADMIN00000001"], "arn": ["%s"],
          "canonicalArn": ["%s"], "sessionName": ["alice"]}""".formatted(admin, ADMIN_ROLE);
        String sa = "system:serviceaccount:shop:orders";
        return List.of(
                audit(
                        "a-01",
                        "get",
                        admin,
                        adminExtra,
                        "{\"resource\": \"nodes\", \"name\": \"ip-10-0-1-5.eu-west-1.compute.internal\", \"apiVersion\": \"v1\"}",
                        200),
                audit("a-02", "list", admin, adminExtra, "{\"resource\": \"pods\", \"apiVersion\": \"v1\"}", 200),
                audit(
                        "a-03",
                        "get",
                        sa,
                        "",
                        "{\"resource\": \"configmaps\", \"namespace\": \"shop\", \"name\": \"orders-config\", \"apiVersion\": \"v1\"}",
                        200),
                audit(
                        "a-04",
                        "get",
                        sa,
                        "",
                        "{\"resource\": \"configmaps\", \"namespace\": \"shop\", \"name\": \"orders-config\", \"apiVersion\": \"v1\"}",
                        200),
                audit(
                        "a-05",
                        "watch",
                        sa,
                        "",
                        "{\"resource\": \"configmaps\", \"namespace\": \"shop\", \"apiVersion\": \"v1\"}",
                        200),
                audit(
                        "a-06",
                        "list",
                        sa,
                        "",
                        "{\"resource\": \"secrets\", \"namespace\": \"shop\", \"apiVersion\": \"v1\"}",
                        403),
                // not a resource request: no RBAC rule
                audit("a-07", "get", sa, "", "null", 200));
    }

    // ------------------------------------------------------------------------------------------------------ run

    record Run(Path out, Map<String, Object> counters, List<JsonNode> workloadParts) {
        long counter(String name) {
            return ((Number) counters.get(name)).longValue();
        }
    }

    static AnalyzeOptions options(Path out, int parallelism, boolean includeDenied) {
        return TestAnalysis.options(out, k -> {
            k.cloudTrail = List.of("unused");
            k.parallelism = parallelism;
            k.includeDenied = includeDenied;
        });
    }

    Run run(String name, int parallelism, boolean includeDenied) throws Exception {
        return run(name, parallelism, includeDenied, RuntimeExecutionMode.BATCH);
    }

    /** In STREAMING: event-time timestamps and watermarks as the sources assign them, and checkpoints every 100 ms. */
    Run run(String name, int parallelism, boolean includeDenied, RuntimeExecutionMode mode) throws Exception {
        Path out = dir.resolve(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(mode);
        env.setParallelism(parallelism);
        env.getConfig().disableGenericTypes();
        if (mode == RuntimeExecutionMode.STREAMING) {
            env.enableCheckpointing(100);
        }
        Duration maxDelay = EventTime.defaults().maxDelay();
        DataStream<AttributedApiCall> calls = env.fromData(
                        TypeInformation.of(AttributedApiCall.class), calls().toArray(AttributedApiCall[]::new))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<AttributedApiCall>forBoundedOutOfOrderness(maxDelay)
                        .withTimestampAssigner(
                                (c, previous) -> c.call.getEventTime().toEpochMilli()))
                .name("call times")
                .uid("test-call-times");
        DataStream<AuditEventRow> audit = env.fromData(
                        TypeInformation.of(AuditEventRow.class), auditEvents().toArray(AuditEventRow[]::new))
                .assignTimestampsAndWatermarks(EventTime.defaults().forAuditEvents())
                .name("audit times")
                .uid("test-audit-times");
        PolicyStage.Outputs outputs = PolicyStage.build(calls, audit, options(out, parallelism, includeDenied));
        Path parts = dir.resolve(name + "-parts");
        outputs.workloadParts()
                .sinkTo(Sinks.jsonLines(parts.toString()))
                .name("parts")
                .uid("parts");
        JobExecutionResult result = env.execute("policy stage test");
        PolicyStage.finish(out);
        List<JsonNode> partRows = new ArrayList<>();
        for (String line : lines(parts)) {
            partRows.add(JSON.readTree(line));
        }
        return new Run(out, result.getAllAccumulatorResults(), partRows);
    }

    // ---------------------------------------------------------------------------------------------------- tests

    @Test
    void writesExactPoliciesUsageUnmappedEventsAndRbac() throws Exception {
        Run run = run("out", 2, false);
        Path out = run.out();

        Set<String> ordersGrants = Set.of(
                "dynamodb:GetItem " + TABLE,
                "s3:GetObject " + BUCKET + "/reports/2026/11.csv",
                "s3:GetObject " + BUCKET + "/reports/2026/12.csv",
                "s3:ListBucket " + BUCKET,
                "s3:PutObject " + BUCKET + "/out/result.json");
        assertThat(grants(out.resolve("policies/workloads/prod/shop/orders.json")))
                .isEqualTo(ordersGrants);
        assertThat(grants(out.resolve("policies/roles/111122223333/orders-irsa.json")))
                .isEqualTo(ordersGrants);
        assertThat(grants(out.resolve("policies/roles/111122223333/platform-admin.json")))
                .containsExactlyInAnyOrder(
                        "eks:CreateNodegroup arn:aws:eks:eu-west-1:111122223333:cluster/prod",
                        "eks:TagResource arn:aws:eks:eu-west-1:111122223333:nodegroup/prod/general/*",
                        "iam:PassRole " + NODE_ROLE);
        assertThat(grants(out.resolve("policies/roles/111122223333/eks-node.json")))
                .containsExactly("ec2:DescribeInstances *");
        // the node role is passed to EKS only
        assertThat(JSON.readTree(out.resolve("policies/roles/111122223333/platform-admin.json")
                                .toFile())
                        .findValue("iam:PassedToService"))
                .hasToString("[\"eks.amazonaws.com\"]");
        assertThat(grants(out.resolve("policies/users/111122223333/ci.json")))
                .containsExactly("s3:ListAllMyBuckets *", "s3:PutObject arn:aws:s3:::artifacts/builds/*/app.zip");
        JsonNode sidecar = JSON.readTree(
                out.resolve("policies/users/111122223333/ci.widening.json").toFile());
        assertThat(sidecar.at("/widenings/0/collapsed").asText()).isEqualTo("arn:aws:s3:::artifacts/builds/");
        assertThat(sidecar.at("/widenings/0/observedArns").asInt()).isEqualTo(25);
        assertThat(sidecar.at("/widenings/0/reason").asText()).isEqualTo("threshold");
        assertThat(relativeFiles(out.resolve("policies")))
                .containsExactly(
                        "roles/111122223333/eks-node.cfn.json",
                        "roles/111122223333/eks-node.json",
                        "roles/111122223333/eks-node.tf",
                        "roles/111122223333/orders-irsa.cfn.json",
                        "roles/111122223333/orders-irsa.json",
                        "roles/111122223333/orders-irsa.tf",
                        "roles/111122223333/platform-admin.cfn.json",
                        "roles/111122223333/platform-admin.json",
                        "roles/111122223333/platform-admin.tf",
                        "users/111122223333/ci.cfn.json",
                        "users/111122223333/ci.json",
                        "users/111122223333/ci.tf",
                        "users/111122223333/ci.widening.json",
                        "workloads/prod/shop/orders.cfn.json",
                        "workloads/prod/shop/orders.json",
                        "workloads/prod/shop/orders.tf");
        assertThat(Files.readString(out.resolve("policies/workloads/prod/shop/orders.tf")))
                .contains(
                        "data \"aws_iam_policy_document\"", "\"s3:GetObject\"", "Denied: dynamodb:PutItem on " + TABLE);
        assertThat(JSON.readTree(out.resolve("policies/roles/111122223333/orders-irsa.cfn.json")
                                .toFile())
                        .at("/Resources/RoleOrdersIrsaPolicy/Properties/Roles/0")
                        .asText())
                .isEqualTo("orders-irsa");

        // Least privilege: every observed successful call allowed, the denied one and every other action of the same
        // services refused.
        PolicyEvaluator workload = evaluator(out.resolve("policies/workloads/prod/shop/orders.json"));
        IamCatalog catalog = IamCatalog.loadDefault();
        for (String grant : ordersGrants) {
            String[] g = grant.split(" ");
            assertThat(workload.isAllowed(g[0], g[1])).as(grant).isTrue();
        }
        assertThat(workload.isAllowed("dynamodb:PutItem", TABLE)).isFalse();
        Set<String> used = new TreeSet<>();
        ordersGrants.forEach(g -> used.add(g.split(" ")[0]));
        List<String> resources = List.of(
                TABLE,
                BUCKET,
                BUCKET + "/reports/2026/11.csv",
                BUCKET + "/reports/2026/12.csv",
                BUCKET + "/out/result.json",
                BUCKET + "/other.txt",
                "*");
        int refused = 0;
        for (String service : List.of("s3", "dynamodb")) {
            for (ActionInfo action : catalog.actions(service)) {
                if (used.contains(action.qualifiedName())) {
                    continue;
                }
                for (String resource : resources) {
                    assertThat(workload.isAllowed(action.qualifiedName(), resource))
                            .as(action.qualifiedName())
                            .isFalse();
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(1000);
        assertThat(workload.isAllowed("s3:GetObject", BUCKET + "/other.txt")).isFalse();

        // Usage table: one row per (principal, action, resource, outcome), the denied call included.
        List<GenericRecord> usage = readTable(out.resolve("parquet/usage"));
        assertThat(usage).hasSize(18 + 1 + 25);
        Map<String, String> byKey = new TreeMap<>();
        for (GenericRecord r : usage) {
            byKey.put(
                    r.get("principalKind") + " " + r.get("principal") + " " + r.get("action") + " " + r.get("resource")
                            + (Boolean.TRUE.equals(r.get("denied")) ? " denied" : ""),
                    r.get("calls") + " " + r.get("origin"));
        }
        assertThat(byKey)
                .containsEntry(
                        "WORKLOAD prod/shop/orders s3:GetObject " + BUCKET + "/reports/2026/11.csv", "2 DEFAULT_RULE")
                .containsEntry(
                        "ROLE " + ORDERS_ROLE + " s3:GetObject " + BUCKET + "/reports/2026/11.csv", "2 DEFAULT_RULE")
                .containsEntry("WORKLOAD prod/shop/orders dynamodb:PutItem " + TABLE + " denied", "1 DEFAULT_RULE")
                .containsEntry("ROLE " + ADMIN_ROLE + " iam:PassRole " + NODE_ROLE, "1 IMPLIED")
                .containsEntry("ROLE " + NODE_ROLE + " ec2:DescribeInstances *", "1 DEFAULT_RULE");
        assertThat(byKey.keySet())
                .filteredOn(k -> k.startsWith("WORKLOAD prod/shop/orders "))
                .hasSize(6);
        assertThat(byKey)
                .containsEntry(
                        "WORKLOAD prod/shop/reader sqs:SendMessage " + "arn:aws:sqs:eu-west-1:111122223333:jobs denied",
                        "1 DEFAULT_RULE");
        assertThat(byKey).containsEntry("USER arn:aws:iam::111122223333:user/ci s3:ListAllMyBuckets *", "1 OVERRIDE");
        assertThat(byKey.keySet()).filteredOn(k -> k.startsWith("USER ")).hasSize(26);
        assertThat(partitions(out.resolve("parquet/usage")))
                .containsExactly("dt=2026-11-03", "dt=2026-11-04", "dt=2026-11-05");

        // Unmapped events: grouped, counted, sorted; the work directory is gone.
        JsonNode unmapped = JSON.readTree(out.resolve("unmapped-events.json").toFile());
        assertThat(unmapped).hasSize(2);
        assertThat(unmapped.get(0).path("eventSource").asText()).isEqualTo("apigateway.amazonaws.com");
        assertThat(unmapped.get(0).path("eventName").asText()).isEqualTo("CreateRestApi");
        assertThat(unmapped.get(0).path("status").asText()).isEqualTo("UNMAPPED");
        assertThat(unmapped.get(0).path("count").asLong()).isEqualTo(1);
        assertThat(unmapped.get(0).path("exampleEventId").asText()).isEqualTo("e-09");
        assertThat(unmapped.get(1).path("eventSource").asText()).isEqualTo("nosuchservice.amazonaws.com");
        assertThat(unmapped.get(1).path("status").asText()).isEqualTo("UNKNOWN_SERVICE");
        assertThat(unmapped.get(1).path("count").asLong()).isEqualTo(2);
        assertThat(unmapped.get(1).path("exampleEventId").asText()).isEqualTo("e-10");
        assertThat(out.resolve(".work")).doesNotExist();

        // RBAC: exactly the verbs observed, the forbidden request not granted.
        assertThat(relativeFiles(out.resolve("rbac")))
                .containsExactly("prod/role.111122223333.platform-admin.yaml", "prod/sa.shop.orders.yaml");
        assertThat(rbacGrants(out.resolve("rbac/prod/sa.shop.orders.yaml")))
                .containsExactly("Role shop  configmaps get [orders-config]", "Role shop  configmaps watch []");
        assertThat(rbacGrants(out.resolve("rbac/prod/role.111122223333.platform-admin.yaml")))
                .containsExactly(
                        "ClusterRole -  nodes get [ip-10-0-1-5.eu-west-1.compute.internal]",
                        "ClusterRole -  pods list []");

        // Counters and the workload's part of workloads.json.
        assertThat(run.counter(Counters.ROLES)).isEqualTo(3);
        assertThat(run.counter(Counters.POLICIES)).isEqualTo(5);
        assertThat(run.counter(Counters.POLICY_WIDENINGS)).isEqualTo(1);
        assertThat(run.counter(Counters.POLICIES_OVER_BUDGET)).isZero();
        assertThat(run.counter(Counters.UNMAPPED_EVENTS)).isEqualTo(3);
        assertThat(run.counter(Counters.RBAC_PRINCIPALS)).isEqualTo(2);
        assertThat(run.workloadParts()).containsExactlyInAnyOrder(JSON.readTree("""
        {"cluster": "prod", "namespace": "shop", "serviceAccount": "orders",
         "actions": ["dynamodb:GetItem", "s3:GetObject", "s3:ListBucket", "s3:PutObject"],
         "policyFile": "policies/workloads/prod/shop/orders.json"}"""), JSON.readTree("""
        {"cluster": "prod", "namespace": "shop", "serviceAccount": "reader", "actions": [], "policyFile": null}"""));

        // Never a session's access key in any output.
        assertThat(allText(out)).doesNotContain("ASIA", "AKIA");
    }

    @Test
    void grantsDeniedCallsAndRequestsOnlyWithIncludeDenied() throws Exception {
        Run run = run("denied", 2, true);
        Path out = run.out();

        assertThat(grants(out.resolve("policies/workloads/prod/shop/orders.json")))
                .contains("dynamodb:PutItem " + TABLE, "dynamodb:GetItem " + TABLE);
        assertThat(evaluator(out.resolve("policies/roles/111122223333/orders-irsa.json"))
                        .isAllowed("dynamodb:PutItem", TABLE))
                .isTrue();
        assertThat(Files.readString(out.resolve("policies/workloads/prod/shop/orders.tf")))
                .contains("includeDenied=true");
        assertThat(rbacGrants(out.resolve("rbac/prod/sa.shop.orders.yaml"))).contains("Role shop  secrets list []");
        assertThat(grants(out.resolve("policies/workloads/prod/shop/reader.json")))
                .containsExactly("sqs:SendMessage arn:aws:sqs:eu-west-1:111122223333:jobs");
        assertThat(run.counter(Counters.ROLES)).isEqualTo(4);
        assertThat(run.counter(Counters.POLICIES)).isEqualTo(7);
        // "actions" stays the successful ones; the reader's policy file now exists
        assertThat(run.workloadParts())
                .extracting(p -> p.path("serviceAccount").asText() + " " + p.path("actions") + " "
                        + p.path("policyFile").asText())
                .containsExactlyInAnyOrder(
                        "orders [\"dynamodb:GetItem\",\"s3:GetObject\",\"s3:ListBucket\",\"s3:PutObject\"] "
                                + "policies/workloads/prod/shop/orders.json",
                        "reader [] policies/workloads/prod/shop/reader.json");
    }

    @Test
    void writesTheSameFilesAtParallelismOneAndFour() throws Exception {
        Run p1 = run("p1", 1, false);
        Run p4 = run("p4", 4, false);

        Map<String, String> files1 = textFiles(p1.out());
        Map<String, String> files4 = textFiles(p4.out());
        assertThat(files1.keySet()).hasSize(19);
        assertThat(files4).isEqualTo(files1);
        assertThat(rows(p4.out().resolve("parquet/usage")))
                .isEqualTo(rows(p1.out().resolve("parquet/usage")));
        assertThat(new TreeSet<>(
                        p4.workloadParts().stream().map(JsonNode::toString).toList()))
                .isEqualTo(new TreeSet<>(
                        p1.workloadParts().stream().map(JsonNode::toString).toList()));
        assertThat(p4.counters())
                .containsAllEntriesOf(Map.of(
                        Counters.ROLES,
                        3L,
                        Counters.POLICIES,
                        5L,
                        Counters.RBAC_PRINCIPALS,
                        2L,
                        Counters.UNMAPPED_EVENTS,
                        3L));
    }

    @Test
    void writesTheSameFilesInStreamingWithCheckpointsAsInBatch() throws Exception {
        Run batch = run("batch", 2, false, RuntimeExecutionMode.BATCH);
        Run streaming = run("streaming", 2, false, RuntimeExecutionMode.STREAMING);

        Map<String, String> batchFiles = textFiles(batch.out());
        assertThat(batchFiles.keySet()).hasSize(19);
        assertThat(textFiles(streaming.out())).isEqualTo(batchFiles);
        assertThat(relativeFiles(streaming.out())).noneMatch(f -> f.contains("/.") || f.startsWith("."));
        assertThat(newestUsage(streaming.out())).isEqualTo(newestUsage(batch.out()));
        for (String counter : List.of(
                Counters.ROLES,
                Counters.POLICIES,
                Counters.POLICY_WIDENINGS,
                Counters.POLICIES_OVER_BUDGET,
                Counters.RBAC_PRINCIPALS,
                Counters.UNMAPPED_EVENTS)) {
            assertThat(streaming.counter(counter)).as(counter).isEqualTo(batch.counter(counter));
        }
        assertThat(newestParts(streaming)).isEqualTo(newestParts(batch));
    }

    // -------------------------------------------------------------------------------------------------- helpers

    /**
     * The usage table as an upsert log resolves: per (kind, principal, action, resource, denied) the row with the most
     * calls (STREAMING re-emits a row as its sum grows; BATCH writes each once).
     */
    static Map<String, String> newestUsage(Path out) throws IOException {
        Map<String, GenericRecord> newest = new TreeMap<>();
        for (GenericRecord r : readTable(out.resolve("parquet/usage"))) {
            String key = r.get("principalKind") + " " + r.get("principal") + " " + r.get("action") + " "
                    + r.get("resource") + " " + r.get("denied");
            newest.merge(key, r, (a, b) -> (Long) b.get("calls") > (Long) a.get("calls") ? b : a);
        }
        Map<String, String> rows = new TreeMap<>();
        newest.forEach((k, r) -> rows.put(k, r.toString()));
        return rows;
    }

    /** Each workload's newest part, as {@code workloads.json} assembles them. */
    static Map<String, String> newestParts(Run run) throws IOException {
        Map<String, List<com.fasterxml.jackson.databind.node.ObjectNode>> byKey = new TreeMap<>();
        for (JsonNode p : run.workloadParts()) {
            byKey.computeIfAbsent(io.trailtailor.flink.output.WorkloadsFile.keyOf(p.toString()), k -> new ArrayList<>())
                    .add((com.fasterxml.jackson.databind.node.ObjectNode) p);
        }
        Map<String, String> newest = new TreeMap<>();
        byKey.forEach((k, parts) -> newest.put(
                k, io.trailtailor.flink.output.WorkloadsFile.newest(parts).toString()));
        return newest;
    }

    /** "action resource" for every pair a policy file's statements allow. */
    static Set<String> grants(Path policyFile) throws IOException {
        Set<String> out = new TreeSet<>();
        for (PolicyStatement s :
                PolicyDocument.fromJson(Files.readString(policyFile)).statements()) {
            for (String a : s.actions()) {
                for (String r : s.resources()) {
                    out.add(a + " " + r);
                }
            }
        }
        return out;
    }

    static PolicyEvaluator evaluator(Path policyFile) throws IOException {
        return PolicyEvaluator.of(PolicyDocument.fromJson(Files.readString(policyFile)));
    }

    /** "Kind namespace apiGroup resource verb [names]" for every rule of every role in an RBAC file. */
    static List<String> rbacGrants(Path yaml) throws IOException {
        List<String> out = new ArrayList<>();
        YAMLMapper mapper = new YAMLMapper();
        try (var it = mapper.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(yaml))) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                String kind = doc.path("kind").asText();
                if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
                    continue;
                }
                String ns = doc.path("metadata").path("namespace").asText("-");
                for (JsonNode rule : doc.path("rules")) {
                    List<String> names = new ArrayList<>();
                    rule.path("resourceNames").forEach(n -> names.add(n.asText()));
                    for (JsonNode group : rule.path("apiGroups")) {
                        for (JsonNode resource : rule.path("resources")) {
                            for (JsonNode verb : rule.path("verbs")) {
                                out.add(kind + " " + ns + " " + group.asText() + " " + resource.asText() + " "
                                        + verb.asText() + " " + names);
                            }
                        }
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** Every non-Parquet output file by relative path. */
    static Map<String, String> textFiles(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String f : relativeFiles(out)) {
            if (!f.startsWith("parquet/")) {
                files.put(f, Files.readString(out.resolve(f)));
            }
        }
        return files;
    }

    static String allText(Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        textFiles(out).values().forEach(sb::append);
        rows(out.resolve("parquet/usage")).forEach(sb::append);
        return sb.toString();
    }

    static Instant at(String s) {
        return Instant.parse(s);
    }
}
