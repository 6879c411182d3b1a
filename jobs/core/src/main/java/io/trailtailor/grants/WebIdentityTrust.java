package io.trailtailor.grants;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One trust statement that lets tokens of an OIDC provider assume the role ({@code Federated} provider ARN,
 * {@code sts:AssumeRoleWithWebIdentity}): IRSA when the provider is an EKS cluster's issuer. It answers what the
 * workload-identity rules ask: is {@code <issuer>:sub} / {@code :aud} constrained, which subject patterns are
 * wildcards, which are the dead {@code *}-inside-{@code StringEquals} kind, and which observed service accounts the
 * whole trust policy admits.
 */
public record WebIdentityTrust(String providerArn, String issuer, TrustStatement statement) {

    public static final String ACTION = "sts:AssumeRoleWithWebIdentity";
    /** The audience EKS-projected IRSA tokens carry. */
    public static final String STS_AUDIENCE = "sts.amazonaws.com";

    private static final Pattern EKS_ISSUER =
            Pattern.compile("oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/id/[A-Za-z0-9]+");
    private static final List<String> EQUALS_OPS =
            List.of("StringEquals", "ForAnyValue:StringEquals", "StringEqualsIgnoreCase");
    private static final List<String> LIKE_OPS = List.of("StringLike", "ForAnyValue:StringLike");

    /** The web-identity Allow statements of a trust policy, one entry per (statement, provider). */
    public static List<WebIdentityTrust> of(TrustPolicy policy) {
        List<WebIdentityTrust> out = new ArrayList<>();
        for (TrustStatement s : TrustEvaluator.allowStatementsFor(policy, "Federated", ACTION)) {
            for (String provider : s.principals("Federated")) {
                if (provider.contains(":oidc-provider/")) {
                    out.add(new WebIdentityTrust(provider, issuerOf(provider), s));
                }
            }
        }
        return out;
    }

    /** {@code arn:aws:iam::1:oidc-provider/oidc.eks.r.amazonaws.com/id/X} → {@code oidc.eks.r.amazonaws.com/id/X}. */
    public static String issuerOf(String providerArn) {
        int i = providerArn.indexOf(":oidc-provider/");
        return i < 0 ? providerArn : providerArn.substring(i + ":oidc-provider/".length());
    }

    /** An issuer URL as {@code describe-cluster} prints it ({@code https://...}) in the form condition keys use. */
    public static String issuerFromUrl(String url) {
        return url.replaceFirst("^https://", "");
    }

    public boolean isEksIssuer() {
        return EKS_ISSUER.matcher(issuer).matches();
    }

    public String subKey() {
        return issuer + ":sub";
    }

    public String audKey() {
        return issuer + ":aud";
    }

    public boolean hasSubCondition() {
        return statement.hasConditionKey(subKey());
    }

    public boolean hasAudCondition() {
        return statement.hasConditionKey(audKey());
    }

    /** {@code :sub} patterns under a Like operator that contain {@code *} or {@code ?}: as wide as the pattern. */
    public List<String> wildcardSubjectPatterns() {
        return subValues(LIKE_OPS).stream()
                .filter(WebIdentityTrust::hasWildcard)
                .toList();
    }

    /** {@code :sub} values under an Equals operator that contain {@code *} or {@code ?}: literal, never a real SA. */
    public List<String> literalWildcardSubjects() {
        return subValues(EQUALS_OPS).stream()
                .filter(WebIdentityTrust::hasWildcard)
                .toList();
    }

    /**
     * True when the statement constrains {@code :sub} only with literal-wildcard values: no real token matches, so
     * the statement can never admit anyone (the trap).
     */
    public boolean subjectNeverMatches() {
        List<String> equals = subValues(EQUALS_OPS);
        return !equals.isEmpty()
                && equals.stream().allMatch(WebIdentityTrust::hasWildcard)
                && subValues(LIKE_OPS).isEmpty();
    }

    private List<String> subValues(List<String> operators) {
        List<String> out = new ArrayList<>();
        for (String op : operators) {
            statement.conditions().forEach((o, keys) -> {
                if (o.equalsIgnoreCase(op) || o.equalsIgnoreCase(op + "IfExists")) {
                    keys.forEach((k, v) -> {
                        if (k.equalsIgnoreCase(subKey())) out.addAll(v);
                    });
                }
            });
        }
        return out;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /**
     * The observed subjects (e.g. {@code system:serviceaccount:web:backend}) the whole policy lets assume the role
     * through this provider with the STS audience, in input order.
     */
    public static List<String> admittedSubjects(TrustPolicy policy, String providerArn, Collection<String> subjects) {
        return subjects.stream()
                .filter(s -> TrustEvaluator.allows(policy, AssumeRequest.webIdentity(providerArn, s, STS_AUDIENCE)))
                .toList();
    }

    /** {@code system:serviceaccount:<ns>:<sa>}. */
    public static String subject(String namespace, String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }
}
