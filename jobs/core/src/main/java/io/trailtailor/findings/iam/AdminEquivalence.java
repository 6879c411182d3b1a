package io.trailtailor.findings.iam;

import io.trailtailor.catalog.ActionInfo;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.grants.EffectiveGrants;
import io.trailtailor.grants.Grant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether grants amount to administrator: every IAM action on every resource, without condition. Whoever holds
 * {@code iam:*} on {@code *} can grant itself anything else, so {@code *:*}, AdministratorAccess and {@code iam:*}
 * all qualify.
 */
public final class AdminEquivalence {

    private AdminEquivalence() {}

    public static boolean adminEquivalent(EffectiveGrants g, IamCatalog catalog) {
        Set<String> free = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Grant x : g.grants()) {
            if (x.unrestricted() && !x.conditional() && x.service().equals("iam")) free.add(x.action());
        }
        if (free.isEmpty()) return false;
        for (ActionInfo a : catalog.actions("iam")) {
            if (!free.contains(a.qualifiedName())) return false;
        }
        return true;
    }
}
