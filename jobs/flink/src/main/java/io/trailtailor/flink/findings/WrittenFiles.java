package io.trailtailor.flink.findings;

import io.trailtailor.findings.used.FactsCodec;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.findings.used.UsedSide;
import io.trailtailor.flink.policy.PolicyStage;
import io.trailtailor.output.PathSegment;
import io.trailtailor.rbac.RbacPrincipal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The policy and RBAC files this run wrote, by the principal they are for, so that findings can point at them. The
 * file names follow from the principal by the same rules the writers use; a name is kept only if the file exists
 * (a principal whose every call was denied has none).
 */
final class WrittenFiles {

    private WrittenFiles() {}

    /** Role or user ARN, or {@code cluster/namespace/serviceAccount} → {@code policies/...json}. */
    static Map<String, String> policies(Path out, UsedSide used) {
        Map<String, String> files = new TreeMap<>();
        for (UsedAction a : used.actions()) {
            if (files.containsKey(a.principal())) {
                continue;
            }
            String file =
                    PolicyStage.policyFile(a.kind(), a.principal(), a.cluster(), a.namespace(), a.serviceAccount());
            if (Files.isRegularFile(out.resolve(file))) {
                files.put(a.principal(), file);
            }
        }
        return files;
    }

    /** {@code cluster/principal} (the principal the RBAC generator keyed by) → {@code rbac/<cluster>/<file>.yaml}. */
    static Map<String, String> rbac(Path out) {
        Map<String, String> files = new TreeMap<>();
        for (String line : FactsCodec.lines(out.resolve(FactsStage.WORK_DIR).resolve(FactsCodec.K8S))) {
            String principal = FactsCodec.rbacPrincipalOf(line);
            String cluster = FactsCodec.readK8s(line).cluster();
            if (principal == null || cluster == null) {
                continue;
            }
            String file = "rbac/" + PathSegment.of(cluster) + "/"
                    + RbacPrincipal.parse(principal).fileBase() + ".yaml";
            if (Files.isRegularFile(out.resolve(file))) {
                files.putIfAbsent(cluster + "/" + principal, file);
            }
        }
        return files;
    }
}
