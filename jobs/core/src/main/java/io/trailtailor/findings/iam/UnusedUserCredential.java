package io.trailtailor.findings.iam;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.CredentialReport;
import io.trailtailor.findings.Evidence;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Finding.Subject;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.Recommendation;
import io.trailtailor.findings.RecommendationKind;
import io.trailtailor.findings.Rule;
import io.trailtailor.findings.RuleInfo;
import io.trailtailor.findings.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TT-IAM-005: from the credential report, an enabled password or active access key never used, or not used for
 * {@link #STALE} before the end of the window. HIGH confidence when the credential is older than the minimum
 * window (the report is IAM's own record of use), LOW when it is newer.
 */
public final class UnusedUserCredential implements Rule {

    static final Duration STALE = Duration.ofDays(90);

    @Override
    public String id() {
        return "TT-IAM-005";
    }

    @Override
    public List<Finding> evaluate(FindingContext ctx, RuleInfo info) {
        List<Finding> out = new ArrayList<>();
        Instant now = ctx.used().windowTo() != null ? ctx.used().windowTo() : Instant.now();
        for (Map<String, String> row : ctx.credentialReport().rows()) {
            String user = row.getOrDefault("user", "");
            if (CredentialReport.flag(row, "password_enabled")) {
                judge(
                        ctx,
                        info,
                        out,
                        now,
                        row,
                        "password",
                        "password_last_changed",
                        "password_last_used",
                        "aws iam delete-login-profile --user-name " + user);
            }
            for (int k = 1; k <= 2; k++) {
                String p = "access_key_" + k;
                if (!CredentialReport.flag(row, p + "_active")) continue;
                judge(
                        ctx,
                        info,
                        out,
                        now,
                        row,
                        p,
                        p + "_last_rotated",
                        p + "_last_used_date",
                        "aws iam list-access-keys --user-name " + user
                                + "  # then: aws iam update-access-key --user-name " + user
                                + " --access-key-id <key " + k + "> --status Inactive");
            }
        }
        return out;
    }

    private static void judge(
            FindingContext ctx,
            RuleInfo info,
            List<Finding> out,
            Instant now,
            Map<String, String> row,
            String credential,
            String createdColumn,
            String lastUsedColumn,
            String command) {
        Optional<Instant> lastUsed = CredentialReport.time(row, lastUsedColumn);
        if (lastUsed.isPresent() && Duration.between(lastUsed.get(), now).compareTo(STALE) < 0) return;
        Instant created = CredentialReport.time(row, createdColumn)
                .or(() -> CredentialReport.time(row, "user_creation_time"))
                .orElse(null);
        boolean old = created == null
                || Duration.between(created, now).compareTo(ctx.options().minWindow()) >= 0;
        String user = row.getOrDefault("user", "");
        String arn = row.getOrDefault("arn", "");
        Map<String, Object> facts = new TreeMap<>();
        facts.put("credential", credential);
        facts.put("created", String.valueOf(created));
        facts.put("lastUsed", lastUsed.map(Instant::toString).orElse(row.getOrDefault(lastUsedColumn, "N/A")));
        String when = lastUsed.map(t -> "not used since " + t).orElse("never used");
        out.add(Finding.of(
                info,
                Severity.MEDIUM,
                old ? Confidence.HIGH : Confidence.LOW,
                Subject.principal(arn, user.equals("<root_account>")),
                "User " + user + " " + credential.replace('_', ' ') + " " + when,
                "The credential report shows the " + credential.replace('_', ' ') + " of " + user + " " + when
                        + (old ? "." : "; it is newer than the minimum window."),
                credential,
                List.of(),
                new Evidence(
                        List.of(new Evidence.Granted("CREDENTIAL", arn, credential, List.of(), List.of())),
                        List.of(),
                        facts),
                new Recommendation(
                        RecommendationKind.DEACTIVATE_CREDENTIAL,
                        "Deactivate the " + credential.replace('_', ' ') + ", then delete it",
                        null,
                        command,
                        "text")));
    }
}
