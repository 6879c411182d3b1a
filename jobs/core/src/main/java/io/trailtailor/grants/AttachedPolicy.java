package io.trailtailor.grants;

/** A managed policy attached to a user, group or role ({@code AttachedManagedPolicies[]}). */
public record AttachedPolicy(String name, String arn) {

    /** AWS managed policies live in the {@code aws} pseudo-account: {@code arn:aws:iam::aws:policy/...}. */
    public boolean awsManaged() {
        return arn.contains(":iam::aws:policy/");
    }
}
