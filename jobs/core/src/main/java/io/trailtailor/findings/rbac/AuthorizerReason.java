package io.trailtailor.findings.rbac;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binding an {@code authorization.k8s.io/reason} audit annotation names, parsed. The Kubernetes RBAC authorizer
 * writes {@code RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to Group "g"}, and for a RoleBinding
 * {@code RoleBinding "b/namespace" of Role "r" to ServiceAccount "sa/namespace"} (name first, then namespace). The
 * EKS access-policy webhook writes the same shape after {@code EKS Access Policy: }, its binding named
 * {@code <principal ARN>+<access policy ARN>} and its role the access policy ARN. The Node authorizer and the
 * privileged {@code system:masters} path write an empty reason, which names no binding.
 *
 * @param authorizer {@link #RBAC} or {@link #EKS_ACCESS_POLICY}
 * @param bindingNamespace null for a ClusterRoleBinding (and for a RoleBinding reason written without one)
 * @param subjectNamespace the ServiceAccount's namespace, else null
 */
public record AuthorizerReason(
        String authorizer,
        String bindingKind,
        String bindingName,
        String bindingNamespace,
        String roleKind,
        String roleName,
        String subjectKind,
        String subjectName,
        String subjectNamespace) {

    public static final String RBAC = "RBAC";
    public static final String EKS_ACCESS_POLICY = "EKS Access Policy";

    private static final Pattern REASON = Pattern.compile(
            "^\\s*(RBAC|EKS Access Policy): allowed by"
                    + " (ClusterRoleBinding|RoleBinding) \"([^\"]*)\""
                    + "(?: of (ClusterRole|Role) \"([^\"]*)\")?"
                    + "(?: to (User|Group|ServiceAccount) \"([^\"]*)\")?",
            Pattern.CASE_INSENSITIVE);

    /** The binding the reason names; empty for an empty, absent or foreign reason (Node authorizer, webhooks). */
    public static Optional<AuthorizerReason> parse(String reason) {
        if (reason == null || reason.isBlank()) return Optional.empty();
        Matcher m = REASON.matcher(reason);
        if (!m.find()) return Optional.empty();
        String authorizer = m.group(1).equalsIgnoreCase(RBAC) ? RBAC : EKS_ACCESS_POLICY;
        String bindingKind = m.group(2).equalsIgnoreCase("RoleBinding") ? "RoleBinding" : "ClusterRoleBinding";
        String binding = m.group(3);
        String bindingNamespace = null;
        // Binding and namespace names cannot hold '/', but an EKS binding name is ARN-based: split RBAC names only.
        if (bindingKind.equals("RoleBinding") && authorizer.equals(RBAC) && binding.contains("/")) {
            int slash = binding.lastIndexOf('/');
            bindingNamespace = binding.substring(slash + 1);
            binding = binding.substring(0, slash);
        }
        String subjectKind = m.group(6);
        String subject = m.group(7);
        String subjectNamespace = null;
        if ("ServiceAccount".equals(subjectKind) && subject != null && subject.contains("/")) {
            int slash = subject.lastIndexOf('/');
            subjectNamespace = subject.substring(slash + 1);
            subject = subject.substring(0, slash);
        }
        return Optional.of(new AuthorizerReason(
                authorizer,
                bindingKind,
                binding,
                bindingNamespace,
                m.group(4),
                m.group(5),
                subjectKind,
                subject,
                subjectNamespace));
    }

    /** The key {@link BindingKeys#of} gives the snapshot binding this reason names. */
    public String bindingKey() {
        return BindingKeys.key(bindingKind, bindingNamespace, bindingName);
    }
}
