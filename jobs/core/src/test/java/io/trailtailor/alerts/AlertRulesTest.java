package io.trailtailor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.catalog.RequiredAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each alert type's decision over routed observations in event-time order, with exact alerts and ids. */
class AlertRulesTest {

    static final String ROLE = "arn:aws:iam::111122223333:role/app-reader";
    static final String NODE_ROLE = "arn:aws:iam::111122223333:role/eks-node";
    static final String USER = "arn:aws:iam::111122223333:user/ci";
    static final Instant DAY1 = Instant.parse("2026-11-01T08:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-11-02T10:15:00Z");
    static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    final AlertTypes registry = AlertTypes.loadDefault();

    /** Runs the rules over routed observations the way the Flink stage does: per type and key, in event order. */
    static final class Runner {
        final Map<String, AlertRule> rules;
        final Map<String, InMemoryKeyMemory> memory = new HashMap<>();

        Runner(AlertTypes registry, AlertContext context) {
            rules = registry.rules(context);
        }

        List<Alert> run(List<AlertRoutes.Routed> routed) {
            List<AlertRoutes.Routed> sorted = new ArrayList<>(routed);
            sorted.sort((a, b) -> Observation.compare(a.observation(), b.observation()));
            List<Alert> out = new ArrayList<>();
            for (AlertRoutes.Routed r : sorted) {
                KeyMemory m = memory.computeIfAbsent(r.type() + "#" + r.key(), k -> new InMemoryKeyMemory());
                rules.get(r.type()).decide(r.key(), r.observation(), m, NOW).ifPresent(out::add);
            }
            return out;
        }
    }

    static AlertRoutes.CallFacts call(
            String id, Instant t, String mechanism, String role, String user, boolean denied) {
        return new AlertRoutes.CallFacts(
                id,
                t.toEpochMilli(),
                mechanism,
                role,
                user,
                role != null ? role : user,
                role != null && !"INSTANCE_PROFILE".equals(mechanism) ? "prod" : null,
                role != null ? "shop" : null,
                role != null ? "reader" : null,
                role != null ? "pod-uid-1" : null,
                denied,
                "s3:GetObject",
                null);
    }

    static List<RequiredAction> actions(String... actions) {
        List<RequiredAction> out = new ArrayList<>();
        for (String a : actions) {
            out.add(new RequiredAction(a, List.of("arn:aws:s3:::bucket/key"), RequiredAction.Origin.DEFAULT_RULE, ""));
        }
        return out;
    }

    @Test
    void newActionFiresOnceAfterTheLearningWindowForRoleAndWorkload() {
        Runner r = new Runner(registry, new AlertContext(null, LearningWindow.defaults(), NodeActions.none()));
        List<AlertRoutes.Routed> in = new ArrayList<>();
        in.addAll(AlertRoutes.ofCall(call("e1", DAY1, "IRSA", ROLE, null, false), actions("s3:GetObject")));
        // still in the window (23 h after the first call): learnt, not alerted
        in.addAll(AlertRoutes.ofCall(
                call("e2", DAY1.plusSeconds(23 * 3600), "IRSA", ROLE, null, false), actions("s3:ListBucket")));
        in.addAll(AlertRoutes.ofCall(call("e3", DAY2, "IRSA", ROLE, null, false), actions("s3:PutObject")));
        in.addAll(AlertRoutes.ofCall(
                call("e4", DAY2.plusSeconds(60), "IRSA", ROLE, null, false),
                actions("s3:PutObject", "s3:GetObject", "s3:ListBucket")));

        List<Alert> alerts = r.run(in);

        assertThat(alerts)
                .extracting(Alert::type, Alert::eventId, Alert::action, Alert::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "NEW_ACTION",
                                "e3",
                                "s3:PutObject",
                                AlertId.of("TT-ALERT-001", "ROLE|role:111122223333/app-reader", "s3:PutObject")),
                        org.assertj.core.groups.Tuple.tuple(
                                "NEW_ACTION",
                                "e3",
                                "s3:PutObject",
                                AlertId.of("TT-ALERT-001", "WORKLOAD|prod/shop/reader", "s3:PutObject")));
        Alert workload = alerts.get(1);
        assertThat(workload.time()).isEqualTo(DAY2);
        assertThat(workload.detectedAt()).isEqualTo(NOW);
        assertThat(workload.severity()).isEqualTo("MEDIUM");
        assertThat(workload.detail())
                .isEqualTo("workload prod/shop/reader used s3:PutObject, which its learning window does not hold");
        assertThat(workload.principalArn()).isEqualTo(ROLE);
        assertThat(workload.podUid()).isEqualTo("pod-uid-1");
    }

    @Test
    void newActionNeverFiresInsideTheRunsFirstDayWhenTheWindowHasAStart() {
        LearningWindow fixed = new LearningWindow(DAY1, LearningWindow.DEFAULT_LENGTH);
        Runner r = new Runner(registry, new AlertContext(null, fixed, NodeActions.none()));
        // the user first shows up 20 h into the run: its first 4 h are inside the run's window, then it alerts
        Instant t = DAY1.plusSeconds(20 * 3600);
        List<AlertRoutes.Routed> in = new ArrayList<>();
        in.addAll(AlertRoutes.ofCall(call("u1", t, "IAM_USER", null, USER, false), actions("iam:ListRoles")));
        in.addAll(AlertRoutes.ofCall(
                call("u2", t.plusSeconds(5 * 3600), "IAM_USER", null, USER, false), actions("iam:CreateRole")));

        assertThat(r.run(in))
                .extracting(Alert::eventId, Alert::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "u2", AlertId.of("TT-ALERT-001", "USER|user:111122223333/ci", "iam:CreateRole")));
    }

    @Test
    void newActionAgainstABaselineFiresFromTheStart() {
        AlertBaseline baseline = new AlertBaseline(
                Map.of("prod/shop/reader", List.of("s3:GetObject")),
                Map.of("policies/roles/111122223333/app-reader", List.of("s3:Get*", "s3:PutObject")),
                Map.of(),
                Map.of());
        Runner r = new Runner(registry, new AlertContext(baseline, LearningWindow.defaults(), NodeActions.none()));
        List<Alert> alerts = r.run(AlertRoutes.ofCall(
                call("b1", DAY1, "IRSA", ROLE, null, false), actions("s3:GetObjectTagging", "s3:PutObject")));
        // the role's policy allows both; the workload only ever used s3:GetObject
        assertThat(alerts)
                .extracting(Alert::action, Alert::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "s3:GetObjectTagging",
                                AlertId.of("TT-ALERT-001", "WORKLOAD|prod/shop/reader", "s3:GetObjectTagging")),
                        org.assertj.core.groups.Tuple.tuple(
                                "s3:PutObject",
                                AlertId.of("TT-ALERT-001", "WORKLOAD|prod/shop/reader", "s3:PutObject")));
        assertThat(alerts.get(0).detail())
                .isEqualTo("workload prod/shop/reader used s3:GetObjectTagging, which the baseline's workloads.json"
                        + " does not hold");
    }

    @Test
    void accessDeniedOncePerPrincipalActionAndHour() {
        Runner r = new Runner(registry, new AlertContext(null, null, null));
        Instant h = Instant.parse("2026-11-02T10:00:00Z");
        List<AlertRoutes.Routed> in = new ArrayList<>();
        for (String[] c : new String[][] {
            {"d3", "2026-11-02T10:59:59Z"},
            {"d1", "2026-11-02T10:05:00Z"},
            {"d2", "2026-11-02T10:05:00Z"},
            {"d4", "2026-11-02T11:00:00Z"}
        }) {
            in.addAll(AlertRoutes.ofCall(
                    call(c[0], Instant.parse(c[1]), "IRSA", ROLE, null, true), actions("s3:GetObject")));
        }
        List<Alert> alerts = r.run(in);
        assertThat(alerts)
                .extracting(Alert::eventId, Alert::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "d1", "4311852c62a81bae87a8e286c329ce94db4be892b4dc398d08be2aaf3dbdd7aa"),
                        org.assertj.core.groups.Tuple.tuple(
                                "d4",
                                AlertId.of(
                                        "TT-ALERT-002",
                                        "role:111122223333/app-reader",
                                        "s3:GetObject",
                                        "2026-11-02T11:00:00Z")));
        assertThat(alerts.get(0).detail())
                .isEqualTo(
                        ROLE + " was denied s3:GetObject in the hour from " + h + " (first denied call of that hour)");
        AlertRule rule = registry.rules(new AlertContext(null, null, null)).get("ACCESS_DENIED");
        assertThat(rule.forgetAfter("k", in.get(0).observation()))
                .isEqualTo(Instant.parse("2026-11-03T11:00:00Z").toEpochMilli());
        // denied calls are not uses: nothing was learnt for NEW_ACTION
        assertThat(r.memory.keySet()).allMatch(k -> k.startsWith("ACCESS_DENIED#"));
    }

    @Test
    void nodeRoleCallsOutsideTheNodePoliciesAlertOncePerAction() {
        NodeActions node = new NodeActions(Set.of("ec2:DescribeInstances", "ecr:GetAuthorizationToken"));
        Runner r = new Runner(registry, new AlertContext(null, null, node));
        List<AlertRoutes.Routed> in = new ArrayList<>();
        in.addAll(AlertRoutes.ofCall(
                call("n1", DAY1, "INSTANCE_PROFILE", NODE_ROLE, null, false), actions("ec2:DescribeInstances")));
        in.addAll(AlertRoutes.ofCall(
                call("n2", DAY1.plusSeconds(10), "INSTANCE_PROFILE", NODE_ROLE, null, false),
                actions("s3:ListBucket")));
        in.addAll(AlertRoutes.ofCall(
                call("n3", DAY1.plusSeconds(20), "INSTANCE_PROFILE", NODE_ROLE, null, false),
                actions("s3:ListBucket")));
        List<Alert> alerts = r.run(in);
        assertThat(alerts)
                .extracting(Alert::type, Alert::eventId, Alert::action, Alert::severity, Alert::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "NODE_ROLE_USED_BY_PODS",
                        "n2",
                        "s3:ListBucket",
                        "HIGH",
                        AlertId.of("TT-ALERT-003", "role:111122223333/eks-node", "s3:ListBucket")));
        // instance-profile calls are the node rule's: no NEW_ACTION learning for the node role
        assertThat(r.memory.keySet()).containsExactly("NODE_ROLE_USED_BY_PODS#role:111122223333/eks-node");
    }

    @Test
    void newK8sPrincipalAfterTheClustersLearningWindow() {
        Runner r = new Runner(registry, new AlertContext(null, null, null));
        String other = "arn:aws:iam::111122223333:role/intruder";
        List<AlertRoutes.Routed> in = new ArrayList<>();
        in.addAll(AlertRoutes.ofK8sRequest("a1", DAY1.toEpochMilli(), "prod", ROLE, "IRSA", "list", "pods", "shop"));
        in.addAll(AlertRoutes.ofK8sRequest("a2", DAY2.toEpochMilli(), "prod", ROLE, "IRSA", "get", "pods", "shop"));
        in.addAll(AlertRoutes.ofK8sRequest(
                "a3", DAY2.toEpochMilli(), "prod", other, "ROLE_CHAIN", "list", "secrets", "kube-system"));
        in.addAll(AlertRoutes.ofK8sRequest(
                "a4", DAY2.plusSeconds(1).toEpochMilli(), "prod", other, "ROLE_CHAIN", "get", "secrets", null));
        List<Alert> alerts = r.run(in);
        assertThat(alerts)
                .extracting(Alert::eventId, Alert::cluster, Alert::action, Alert::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "a3", "prod", "k8s:list", AlertId.of("TT-ALERT-004", "prod", "role:111122223333/intruder")));
        assertThat(alerts.get(0).detail())
                .isEqualTo(other + " called the Kubernetes API of cluster prod for the first time (k8s:list)");
    }

    @Test
    void unexpectedWorkloadNamesTheNewClusterOrServiceAccount() {
        Runner r = new Runner(registry, new AlertContext(null, null, null));
        List<AlertRoutes.Routed> in = new ArrayList<>();
        in.addAll(AlertRoutes.ofSession("s1", DAY1.toEpochMilli(), "IRSA", ROLE, "prod", "shop", "reader", null));
        in.addAll(AlertRoutes.ofSession("s2", DAY2.toEpochMilli(), "IRSA", ROLE, "prod", "shop", "reader", null));
        in.addAll(AlertRoutes.ofSession("s3", DAY2.toEpochMilli(), "IRSA", ROLE, "prod", "shop", "debug", "p9"));
        in.addAll(AlertRoutes.ofSession(
                "s4", DAY2.plusSeconds(5).toEpochMilli(), "POD_IDENTITY", ROLE, "dev", "shop", "reader", null));
        // no issue time: not placed in time, not routed
        in.addAll(AlertRoutes.ofSession(null, null, "IRSA", ROLE, "prod", "x", "y", null));
        List<Alert> alerts = r.run(in);
        assertThat(alerts)
                .extracting(Alert::eventId, Alert::action, Alert::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "s3",
                                "sts:AssumeRoleWithWebIdentity",
                                AlertId.of("TT-ALERT-005", "role:111122223333/app-reader", "prod/shop/debug")),
                        org.assertj.core.groups.Tuple.tuple(
                                "s4",
                                "eks-auth:AssumeRoleForPodIdentity",
                                AlertId.of("TT-ALERT-005", "role:111122223333/app-reader", "dev/shop/reader")));
        assertThat(alerts)
                .extracting(Alert::detail)
                .containsExactly(
                        "role " + ROLE + " was assumed by service account shop/debug in cluster prod, which its"
                                + " baseline never saw (IRSA)",
                        "role " + ROLE + " was assumed by cluster dev (service account shop/reader), which its"
                                + " baseline never saw (POD_IDENTITY)");
    }

    @Test
    void unexpectedWorkloadAgainstTheBaselinesRoleArns() {
        AlertBaseline baseline = new AlertBaseline(
                Map.of(), Map.of(), Map.of("role:111122223333/app-reader", Set.of("prod/shop/reader")), Map.of());
        Runner r = new Runner(registry, new AlertContext(baseline, null, null));
        List<AlertRoutes.Routed> in = new ArrayList<>();
        in.addAll(AlertRoutes.ofSession("s1", DAY1.toEpochMilli(), "IRSA", ROLE, "prod", "shop", "reader", null));
        in.addAll(AlertRoutes.ofSession("s2", DAY1.toEpochMilli(), "IRSA", ROLE, "prod", "ops", "x", null));
        assertThat(r.run(in)).extracting(Alert::eventId).containsExactly("s2");
    }

    /** Each key decides alone (the Flink stage keys by type and key), so the alerts compare as a set. */
    @Test
    void theSameObservationsInAnotherDeliveryOrderGiveTheSameAlerts() {
        List<AlertRoutes.Routed> in = new ArrayList<>();
        in.addAll(AlertRoutes.ofCall(call("e1", DAY1, "IRSA", ROLE, null, false), actions("s3:GetObject")));
        in.addAll(AlertRoutes.ofCall(call("e2", DAY2, "IRSA", ROLE, null, false), actions("s3:PutObject")));
        in.addAll(AlertRoutes.ofCall(call("e3", DAY2, "IRSA", ROLE, null, true), actions("s3:DeleteObject")));
        List<AlertRoutes.Routed> reversed = new ArrayList<>(in);
        java.util.Collections.reverse(reversed);
        List<String> a = new Runner(registry, new AlertContext(null, null, null))
                .run(in).stream().map(Alert::toJson).sorted().toList();
        List<String> b = new Runner(registry, new AlertContext(null, null, null))
                .run(reversed).stream().map(Alert::toJson).sorted().toList();
        assertThat(a).hasSize(3).isEqualTo(b);
    }

    @Test
    void everyRegisteredTypeHasItsRule() {
        Map<String, AlertRule> rules = registry.rules(new AlertContext(null, null, null));
        assertThat(rules.keySet())
                .containsExactly(
                        "NEW_ACTION",
                        "ACCESS_DENIED",
                        "NODE_ROLE_USED_BY_PODS",
                        "NEW_K8S_PRINCIPAL",
                        "UNEXPECTED_WORKLOAD");
        assertThat(registry.all())
                .extracting(AlertType::rule)
                .containsExactly("TT-ALERT-001", "TT-ALERT-002", "TT-ALERT-003", "TT-ALERT-004", "TT-ALERT-005");
        assertThat(Optional.of(registry.type("ACCESS_DENIED").severity().name()))
                .contains("LOW");
    }
}
