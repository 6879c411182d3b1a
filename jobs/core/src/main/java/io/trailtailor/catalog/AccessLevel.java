package io.trailtailor.catalog;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The IAM access level of an action, as the Service Authorization Reference classifies it. */
public enum AccessLevel {
    LIST("List"),
    READ("Read"),
    WRITE("Write"),
    PERMISSIONS_MANAGEMENT("Permissions management"),
    TAGGING("Tagging");

    private final String label;

    AccessLevel(String label) {
        this.label = label;
    }

    /** The spelling AWS documentation and iam-data use, e.g. {@code "Permissions management"}. */
    public String label() {
        return label;
    }

    /** One label, case-insensitive; unknown labels fail loudly so a data-format change cannot slip through. */
    public static AccessLevel fromLabel(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (AccessLevel level : values()) {
            if (level.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return level;
            }
        }
        throw new IllegalArgumentException("Unknown IAM access level: " + label);
    }

    /**
     * Parses iam-data's access level, which since 2026-07 is a comma-joined set such as {@code "Tagging, Write"}.
     */
    public static Set<AccessLevel> parseSet(String joined) {
        EnumSet<AccessLevel> levels = EnumSet.noneOf(AccessLevel.class);
        for (String part : joined.split(",")) {
            if (!part.isBlank()) {
                levels.add(fromLabel(part));
            }
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("Empty IAM access level: '" + joined + "'");
        }
        return levels;
    }

    /** The level that describes the action best: permissions management, then tagging, then the single value. */
    public static AccessLevel primary(Set<AccessLevel> levels) {
        if (levels.contains(PERMISSIONS_MANAGEMENT)) {
            return PERMISSIONS_MANAGEMENT;
        }
        if (levels.contains(TAGGING)) {
            return TAGGING;
        }
        for (AccessLevel level : new AccessLevel[] {WRITE, READ, LIST}) {
            if (levels.contains(level)) {
                return level;
            }
        }
        throw new IllegalArgumentException("No access level in " + levels);
    }
}
