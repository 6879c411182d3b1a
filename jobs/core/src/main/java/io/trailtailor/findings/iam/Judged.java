package io.trailtailor.findings.iam;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding.Subject;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.EffectiveGrants;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One principal as the IAM rules judge it: a role on its own, a role for one workload that used it (FINDINGS.md
 * "per workload where attribution allows"), or a user; with what it is granted, what it did and how sure an
 * "unused" can be.
 *
 * @param principalArn the role or user whose grants are judged
 * @param grants the principal's effective grants
 * @param rows the usage rows of the subject (the workload's rows when judged per workload), successful and denied
 * @param confidence the most an "unused" claim about this subject can be trusted
 * @param confidenceWhy why the confidence is what it is, for the finding's detail
 * @param policyKey the key of the generated policy in {@code FindingContext.policyFiles()}
 * @param existedAllWindow false for a principal created during the window
 */
record Judged(
        Subject subject,
        String principalArn,
        EffectiveGrants grants,
        List<UsedAction> rows,
        Confidence confidence,
        String confidenceWhy,
        String policyKey,
        boolean existedAllWindow) {

    Judged {
        rows = List.copyOf(rows);
    }

    /** Successful calls only: denied calls are never use. */
    List<UsedAction> used() {
        return rows.stream().filter(r -> !r.denied()).toList();
    }

    List<UsedAction> denied() {
        return rows.stream().filter(UsedAction::denied).toList();
    }

    /** Actions called successfully, case-insensitive. */
    Set<String> usedActions() {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        used().forEach(r -> out.add(r.action()));
        return out;
    }

    Set<String> usedServices() {
        Set<String> out = new TreeSet<>();
        used().forEach(r -> out.add(r.service()));
        return out;
    }

    List<UsedAction> usedOf(String action) {
        return used().stream().filter(r -> r.action().equalsIgnoreCase(action)).toList();
    }

    /** Who, in words: {@code role R} or {@code role R for workload c/ns/sa}. */
    String who() {
        return subject.serviceAccount() == null
                ? principalArn
                : principalArn + " for workload " + subject.cluster() + "/" + subject.namespace() + "/"
                        + subject.serviceAccount();
    }
}
