package io.trailtailor.findings.iam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The data reads (TT-IAM-013) and credential-returning actions (TT-IAM-014), from {@code sensitive-actions.txt}. */
final class SensitiveActions {

    private static final Map<String, List<String>> LISTS = ActionLists.read("findings/iam/sensitive-actions.txt");
    static final Set<String> DATA_READ = set("data-read");
    static final Set<String> CREDENTIAL = set("credential");

    private SensitiveActions() {}

    private static Set<String> set(String name) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(LISTS.getOrDefault(name, List.of()));
        return java.util.Collections.unmodifiableSet(s);
    }

    static boolean dataRead(String action) {
        return DATA_READ.contains(action);
    }

    static boolean credential(String action) {
        return CREDENTIAL.contains(action);
    }
}
