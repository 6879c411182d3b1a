package io.trailtailor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.grants.ManagedPolicies;
import org.junit.jupiter.api.Test;

/** The node baseline comes from the bundled EKS node managed policies, expanded against the catalog. */
class NodeActionsTest {

    @Test
    void coversWhatTheNodesSoftwareDoesAndNothingOfAnApplication() {
        NodeActions node = NodeActions.fromManagedPolicies(ManagedPolicies.loadDefault(), IamCatalog.loadDefault());
        assertThat(node.covers("ec2:DescribeInstances")).isTrue();
        assertThat(node.covers("ecr:GetAuthorizationToken")).isTrue();
        assertThat(node.covers("EC2:AssignPrivateIpAddresses")).isTrue();
        assertThat(node.covers("ssm:UpdateInstanceInformation")).isTrue();
        assertThat(node.covers("s3:ListBucket")).isFalse();
        assertThat(node.covers("s3:GetObject")).isFalse();
        assertThat(node.covers("iam:CreateUser")).isFalse();
    }
}
