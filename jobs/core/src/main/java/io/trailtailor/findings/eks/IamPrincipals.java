package io.trailtailor.findings.eks;

import io.trailtailor.findings.used.K8sRequestUse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matching the IAM principal of a mapping or access entry (a role or user ARN) to the ARN an audit event carries:
 * the same ARN, or for a role any STS session of it ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>};
 * a role's path is not part of the session ARN).
 */
public final class IamPrincipals {

    private static final Pattern ROLE = Pattern.compile("^arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:.*/)?([^/]+)$");

    private IamPrincipals() {}

    public static boolean matches(String principalArn, String requestArn) {
        if (principalArn == null || requestArn == null) return false;
        if (principalArn.equals(requestArn)) return true;
        Matcher m = ROLE.matcher(principalArn);
        if (!m.matches()) return false;
        Matcher r = ROLE.matcher(requestArn);
        if (r.matches()) return r.group(2).equals(m.group(2)) && r.group(3).equals(m.group(3));
        return requestArn.startsWith("arn:" + m.group(1) + ":sts::" + m.group(2) + ":assumed-role/" + m.group(3) + "/");
    }

    /** Whether the request came from the principal: by its IAM ARN, or by the mapped username when one is given. */
    public static boolean madeBy(K8sRequestUse r, String principalArn, String username) {
        if (matches(principalArn, r.iamArn())) return true;
        return username != null && !username.contains("{{") && username.equals(r.username());
    }
}
