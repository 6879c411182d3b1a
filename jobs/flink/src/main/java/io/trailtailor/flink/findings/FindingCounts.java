package io.trailtailor.flink.findings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.findings.Finding;
import io.trailtailor.findings.Severity;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The summary's counts of findings: by severity (all five keys), by rule and by status. */
final class FindingCounts {

    private FindingCounts() {}

    static ObjectNode bySeverity(List<Finding> findings, ObjectNode factory) {
        ObjectNode n = factory.objectNode();
        for (Severity s : Severity.values()) {
            n.put(s.name(), findings.stream().filter(f -> f.severity() == s).count());
        }
        return n;
    }

    static ObjectNode byRule(List<Finding> findings, ObjectNode factory) {
        return counts(findings, Finding::rule, factory);
    }

    /** {@code new}, {@code unchanged} and {@code muted} always; {@code resolved} when there was a baseline. */
    static ObjectNode byStatus(List<Finding> findings, List<Finding> resolved, ObjectNode factory) {
        ObjectNode n = factory.objectNode();
        for (String status : List.of(Finding.NEW, Finding.UNCHANGED, Finding.MUTED)) {
            n.put(
                    status,
                    findings.stream().filter(f -> status.equals(f.status())).count());
        }
        if (resolved != null) {
            n.put("resolved", resolved.size());
        }
        return n;
    }

    private static ObjectNode counts(List<Finding> findings, Function<Finding, String> key, ObjectNode factory) {
        ObjectNode n = factory.objectNode();
        new TreeMap<>(findings.stream().collect(Collectors.groupingBy(key, Collectors.counting()))).forEach(n::put);
        return n;
    }
}
