package io.trailtailor.alerts;

import io.trailtailor.findings.Severity;
import java.io.Serializable;
import java.util.Objects;

/**
 * One alert type as {@code alerts/types.json} describes it: the contract's type name (DESIGN.md), its rule id, the
 * default severity and the words an operator reads. Data, so a new type is an entry and a small class.
 */
public record AlertType(String type, String rule, Severity severity, String title, String description)
        implements Serializable {

    public AlertType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
