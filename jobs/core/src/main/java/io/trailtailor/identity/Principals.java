package io.trailtailor.identity;

import io.trailtailor.event.CallerIdentity;
import java.util.regex.Pattern;

/** The spellings of root principals: the identity at the start of a credential chain. */
final class Principals {

    private static final Pattern INSTANCE_ID = Pattern.compile("^i-[0-9a-fA-F]{8,17}$");

    private Principals() {}

    static boolean isInstanceId(String s) {
        return s != null && INSTANCE_ID.matcher(s).matches();
    }

    /** {@code eks:<cluster>/<namespace>/<serviceAccount>} with {@code ?} for unknown parts. */
    static String workload(String cluster, String namespace, String serviceAccount) {
        return "eks:" + orUnknown(cluster) + "/" + orUnknown(namespace) + "/" + orUnknown(serviceAccount);
    }

    static String root(CallerIdentity id) {
        if (id.arn() != null) {
            return id.arn();
        }
        return id.accountId() == null ? "root" : "arn:aws:iam::" + id.accountId() + ":root";
    }

    private static String orUnknown(String s) {
        return s == null ? "?" : s;
    }
}
