package io.trailtailor.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One over-privilege finding, in the shape of {@code findings.json} (FINDINGS.md "Output shapes"). Rules build it
 * with {@link #of}; the fingerprint follows from what the finding is about, never from counts or times, so the same
 * over-privilege keeps its fingerprint from run to run.
 *
 * @param id {@code <rule>-<first 12 hex of the fingerprint>}: unique within one run, stable across runs
 * @param grant what the finding is about on the granted side (policy ARN, trust statement, binding, credential);
 *     part of the fingerprint
 * @param actions the sorted action set the finding is about (IAM actions or {@code verb group/resource}); part of
 *     the fingerprint
 * @param status {@code new}, {@code unchanged} or {@code muted} (against {@code --baseline} and {@code --mute});
 *     {@code new} when there is no baseline
 * @param muteReason the reason from the mute file, or null
 */
public record Finding(
        String id,
        String rule,
        String type,
        Severity severity,
        Confidence confidence,
        String principalArn,
        String cluster,
        String namespace,
        String serviceAccount,
        boolean system,
        String title,
        String detail,
        String grant,
        List<String> actions,
        Evidence evidence,
        Recommendation recommendation,
        String fingerprint,
        String status,
        String muteReason) {

    public static final String NEW = "new";
    public static final String UNCHANGED = "unchanged";
    public static final String MUTED = "muted";

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(confidence, "confidence");
        actions = List.copyOf(new TreeSet<>(actions));
    }

    /** A new finding of a rule, its id and fingerprint computed from what it is about. */
    public static Finding of(
            RuleInfo rule,
            Severity severity,
            Confidence confidence,
            Subject subject,
            String title,
            String detail,
            String grant,
            List<String> actions,
            Evidence evidence,
            Recommendation recommendation) {
        String fingerprint = fingerprint(rule.type(), subject, grant, actions);
        return new Finding(
                rule.rule() + "-" + fingerprint.substring(0, 12),
                rule.rule(),
                rule.type(),
                severity,
                confidence,
                subject.principalArn(),
                subject.cluster(),
                subject.namespace(),
                subject.serviceAccount(),
                subject.system(),
                title,
                detail,
                grant,
                actions,
                evidence,
                recommendation,
                fingerprint,
                NEW,
                null);
    }

    /** Who the finding is about: an IAM principal, a workload, or both (a role judged for one service account). */
    public record Subject(
            String principalArn, String cluster, String namespace, String serviceAccount, boolean system) {

        public static Subject principal(String arn, boolean system) {
            return new Subject(arn, null, null, null, system);
        }

        public Subject withWorkload(String cluster, String namespace, String serviceAccount) {
            return new Subject(principalArn, cluster, namespace, serviceAccount, system);
        }
    }

    /** SHA-256 over type, principal, workload, grant and the sorted action set (FINDINGS.md "Fingerprint"). */
    public static String fingerprint(String type, Subject s, String grant, List<String> actions) {
        StringBuilder b = new StringBuilder();
        for (String part :
                new String[] {type, s.principalArn(), s.cluster(), s.namespace(), s.serviceAccount(), grant}) {
            b.append(part == null ? "" : part).append('\u0000');
        }
        new TreeSet<>(actions).forEach(a -> b.append(a).append('\u0001'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public Finding withStatus(String newStatus, String reason) {
        return new Finding(
                id,
                rule,
                type,
                severity,
                confidence,
                principalArn,
                cluster,
                namespace,
                serviceAccount,
                system,
                title,
                detail,
                grant,
                actions,
                evidence,
                recommendation,
                fingerprint,
                newStatus,
                reason);
    }
}
