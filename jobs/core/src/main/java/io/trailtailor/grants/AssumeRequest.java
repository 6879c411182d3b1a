package io.trailtailor.grants;

import java.util.List;
import java.util.Map;

/**
 * A request to assume a role: the caller as a trust-policy principal ({@code principalType} {@code AWS},
 * {@code Service} or {@code Federated}, and its ARN, service name or provider ARN), the {@code sts:} action and the
 * context keys the request carries (for example {@code <issuer>:sub}, {@code aws:RequestTag/kubernetes-namespace}).
 */
public record AssumeRequest(String principalType, String principal, String action, Map<String, List<String>> context) {

    public AssumeRequest {
        context = Map.copyOf(context);
    }

    /** IRSA: a pod's projected token for {@code system:serviceaccount:<ns>:<sa>} sent to the OIDC provider. */
    public static AssumeRequest webIdentity(String providerArn, String subject, String audience) {
        String issuer = WebIdentityTrust.issuerOf(providerArn);
        return new AssumeRequest(
                "Federated",
                providerArn,
                "sts:AssumeRoleWithWebIdentity",
                Map.of(issuer + ":sub", List.of(subject), issuer + ":aud", List.of(audience)));
    }
}
