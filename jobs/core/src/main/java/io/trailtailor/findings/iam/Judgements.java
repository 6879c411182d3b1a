package io.trailtailor.findings.iam;

import io.trailtailor.findings.Confidence;
import io.trailtailor.findings.Finding.Subject;
import io.trailtailor.findings.FindingContext;
import io.trailtailor.findings.used.UsedAction;
import io.trailtailor.grants.EffectiveGrants;
import io.trailtailor.grants.RoleGrant;
import io.trailtailor.grants.UserGrant;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.identity.WorkloadSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the snapshot's roles and users into the subjects the IAM rules judge. A role that workloads used is judged
 * once per workload with that workload's own usage; a role no workload used is judged as itself. Confidence follows
 * FINDINGS.md: HIGH needs the minimum window, a principal that existed all window and exact attribution (role
 * sessions in CloudTrail, Pod Identity); IRSA or a short window gives MEDIUM; node roles (instance profiles) and
 * principals created during the window give LOW.
 */
final class Judgements {

    private Judgements() {}

    /** Every subject; empty without a snapshot or without any input window (the rules never guess). */
    static List<Judged> of(FindingContext ctx) {
        List<Judged> out = new ArrayList<>(roles(ctx));
        out.addAll(users(ctx));
        return out;
    }

    static boolean silent(FindingContext ctx) {
        return !ctx.hasIamSnapshot() || ctx.used().windowFrom() == null;
    }

    static List<Judged> roles(FindingContext ctx) {
        if (silent(ctx)) return List.of();
        List<Judged> out = new ArrayList<>();
        for (RoleGrant role : ctx.roles()) {
            boolean existed = ctx.existedAllWindow(role.createDate());
            List<WorkloadSummary> workloads = ctx.used().workloadsOfRole(role.arn());
            if (workloads.isEmpty()) {
                Subject s = Subject.principal(role.arn(), role.serviceLinked());
                out.add(judged(ctx, s, role.arn(), ctx.used().ofRole(role.arn()), List.of(), existed, role.arn()));
                continue;
            }
            for (WorkloadSummary w : workloads) {
                Subject s = Subject.principal(role.arn(), role.serviceLinked() || "kube-system".equals(w.namespace()))
                        .withWorkload(w.cluster(), w.namespace(), w.serviceAccount());
                String key = w.cluster() + "/" + w.namespace() + "/" + w.serviceAccount();
                List<UsedAction> rows = ctx.used().ofWorkload(w.cluster(), w.namespace(), w.serviceAccount());
                String policyKey = ctx.policyFiles().containsKey(key) ? key : role.arn();
                out.add(judged(ctx, s, role.arn(), rows, w.mechanisms(), existed, policyKey));
            }
        }
        return out;
    }

    static List<Judged> users(FindingContext ctx) {
        if (silent(ctx)) return List.of();
        List<Judged> out = new ArrayList<>();
        for (UserGrant user : ctx.users()) {
            Subject s = Subject.principal(user.arn(), false);
            List<UsedAction> rows = ctx.used().of(UsedAction.USER, user.arn());
            out.add(judged(ctx, s, user.arn(), rows, List.of(), ctx.existedAllWindow(user.createDate()), user.arn()));
        }
        return out;
    }

    private static Judged judged(
            FindingContext ctx,
            Subject s,
            String arn,
            List<UsedAction> rows,
            List<Mechanism> mechanisms,
            boolean existed,
            String policyKey) {
        Confidence c = Confidence.HIGH;
        List<String> why = new ArrayList<>();
        if (!existed) {
            c = c.min(Confidence.LOW);
            why.add("created during the window");
        }
        if (mechanisms.contains(Mechanism.INSTANCE_PROFILE)) {
            c = c.min(Confidence.LOW);
            why.add("node-role attribution is by candidate pods");
        } else if (mechanisms.contains(Mechanism.IRSA) && !mechanisms.contains(Mechanism.POD_IDENTITY)) {
            c = c.min(Confidence.MEDIUM);
            why.add("IRSA attribution");
        }
        if (!ctx.windowLongEnough()) {
            c = c.min(Confidence.MEDIUM);
            why.add("window " + ctx.window().toDays() + "d is shorter than "
                    + ctx.options().minWindow().toDays() + "d");
        }
        EffectiveGrants g = ctx.iam()
                .role(arn)
                .map(ctx::grantsOf)
                .orElseGet(() -> ctx.iam().user(arn).map(ctx::grantsOf).orElseThrow());
        String reason = why.isEmpty() ? "window and attribution complete" : String.join("; ", why);
        return new Judged(s, arn, g, rows, c, reason, policyKey, existed);
    }
}
