package io.trailtailor.findings.iam;

import io.trailtailor.findings.FindingContext;
import io.trailtailor.grants.PrincipalPolicies;
import io.trailtailor.grants.SourcedDocument;
import io.trailtailor.policy.Effect;
import io.trailtailor.policy.PolicyStatement;
import java.util.ArrayList;
import java.util.List;

/** The Allow statements of a principal's identity policies as written, for rules that read patterns and conditions. */
final class Statements {

    /** One statement and where it is: policy name or ARN, group it came through, index and Sid. */
    record Located(String policy, String via, int index, PolicyStatement statement) {
        String label() {
            String sid = statement.sid();
            return sid == null || sid.isEmpty() ? "#" + index : sid;
        }
    }

    private Statements() {}

    static List<Located> allows(FindingContext ctx, String principalArn) {
        PrincipalPolicies p = ctx.iam()
                .role(principalArn)
                .map(r -> ctx.resolver().forRole(r))
                .orElseGet(() ->
                        ctx.resolver().forUser(ctx.iam().user(principalArn).orElseThrow()));
        List<Located> out = new ArrayList<>();
        for (SourcedDocument d : p.documents()) {
            List<PolicyStatement> st = d.document().statements();
            for (int i = 0; i < st.size(); i++) {
                if (st.get(i).effect() == Effect.ALLOW) out.add(new Located(d.policy(), d.via(), i, st.get(i)));
            }
        }
        return out;
    }

    /** {@code *}, or every resource of a type ({@code arn:aws:s3:::*}, {@code arn:aws:ssm:*:*:parameter/*}). */
    static boolean unrestricted(String resource) {
        if (resource.equals("*")) return true;
        String last = resource.substring(resource.lastIndexOf(':') + 1);
        return last.equals("*") || last.matches("[A-Za-z-]+/\\*");
    }
}
