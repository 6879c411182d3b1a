package io.trailtailor.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code iam:PassedToService} condition of an {@code iam:PassRole} grant. The service a call hands its role to
 * is data ({@code passRole.rules[].passedToService} in {@code iam/cloudtrail-overrides.json}); the catalog mapper
 * reports it on the PassRole it derives as the note {@code condition iam:PassedToService=<service>[,<service>]},
 * which {@link #servicesInNote} reads. An empty service list means the call gave no service: no condition.
 */
public final class PassRoleCondition {

    public static final String ACTION = "iam:PassRole";
    public static final String OPERATOR = "StringEquals";
    public static final String KEY = "iam:PassedToService";
    private static final String NOTE = "condition " + KEY + "=";

    private PassRoleCondition() {}

    /** The services named in a mapper note, sorted; empty when the note names none. */
    public static List<String> servicesInNote(String note) {
        if (note == null) return List.of();
        int i = note.indexOf(NOTE);
        if (i < 0) return List.of();
        int end = note.indexOf(';', i);
        String list = note.substring(i + NOTE.length(), end < 0 ? note.length() : end);
        TreeSet<String> out = new TreeSet<>();
        for (String s : list.split(",")) if (!s.isBlank()) out.add(s.trim());
        return List.copyOf(out);
    }

    /** The statement condition for these services; empty (no condition) for none. */
    public static Map<String, Map<String, List<String>>> of(List<String> services) {
        return services.isEmpty() ? Map.of() : Map.of(OPERATOR, Map.of(KEY, List.copyOf(new TreeSet<>(services))));
    }

    /**
     * The services of two uses of one PassRole on one resource together: a use without a service needs the grant
     * unconditioned, so it absorbs the other; otherwise the union.
     */
    public static List<String> union(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) return List.of();
        TreeSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
