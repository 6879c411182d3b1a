package io.trailtailor.synthetic;

import io.trailtailor.synthetic.Model.Op;

/** The IAM action and resource ARN a simulated call needs, for the least-privilege grants of the IAM snapshot. */
final class OpGrants {
    private OpGrants() {}

    /** {action, resource}, or null for a call that needs no permission (GetCallerIdentity). */
    static String[] actionAndResource(Op op) {
        String acct = op.account.id;
        String reg = op.region;
        String res = op.resource;
        String prefix = op.detail == null ? "" : op.detail;
        return switch (op.kind) {
            case S3_GET, S3_HEAD, S3_GET_JOB_PART -> pair("s3:GetObject", "arn:aws:s3:::" + res + "/" + prefix + "*");
            case S3_PUT -> pair("s3:PutObject", "arn:aws:s3:::" + res + "/" + prefix + "*");
            case S3_LIST, S3_LIST_V2, S3_LIST_JOB -> pair("s3:ListBucket", "arn:aws:s3:::" + res);
            case S3_LIST_BUCKETS -> pair("s3:ListAllMyBuckets", "*");
            case DDB_GET -> pair("dynamodb:GetItem", ddb(reg, acct, res));
            case DDB_PUT -> pair("dynamodb:PutItem", ddb(reg, acct, res));
            case DDB_QUERY -> pair("dynamodb:Query", ddb(reg, acct, res) + (op.detail == null ? "" : "/index/*"));
            case SQS_SEND -> pair("sqs:SendMessage", "arn:aws:sqs:" + reg + ":" + acct + ":" + res);
            case SQS_RECEIVE -> pair("sqs:ReceiveMessage", "arn:aws:sqs:" + reg + ":" + acct + ":" + res);
            case KMS_DECRYPT -> pair("kms:Decrypt", "arn:aws:kms:" + reg + ":" + acct + ":key/" + res);
            case KMS_GENERATE -> pair("kms:GenerateDataKey", "arn:aws:kms:" + reg + ":" + acct + ":key/" + res);
            case SECRET_GET ->
                pair(
                        "secretsmanager:GetSecretValue",
                        "arn:aws:secretsmanager:" + reg + ":" + acct + ":secret:" + res + "-*");
            case SSM_GET -> pair("ssm:GetParameter", "arn:aws:ssm:" + reg + ":" + acct + ":parameter" + res);
            case STS_WHOAMI -> null;
            case LAMBDA_INVOKE -> pair("lambda:InvokeFunction", fn(reg, acct, res));
            case LAMBDA_GET -> pair("lambda:GetFunction", fn(reg, acct, res));
            case EKS_CREATE_NODEGROUP -> pair("eks:CreateNodegroup", eks(reg, acct, res));
            case EKS_CREATE_ADDON -> pair("eks:CreateAddon", eks(reg, acct, res));
            case EKS_DESCRIBE_CLUSTER -> pair("eks:DescribeCluster", eks(reg, acct, res));
            case EKS_LIST_CLUSTERS -> pair("eks:ListClusters", "*");
            case CW_PUT_METRIC -> pair("cloudwatch:PutMetricData", "*");
            case ECR_TOKEN -> pair("ecr:GetAuthorizationToken", "*");
            case ECR_BATCH_GET_IMAGE -> pair("ecr:BatchGetImage", ecr(reg, acct, res));
            case ECR_DOWNLOAD_URL -> pair("ecr:GetDownloadUrlForLayer", ecr(reg, acct, res));
            case ECR_PUT_IMAGE -> pair("ecr:PutImage", ecr(reg, acct, res));
            case EC2_DESCRIBE_INSTANCES -> pair("ec2:DescribeInstances", "*");
        };
    }

    private static String[] pair(String action, String resource) {
        return new String[] {action, resource};
    }

    private static String ddb(String reg, String acct, String table) {
        return "arn:aws:dynamodb:" + reg + ":" + acct + ":table/" + table;
    }

    private static String fn(String reg, String acct, String name) {
        return "arn:aws:lambda:" + reg + ":" + acct + ":function:" + name;
    }

    private static String eks(String reg, String acct, String name) {
        return "arn:aws:eks:" + reg + ":" + acct + ":cluster/" + name;
    }

    private static String ecr(String reg, String acct, String name) {
        return "arn:aws:ecr:" + reg + ":" + acct + ":repository/" + name;
    }
}
