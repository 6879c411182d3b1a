package io.trailtailor.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacPrincipalTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "system:serviceaccount:shop:checkout | SERVICE_ACCOUNT | sa.shop.checkout",
                "system:serviceaccount:kube-system:aws.load-balancer | SERVICE_ACCOUNT | sa.kube-system.aws.load-balancer",
                "arn:aws:iam::111122223333:role/ci-deployer | IAM_ROLE | role.111122223333.ci-deployer",
                "arn:aws:iam::111122223333:role/team/a/ci-deployer | IAM_ROLE | role.111122223333.ci-deployer",
                "arn:aws:sts::111122223333:assumed-role/ci-deployer/session-1 | IAM_ROLE | role.111122223333.ci-deployer",
                "arn:aws-cn:iam::111122223333:user/alice | IAM_USER | user.111122223333.alice",
                "arn:aws:iam::111122223333:role/deploy+prod@x | IAM_ROLE | role.111122223333.deploy+prod@x",
                "arn:aws:iam::111122223333:user/a/b | IAM_USER | user.111122223333.b",
                "system:serviceaccount:shop:..evil | SERVICE_ACCOUNT | sa.shop._.evil-",
                "kubernetes-admin | OTHER | other.kubernetes-admin",
                "system:node:ip-10-0-0-1 | OTHER | other.system_node_ip-10-0-0-1-"
            })
    void parsesPrincipalsAndNamesTheirFiles(String principal, RbacPrincipal.Kind kind, String fileStart) {
        RbacPrincipal p = RbacPrincipal.parse(principal);
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.fileBase())
                .startsWith(fileStart)
                .matches("[A-Za-z0-9._@+=,-]+")
                .doesNotContain("..");
        if (fileStart.endsWith("-")) assertThat(p.fileBase()).hasSize(fileStart.length() + 8);
        else assertThat(p.fileBase()).isEqualTo(fileStart);
    }

    @Test
    void sanitizedNamesOfDifferentPrincipalsDiffer() {
        assertThat(RbacPrincipal.parse("a:b").fileBase())
                .isNotEqualTo(RbacPrincipal.parse("a/b").fileBase());
    }

    @Test
    void eksDefaultUsernameOfARoleCarriesTheSessionTemplate() {
        assertThat(RbacPrincipal.parse("arn:aws:iam::111122223333:role/r").eksDefaultUsername())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/r/{{SessionName}}");
    }
}
