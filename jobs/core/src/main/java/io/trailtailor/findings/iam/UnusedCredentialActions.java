package io.trailtailor.findings.iam;

import java.util.Set;

/** TT-IAM-014: an action that returns credentials ({@code sts:AssumeRole} on {@code *} ...), little or no use. */
public final class UnusedCredentialActions extends WideSensitiveGrant {

    @Override
    public String id() {
        return "TT-IAM-014";
    }

    @Override
    Set<String> actions() {
        return SensitiveActions.CREDENTIAL;
    }

    @Override
    String what() {
        return "obtain credentials";
    }
}
