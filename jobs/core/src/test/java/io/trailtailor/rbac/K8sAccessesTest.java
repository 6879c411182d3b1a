package io.trailtailor.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditUser;
import io.trailtailor.event.ObjectRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class K8sAccessesTest {

    static AuditEvent event(AuditUser user, String verb, ObjectRef ref, Integer code, String decision) {
        return new AuditEvent(
                "a1",
                "prod",
                "Metadata",
                "ResponseComplete",
                verb,
                "/api/v1/x",
                user,
                null,
                List.of(),
                "ua",
                ref,
                code,
                null,
                null,
                decision,
                null,
                Map.of(),
                null,
                null,
                "f");
    }

    @Test
    void attributesIamRequestsToTheCanonicalArnAndServiceAccountsToTheirUsername() {
        AuditUser iam = new AuditUser(
                "arn:aws:sts::111122223333:assumed-role/dev/alice",
                null,
                List.of(),
                Map.of(
                        "arn",
                        List.of("arn:aws:sts::111122223333:assumed-role/dev/alice"),
                        "canonicalArn",
                        List.of("arn:aws:iam::111122223333:role/dev")));
        K8sAccess a = K8sAccesses.from(
                        event(iam, "get", new ObjectRef("pods", "log", "shop", "web-1", null, "", "v1"), 200, null))
                .orElseThrow();
        assertThat(a.principal()).isEqualTo("arn:aws:iam::111122223333:role/dev");
        assertThat(a.rbacResource()).isEqualTo("pods/log");
        assertThat(a.allowed()).isTrue();

        AuditUser sa = new AuditUser("system:serviceaccount:shop:checkout", null, List.of(), Map.of());
        K8sAccess b = K8sAccesses.from(
                        event(sa, "list", new ObjectRef("secrets", null, "shop", null, null, null, "v1"), 403, null))
                .orElseThrow();
        assertThat(b.principal()).isEqualTo("system:serviceaccount:shop:checkout");
        assertThat(b.apiGroup()).isEmpty();
        assertThat(b.allowed()).isFalse();

        assertThat(K8sAccesses.from(event(sa, "get", null, 200, null))).isEmpty();
        assertThat(K8sAccesses.from(
                                event(sa, "get", new ObjectRef("pods", null, "x", "y", null, "", "v1"), 200, "forbid"))
                        .orElseThrow()
                        .allowed())
                .isFalse();
    }
}
