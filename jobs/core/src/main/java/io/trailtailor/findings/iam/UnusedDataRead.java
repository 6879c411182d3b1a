package io.trailtailor.findings.iam;

import java.util.Set;

/** TT-IAM-013: a data read (S3 objects, secrets, parameters, KMS decrypt ...) on all resources, little or no use. */
public final class UnusedDataRead extends WideSensitiveGrant {

    @Override
    public String id() {
        return "TT-IAM-013";
    }

    @Override
    Set<String> actions() {
        return SensitiveActions.DATA_READ;
    }

    @Override
    String what() {
        return "read data";
    }
}
