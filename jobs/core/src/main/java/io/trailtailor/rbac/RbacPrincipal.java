package io.trailtailor.rbac;

import io.trailtailor.output.PathSegment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who made the requests, parsed from the principal string of {@link K8sAccess}, with the RBAC subject and the file
 * name it gets.
 *
 * <p>File name rule ({@link #fileBase()}): service accounts become {@code sa.<namespace>.<name>}, IAM roles (also
 * when given as an STS assumed-role ARN) {@code role.<account>.<roleName>}, IAM users {@code user.<account>.<userName>},
 * anything else {@code other.<principal>}. That name then becomes one {@link PathSegment} (safe alphabet
 * {@code [A-Za-z0-9._@+=,-]}, at most 100 bytes), disambiguated by the hash of the whole principal string whenever it
 * had to be changed, so two principals never share a file. Namespaces are DNS labels (no dots) so
 * {@code sa.<ns>.<name>} is unambiguous.
 */
public record RbacPrincipal(Kind kind, String principal, String account, String namespace, String name) {

    /** The principal kinds that bind differently. */
    public enum Kind {
        SERVICE_ACCOUNT,
        IAM_ROLE,
        IAM_USER,
        OTHER
    }

    private static final Pattern SA = Pattern.compile("^system:serviceaccount:([^:]+):([^:]+)$");
    private static final Pattern ROLE = Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}):role/(?:.*/)?([^/]+)$");
    private static final Pattern ASSUMED =
            Pattern.compile("^arn:aws[a-z-]*:sts::(\\d{12}):assumed-role/([^/]+)(?:/.*)?$");
    private static final Pattern USER = Pattern.compile("^arn:aws[a-z-]*:iam::(\\d{12}):user/(?:.*/)?([^/]+)$");

    public static RbacPrincipal parse(String principal) {
        Matcher m = SA.matcher(principal);
        if (m.matches()) return new RbacPrincipal(Kind.SERVICE_ACCOUNT, principal, null, m.group(1), m.group(2));
        m = ROLE.matcher(principal);
        if (m.matches()) return new RbacPrincipal(Kind.IAM_ROLE, principal, m.group(1), null, m.group(2));
        m = ASSUMED.matcher(principal);
        if (m.matches()) return new RbacPrincipal(Kind.IAM_ROLE, principal, m.group(1), null, m.group(2));
        m = USER.matcher(principal);
        if (m.matches()) return new RbacPrincipal(Kind.IAM_USER, principal, m.group(1), null, m.group(2));
        return new RbacPrincipal(Kind.OTHER, principal, null, null, principal);
    }

    /** Whether this is an IAM principal, i.e. one that EKS access entries and access policies apply to. */
    public boolean iam() {
        return kind == Kind.IAM_ROLE || kind == Kind.IAM_USER;
    }

    /** The file name without extension, per the rule in the type comment. */
    public String fileBase() {
        String raw = switch (kind) {
            case SERVICE_ACCOUNT -> "sa." + namespace + "." + name;
            case IAM_ROLE -> "role." + account + "." + name;
            case IAM_USER -> "user." + account + "." + name;
            case OTHER -> "other." + principal;
        };
        return PathSegment.of(raw, principal);
    }

    /**
     * The username EKS gives this principal by default through an access entry: the user ARN for IAM users, and
     * {@code arn:aws:sts::<account>:assumed-role/<role>/{{SessionName}}} for roles. The session part varies per
     * session, which is why IAM roles are bound through a group rather than a User subject.
     */
    public String eksDefaultUsername() {
        return switch (kind) {
            case IAM_USER -> principal;
            case IAM_ROLE -> "arn:aws:sts::" + account + ":assumed-role/" + name + "/{{SessionName}}";
            default -> principal;
        };
    }
}
