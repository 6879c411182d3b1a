package io.trailtailor.synthetic;

import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import java.util.SplittableRandom;

/**
 * What each kind of AWS call looks like in CloudTrail (eventSource, eventName, requestParameters, resources, data vs
 * management) and which IAM action on which resource it needs; the latter is the ground truth for least privilege.
 */
final class Ops {
    /** What CloudTrail writes in place of a secret request parameter. */
    static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private Ops() {}

    static void fill(Op op, Rec rec, TruthSink.Call call, SplittableRandom r, World w, Session s, Pod pod) {
        String acct = op.account.id;
        String region = op.region;
        switch (op.kind) {
            case S3_GET, S3_PUT, S3_HEAD -> {
                String key = op.detail + "part-"
                        + Integer.toString(100000 + r.nextInt(Math.max(1, op.keys)))
                                .substring(1) + ".parquet";
                s3Object(op, op.kind, key, rec, call, r);
            }
            case S3_GET_JOB_PART -> {
                int i = op.cursor++ % (WorldShapes.JOBS * op.keys);
                String key = op.detail + WorldShapes.jobId(i / op.keys) + "/part-"
                        + Integer.toString(100000 + i % op.keys).substring(1) + ".parquet";
                s3Object(op, Model.OpKind.S3_GET, key, rec, call, r);
            }
            case S3_LIST_JOB -> {
                String prefix = op.detail + WorldShapes.jobId(op.cursor++ % WorldShapes.JOBS) + "/";
                s3List(op, true, prefix, rec, call);
            }
            case S3_LIST, S3_LIST_V2 -> s3List(op, op.kind == Model.OpKind.S3_LIST_V2, op.detail, rec, call);
            case S3_LIST_BUCKETS -> {
                mgmt(rec, "s3.amazonaws.com", "ListBuckets", "1.10", true, "s3.amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("Host", "s3.amazonaws.com");
                    g.writeEndObject();
                };
                call.action = "s3:ListAllMyBuckets";
                call.resource = "*";
            }
            case DDB_GET, DDB_PUT, DDB_QUERY -> {
                String table = op.resource;
                String tableArn = "arn:aws:dynamodb:" + region + ":" + acct + ":table/" + table;
                String name = op.kind == Model.OpKind.DDB_GET
                        ? "GetItem"
                        : op.kind == Model.OpKind.DDB_PUT ? "PutItem" : "Query";
                data(
                        rec,
                        "dynamodb.amazonaws.com",
                        name,
                        "1.09",
                        op.kind != Model.OpKind.DDB_PUT,
                        "dynamodb." + region + ".amazonaws.com");
                String index = op.kind == Model.OpKind.DDB_QUERY ? op.detail : null;
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("tableName", table);
                    if (index != null) {
                        g.writeStringField("indexName", index);
                    }
                    if (op.kind == Model.OpKind.DDB_QUERY) {
                        g.writeStringField("keyConditionExpression", index != null ? "customerId = :c" : "pk = :pk");
                        g.writeStringField("select", "ALL_ATTRIBUTES");
                    } else {
                        g.writeObjectFieldStart("key");
                        g.writeStringField("id", HIDDEN);
                        g.writeEndObject();
                    }
                    if (op.kind == Model.OpKind.DDB_PUT) {
                        g.writeArrayFieldStart("item");
                        g.writeString("id");
                        g.writeString("status");
                        g.writeString("updatedAt");
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                };
                rec.resources = g -> {
                    g.writeStartArray();
                    Rec.resource(g, acct, "AWS::DynamoDB::Table", tableArn);
                    g.writeEndArray();
                };
                call.action = "dynamodb:" + name;
                call.resource = index != null ? tableArn + "/index/" + index : tableArn;
            }
            case SQS_SEND, SQS_RECEIVE -> {
                String queueUrl = "https://sqs." + region + ".amazonaws.com/" + acct + "/" + op.resource;
                boolean send = op.kind == Model.OpKind.SQS_SEND;
                data(
                        rec,
                        "sqs.amazonaws.com",
                        send ? "SendMessage" : "ReceiveMessage",
                        "1.09",
                        !send,
                        "sqs." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("queueUrl", queueUrl);
                    if (send) {
                        g.writeStringField("messageBody", HIDDEN);
                    } else {
                        g.writeNumberField("maxNumberOfMessages", 10);
                        g.writeNumberField("waitTimeSeconds", 20);
                    }
                    g.writeEndObject();
                };
                if (send) {
                    String md5 = Ids.hex(r, 32);
                    String id = Ids.uuid(r);
                    rec.response = g -> {
                        g.writeStartObject();
                        g.writeStringField("mD5OfMessageBody", md5);
                        g.writeStringField("messageId", id);
                        g.writeEndObject();
                    };
                }
                String arn = "arn:aws:sqs:" + region + ":" + acct + ":" + op.resource;
                rec.resources = g -> {
                    g.writeStartArray();
                    Rec.resource(g, acct, "AWS::SQS::Queue", arn);
                    g.writeEndArray();
                };
                call.action = send ? "sqs:SendMessage" : "sqs:ReceiveMessage";
                call.resource = arn;
            }
            case KMS_DECRYPT, KMS_GENERATE -> {
                String keyArn = "arn:aws:kms:" + region + ":" + acct + ":key/" + op.resource;
                boolean dec = op.kind == Model.OpKind.KMS_DECRYPT;
                mgmt(
                        rec,
                        "kms.amazonaws.com",
                        dec ? "Decrypt" : "GenerateDataKey",
                        "1.08",
                        true,
                        "kms." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("keyId", keyArn);
                    if (dec) {
                        g.writeStringField("encryptionAlgorithm", "SYMMETRIC_DEFAULT");
                    } else {
                        g.writeStringField("keySpec", "AES_256");
                    }
                    g.writeEndObject();
                };
                rec.resources = g -> {
                    g.writeStartArray();
                    Rec.resource(g, acct, "AWS::KMS::Key", keyArn);
                    g.writeEndArray();
                };
                call.action = dec ? "kms:Decrypt" : "kms:GenerateDataKey";
                call.resource = keyArn;
            }
            case SECRET_GET -> {
                String arn = "arn:aws:secretsmanager:" + region + ":" + acct + ":secret:" + op.resource;
                mgmt(
                        rec,
                        "secretsmanager.amazonaws.com",
                        "GetSecretValue",
                        "1.08",
                        true,
                        "secretsmanager." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("secretId", arn);
                    g.writeEndObject();
                };
                call.action = "secretsmanager:GetSecretValue";
                call.resource = arn;
            }
            case SSM_GET -> {
                String arn = "arn:aws:ssm:" + region + ":" + acct + ":parameter" + op.resource;
                mgmt(rec, "ssm.amazonaws.com", "GetParameter", "1.08", true, "ssm." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("name", op.resource);
                    g.writeBooleanField("withDecryption", true);
                    g.writeEndObject();
                };
                call.action = "ssm:GetParameter";
                call.resource = arn;
            }
            case STS_WHOAMI -> {
                mgmt(rec, "sts.amazonaws.com", "GetCallerIdentity", "1.08", true, "sts." + region + ".amazonaws.com");
                call.action = "sts:GetCallerIdentity";
                call.resource = "*";
            }
            case LAMBDA_INVOKE -> {
                String arn = "arn:aws:lambda:" + region + ":" + acct + ":function:" + op.resource;
                data(rec, "lambda.amazonaws.com", "Invoke", "1.09", false, "lambda." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("functionName", arn);
                    g.writeStringField("invocationType", "RequestResponse");
                    g.writeEndObject();
                };
                rec.resources = g -> {
                    g.writeStartArray();
                    Rec.resource(g, acct, "AWS::Lambda::Function", arn);
                    g.writeEndArray();
                };
                call.action = "lambda:InvokeFunction";
                call.resource = arn;
            }
            case LAMBDA_GET -> {
                String arn = "arn:aws:lambda:" + region + ":" + acct + ":function:" + op.resource;
                mgmt(
                        rec,
                        "lambda.amazonaws.com",
                        "GetFunction20150331v2",
                        "1.08",
                        true,
                        "lambda." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("functionName", op.resource);
                    g.writeEndObject();
                };
                call.action = "lambda:GetFunction";
                call.resource = arn;
            }
            case EKS_CREATE_NODEGROUP -> {
                String clusterArn = "arn:aws:eks:" + region + ":" + acct + ":cluster/" + op.resource;
                String ng = "ci-ng-" + Ids.lowerAlnum(r, 6);
                mgmt(rec, "eks.amazonaws.com", "CreateNodegroup", "1.09", false, "eks." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("clusterName", op.resource);
                    g.writeStringField("nodegroupName", ng);
                    g.writeStringField("nodeRole", op.detail);
                    g.writeArrayFieldStart("subnets");
                    g.writeString("subnet-0" + Ids.hex(r, 16));
                    g.writeEndArray();
                    g.writeObjectFieldStart("scalingConfig");
                    g.writeNumberField("minSize", 0);
                    g.writeNumberField("maxSize", 3);
                    g.writeNumberField("desiredSize", 1);
                    g.writeEndObject();
                    g.writeObjectFieldStart("tags");
                    g.writeStringField("team", "ci");
                    g.writeEndObject();
                    g.writeEndObject();
                };
                rec.response = g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("nodegroup");
                    g.writeStringField("nodegroupName", ng);
                    g.writeStringField(
                            "nodegroupArn",
                            "arn:aws:eks:" + region + ":" + acct + ":nodegroup/" + op.resource + "/" + ng + "/"
                                    + Ids.uuid(r));
                    g.writeStringField("clusterName", op.resource);
                    g.writeStringField("status", "CREATING");
                    g.writeEndObject();
                    g.writeEndObject();
                };
                call.action = "eks:CreateNodegroup";
                call.resource = clusterArn;
                call.extraAction = "iam:PassRole";
                call.extraResource = op.detail;
            }
            case EKS_CREATE_ADDON -> {
                String clusterArn = "arn:aws:eks:" + region + ":" + acct + ":cluster/" + op.resource;
                String roleArn = "arn:aws:iam::" + acct + ":role/AmazonEKS_EBS_CSI_DriverRole";
                mgmt(rec, "eks.amazonaws.com", "CreateAddon", "1.09", false, "eks." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("clusterName", op.resource);
                    g.writeStringField("addonName", op.detail);
                    g.writeStringField("serviceAccountRoleArn", roleArn);
                    g.writeObjectFieldStart("tags");
                    g.writeStringField("owner", "platform");
                    g.writeEndObject();
                    g.writeEndObject();
                };
                call.action = "eks:CreateAddon";
                call.resource = clusterArn;
                call.extraAction = "iam:PassRole";
                call.extraResource = roleArn;
            }
            case EKS_DESCRIBE_CLUSTER -> {
                Cluster c = null;
                for (Cluster x : w.clusters) {
                    if (x.name.equals(op.resource)) {
                        c = x;
                    }
                }
                Cluster cl = c;
                mgmt(rec, "eks.amazonaws.com", "DescribeCluster", "1.09", true, "eks." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("name", op.resource);
                    g.writeEndObject();
                };
                if (cl != null && cl.issuerFromEvent) {
                    rec.response = g -> {
                        g.writeStartObject();
                        g.writeObjectFieldStart("cluster");
                        g.writeStringField("name", cl.name);
                        g.writeStringField("arn", cl.arn());
                        g.writeStringField("version", "1.30");
                        g.writeStringField(
                                "endpoint", "https://" + cl.issuerId + ".gr7." + cl.region + ".eks.amazonaws.com");
                        g.writeObjectFieldStart("identity");
                        g.writeObjectFieldStart("oidc");
                        g.writeStringField("issuer", cl.issuerUrl());
                        g.writeEndObject();
                        g.writeEndObject();
                        g.writeStringField("status", "ACTIVE");
                        g.writeEndObject();
                        g.writeEndObject();
                    };
                }
                call.action = "eks:DescribeCluster";
                call.resource = "arn:aws:eks:" + region + ":" + acct + ":cluster/" + op.resource;
            }
            case EKS_LIST_CLUSTERS -> {
                mgmt(rec, "eks.amazonaws.com", "ListClusters", "1.09", true, "eks." + region + ".amazonaws.com");
                call.action = "eks:ListClusters";
                call.resource = "*";
            }
            case CW_PUT_METRIC -> {
                mgmt(
                        rec,
                        "monitoring.amazonaws.com",
                        "PutMetricData",
                        "1.08",
                        false,
                        "monitoring." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("namespace", op.resource);
                    g.writeEndObject();
                };
                call.action = "cloudwatch:PutMetricData";
                call.resource = "*";
            }
            case ECR_TOKEN -> {
                mgmt(
                        rec,
                        "ecr.amazonaws.com",
                        "GetAuthorizationToken",
                        "1.08",
                        true,
                        "api.ecr." + region + ".amazonaws.com");
                call.action = "ecr:GetAuthorizationToken";
                call.resource = "*";
            }
            case ECR_BATCH_GET_IMAGE, ECR_DOWNLOAD_URL, ECR_PUT_IMAGE -> {
                String repoArn = "arn:aws:ecr:" + region + ":" + acct + ":repository/" + op.resource;
                String name = op.kind == Model.OpKind.ECR_BATCH_GET_IMAGE
                        ? "BatchGetImage"
                        : op.kind == Model.OpKind.ECR_DOWNLOAD_URL ? "GetDownloadUrlForLayer" : "PutImage";
                mgmt(
                        rec,
                        "ecr.amazonaws.com",
                        name,
                        "1.08",
                        op.kind != Model.OpKind.ECR_PUT_IMAGE,
                        "api.ecr." + region + ".amazonaws.com");
                String digest = "sha256:" + Ids.hex(r, 64);
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeStringField("registryId", acct);
                    g.writeStringField("repositoryName", op.resource);
                    if (op.kind == Model.OpKind.ECR_BATCH_GET_IMAGE) {
                        g.writeArrayFieldStart("imageIds");
                        g.writeStartObject();
                        g.writeStringField("imageTag", "v1.4");
                        g.writeEndObject();
                        g.writeEndArray();
                    } else if (op.kind == Model.OpKind.ECR_DOWNLOAD_URL) {
                        g.writeStringField("layerDigest", digest);
                    } else {
                        g.writeStringField("imageTag", "main-" + digest.substring(7, 14));
                        g.writeStringField("imageManifestMediaType", "application/vnd.oci.image.manifest.v1+json");
                    }
                    g.writeEndObject();
                };
                rec.resources = g -> {
                    g.writeStartArray();
                    Rec.resource(g, acct, "AWS::ECR::Repository", repoArn);
                    g.writeEndArray();
                };
                call.action = "ecr:" + name;
                call.resource = repoArn;
            }
            case EC2_DESCRIBE_INSTANCES -> {
                mgmt(rec, "ec2.amazonaws.com", "DescribeInstances", "1.10", true, "ec2." + region + ".amazonaws.com");
                rec.request = g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("instancesSet");
                    g.writeEndObject();
                    g.writeObjectFieldStart("filterSet");
                    g.writeEndObject();
                    g.writeEndObject();
                };
                call.action = "ec2:DescribeInstances";
                call.resource = "*";
            }
            default -> throw new IllegalStateException("unhandled op " + op.kind);
        }
    }

    private static void s3(Rec rec, String name, boolean readOnly) {
        data(rec, "s3.amazonaws.com", name, "1.10", readOnly, null);
    }

    private static void data(Rec rec, String source, String name, String version, boolean readOnly, String host) {
        rec.source = source;
        rec.name = name;
        rec.version = version;
        rec.readOnly = readOnly;
        rec.data = true;
        rec.tlsHost = host;
    }

    private static void mgmt(Rec rec, String source, String name, String version, boolean readOnly, String host) {
        rec.source = source;
        rec.name = name;
        rec.version = version;
        rec.readOnly = readOnly;
        rec.data = false;
        rec.tlsHost = host;
    }

    /** GetObject, PutObject or HeadObject of {@code key} in the bucket {@code op.resource}. */
    private static void s3Object(
            Op op, Model.OpKind kind, String key, Rec rec, TruthSink.Call call, SplittableRandom r) {
        String acct = op.account.id;
        String region = op.region;
        String bucket = op.resource;
        String objArn = "arn:aws:s3:::" + bucket + "/" + key;
        String name =
                kind == Model.OpKind.S3_GET ? "GetObject" : kind == Model.OpKind.S3_PUT ? "PutObject" : "HeadObject";
        s3(rec, name, kind != Model.OpKind.S3_PUT);
        long bytes = 1024L + r.nextInt(4_000_000);
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("bucketName", bucket);
            g.writeStringField("Host", bucket + ".s3." + region + ".amazonaws.com");
            g.writeStringField("key", key);
            g.writeEndObject();
        };
        if (kind == Model.OpKind.S3_PUT) {
            rec.response = g -> {
                g.writeStartObject();
                g.writeStringField("x-amz-server-side-encryption", "AES256");
                g.writeEndObject();
            };
        }
        boolean put = kind == Model.OpKind.S3_PUT;
        rec.additional = g -> {
            g.writeStartObject();
            g.writeStringField("SignatureVersion", "SigV4");
            g.writeStringField("CipherSuite", "TLS_AES_128_GCM_SHA256");
            g.writeNumberField("bytesTransferredIn", put ? bytes : 0);
            g.writeStringField("AuthenticationMethod", "AuthHeader");
            g.writeNumberField("bytesTransferredOut", put ? 0 : kind == Model.OpKind.S3_HEAD ? 0 : bytes);
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, null, "AWS::S3::Object", objArn);
            Rec.resource(g, acct, "AWS::S3::Bucket", "arn:aws:s3:::" + bucket);
            g.writeEndArray();
        };
        call.action = put ? "s3:PutObject" : "s3:GetObject";
        call.resource = objArn;
    }

    /** ListObjects(V2) of {@code prefix} in the bucket {@code op.resource}. */
    private static void s3List(Op op, boolean v2, String prefix, Rec rec, TruthSink.Call call) {
        String acct = op.account.id;
        String region = op.region;
        String bucket = op.resource;
        s3(rec, v2 ? "ListObjectsV2" : "ListObjects", true);
        rec.request = g -> {
            g.writeStartObject();
            g.writeStringField("bucketName", bucket);
            g.writeStringField("Host", bucket + ".s3." + region + ".amazonaws.com");
            g.writeStringField("prefix", prefix);
            g.writeStringField("delimiter", "/");
            if (v2) {
                g.writeStringField("list-type", "2");
            }
            g.writeEndObject();
        };
        rec.resources = g -> {
            g.writeStartArray();
            Rec.resource(g, acct, "AWS::S3::Bucket", "arn:aws:s3:::" + bucket);
            g.writeEndArray();
        };
        call.action = "s3:ListBucket";
        call.resource = "arn:aws:s3:::" + bucket;
    }
}
