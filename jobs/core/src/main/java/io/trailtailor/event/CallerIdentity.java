package io.trailtailor.event;

import java.time.Instant;

/**
 * CloudTrail's {@code userIdentity}, flattened. {@code sessionIssuerArn} is {@code sessionContext.sessionIssuer.arn};
 * {@code sessionName} is the last part of an assumed-role ARN (or of the principal id);
 * {@code webIdProvider} is {@code sessionContext.webIdFederationData.federatedProvider} on calls made with web-identity
 * credentials, or {@code identityProvider} on the {@code AssumeRoleWithWebIdentity} event itself.
 */
public record CallerIdentity(
        String type,
        String arn,
        String accountId,
        String principalId,
        String accessKeyId,
        String userName,
        String sessionIssuerArn,
        String sessionIssuerType,
        String sessionName,
        String webIdProvider,
        String invokedBy,
        Instant creationDate,
        String ec2RoleDelivery,
        String sourceIdentity) {

    public static final CallerIdentity EMPTY =
            new CallerIdentity(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public boolean isAssumedRole() {
        return "AssumedRole".equals(type);
    }

    public boolean isAwsService() {
        return "AWSService".equals(type);
    }
}
