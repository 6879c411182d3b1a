package io.trailtailor.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry against the contract: every rule of the FINDINGS.md catalog, each implemented and loadable. */
class RuleRegistryTest {

    /** The FINDINGS.md catalog's rule ids and types, in its order: the output contract, never renamed. */
    private static final List<Map.Entry<String, String>> CONTRACT = List.of(
            Map.entry("TT-IAM-001", "UNUSED_ROLE"),
            Map.entry("TT-IAM-002", "UNUSED_SERVICE"),
            Map.entry("TT-IAM-003", "UNUSED_ACTIONS"),
            Map.entry("TT-IAM-004", "RESOURCE_SCOPE_WIDER_THAN_USE"),
            Map.entry("TT-IAM-005", "UNUSED_USER_CREDENTIAL"),
            Map.entry("TT-IAM-006", "UNOBSERVABLE_GRANT"),
            Map.entry("TT-IAM-007", "ACCESS_DENIED"),
            Map.entry("TT-IAM-010", "PRIVILEGE_ESCALATION_PATH"),
            Map.entry("TT-IAM-011", "ADMIN_EQUIVALENT_GRANT"),
            Map.entry("TT-IAM-012", "SERVICE_WILDCARD"),
            Map.entry("TT-IAM-013", "UNUSED_DATA_READ"),
            Map.entry("TT-IAM-014", "UNUSED_CREDENTIAL_ACTIONS"),
            Map.entry("TT-IAM-015", "UNUSED_PERMISSIONS_MANAGEMENT"),
            Map.entry("TT-IAM-016", "PASSROLE_UNSCOPED"),
            Map.entry("TT-WID-001", "IRSA_TRUST_MISSING_SUB"),
            Map.entry("TT-WID-002", "TRUST_POLICY_WILDCARD_SUBJECT"),
            Map.entry("TT-WID-003", "ROLE_SHARED_BY_WORKLOADS"),
            Map.entry("TT-WID-004", "POD_IDENTITY_TRUST_UNSCOPED"),
            Map.entry("TT-WID-005", "UNUSED_WORKLOAD_IDENTITY_BINDING"),
            Map.entry("TT-NODE-001", "NODE_ROLE_EXTRA_GRANTS"),
            Map.entry("TT-NODE-002", "NODE_ROLE_USED_BY_PODS"),
            Map.entry("TT-EKS-001", "SYSTEM_MASTERS_MAPPING"),
            Map.entry("TT-EKS-002", "EKS_ACCESS_POLICY_WIDER_THAN_USE"),
            Map.entry("TT-EKS-003", "IDENTITY_MAPPING_WRITABLE"),
            Map.entry("TT-RBAC-001", "UNUSED_BINDING"),
            Map.entry("TT-RBAC-002", "RBAC_UNUSED_GRANTS"),
            Map.entry("TT-RBAC-003", "CLUSTER_ADMIN_BOUND"),
            Map.entry("TT-RBAC-004", "UNUSED_SENSITIVE_RBAC"),
            Map.entry("TT-RBAC-005", "AUTOMOUNT_UNUSED_TOKEN"),
            Map.entry("TT-RBAC-006", "ANONYMOUS_BINDING"));

    @Test
    void everyEntryNamesAClassThatExistsAndAgreesOnItsId() {
        RuleRegistry registry = RuleRegistry.loadDefault();

        assertThat(registry.entries()).hasSize(CONTRACT.size());
        for (RuleRegistry.Entry e : registry.entries()) {
            assertThat(e.rule().id()).isEqualTo(e.info().rule());
        }
    }

    @Test
    void idsAndTypesAreExactlyTheFindingsCatalog() {
        Map<String, String> contract = new LinkedHashMap<>();
        CONTRACT.forEach(e -> contract.put(e.getKey(), e.getValue()));
        Map<String, String> registry = new LinkedHashMap<>();
        RuleRegistry.loadInfos().forEach(i -> registry.put(i.rule(), i.type()));

        assertThat(registry).containsExactlyEntriesOf(contract);
    }
}
