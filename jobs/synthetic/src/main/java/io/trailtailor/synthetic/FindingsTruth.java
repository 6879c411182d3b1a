package io.trailtailor.synthetic;

import static io.trailtailor.synthetic.JsonOut.arr;
import static io.trailtailor.synthetic.JsonOut.obj;

import io.trailtailor.synthetic.Model.Cluster;
import io.trailtailor.synthetic.Model.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code truth/expected-findings.json} (what the e2e test compares findings with: the rule and subject each
 * deliberate over-privilege of {@link IamSnapshotWriter} must fire on, and the tight roles that must stay silent) and
 * {@code snapshots/credential-report.csv} (the deploy bot's second access key was never used).
 */
final class FindingsTruth {
    private FindingsTruth() {}

    /** @param clusterCases the RBAC and EKS cases of {@link ClusterSnapshotWriter}, appended to the IAM ones */
    static void write(World w, Path out, List<Object> clusterCases) throws IOException {
        List<Object> cases = arr();
        List<Object> silent = arr();
        String a1 = w.accounts.get(0).id;
        cases.add(expect("TT-IAM-001", "arn:aws:iam::" + a1 + ":role/break-glass-admin"));
        cases.add(expect("TT-IAM-011", w.samlRole.arn()));
        for (Cluster c : w.clusters) {
            if (c == w.clusters.get(0)) c.nodeGroups.forEach(ng -> cases.add(expect("TT-NODE-001", ng.role.arn())));
            // the first cluster's pods without an identity of their own read S3 with the node's credentials
            if (c == w.clusters.get(0)) c.nodeGroups.forEach(ng -> cases.add(expect("TT-NODE-002", ng.role.arn())));
            else c.nodeGroups.forEach(ng -> silent.add(expect("TT-NODE-001", ng.role.arn())));
            for (Workload wl : c.workloads) {
                if (wl.role == null) continue;
                String arn = wl.role.arn();
                switch (wl.role.name) {
                    case "report-builder-irsa" -> {
                        for (String r : List.of("TT-IAM-012", "TT-IAM-004", "TT-IAM-003", "TT-WID-002", "TT-IAM-007")) {
                            cases.add(expect(r, arn));
                        }
                    }
                    case "legacy-worker-role" -> {
                        for (String r : List.of("TT-IAM-013", "TT-IAM-006", "TT-IAM-002")) cases.add(expect(r, arn));
                    }
                    case "checkout-pod-role" -> {
                        cases.add(expect("TT-WID-004", arn));
                        cases.add(expect("TT-IAM-007", arn));
                    }
                    case "etl-orchestrator-irsa" -> {
                        cases.add(expect("TT-IAM-014", arn));
                        cases.add(expect("TT-WID-001", arn));
                    }
                    case "ci-deployer" -> {
                        for (String r : List.of("TT-IAM-010", "TT-IAM-016", "TT-IAM-015", "TT-EKS-003")) {
                            cases.add(expect(r, arn));
                        }
                    }
                    case "ml-trainer-role" -> cases.add(expect("TT-IAM-011", arn));
                    case "payments-api-irsa", "ingest-worker-irsa" -> {
                        cases.add(expect("TT-IAM-007", arn));
                        for (String r : List.of("TT-IAM-002", "TT-IAM-011", "TT-IAM-013", "TT-WID-001", "TT-WID-002")) {
                            silent.add(expect(r, arn));
                        }
                    }
                    default -> silent.add(expect("TT-IAM-011", arn));
                }
            }
        }
        silent.add(expect("TT-IAM-001", w.githubRole.arn()));
        String user = "arn:aws:iam::" + w.userAccount.id + ":user/" + w.userName;
        cases.add(expect("TT-IAM-005", user));
        cases.addAll(clusterCases);
        JsonOut.write(out.resolve("truth/expected-findings.json"), obj("cases", cases, "mustNotFire", silent));
        String created = "2026-08-01T00:00:00+00:00";
        String csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
                + "cert_2_active,cert_2_last_rotated\n"
                + w.userName + "," + user + "," + created + ",false,N/A,N/A,N/A,false,true," + created
                + ",2026-11-01T00:00:00+00:00,us-east-1,s3,true," + created + ",N/A,N/A,N/A,false,N/A,false,N/A\n";
        Files.createDirectories(out.resolve("snapshots"));
        Files.writeString(out.resolve("snapshots/credential-report.csv"), csv);
    }

    private static Object expect(String rule, String principalArn) {
        return obj("rule", rule, "principalArn", principalArn);
    }
}
