package io.trailtailor.grants.cluster;

import java.time.Instant;

/**
 * From {@code aws eks describe-cluster}: the cluster's name and ARN, its OIDC issuer URL (for IRSA trust policies)
 * and access configuration ({@code authenticationMode} {@code CONFIG_MAP}, {@code API_AND_CONFIG_MAP} or {@code API}).
 */
public record EksClusterInfo(
        String name,
        String arn,
        String oidcIssuer,
        String authenticationMode,
        Boolean bootstrapClusterCreatorAdminPermissions,
        Instant createdAt) {

    /** The issuer as IAM condition keys spell it (no {@code https://}), or null. */
    public String issuerHost() {
        return oidcIssuer == null ? null : oidcIssuer.replaceFirst("^https://", "");
    }
}
