package io.trailtailor.identity;

/** The few ARN manipulations correlation needs; tolerant of odd input (returns null rather than throwing). */
final class Arns {

    private Arns() {}

    /** The account field of an ARN, or null. */
    static String account(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 && !parts[4].isEmpty() ? parts[4] : null;
    }

    /** The text after the last {@code /}, e.g. the session name of an assumed-role ARN. */
    static String lastPathPart(String arn) {
        if (arn == null) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 || slash == arn.length() - 1 ? null : arn.substring(slash + 1);
    }

    /** {@code arn:<p>:sts::<acct>:assumed-role/<roleName>/<session>} for a role ARN (role paths are not kept). */
    static String assumedRoleArn(String roleArn, String sessionName) {
        String[] parts = roleArn.split(":", 6);
        if (parts.length < 6 || !parts[5].startsWith("role/")) {
            return null;
        }
        return "arn:" + parts[1] + ":sts::" + parts[4] + ":assumed-role/" + lastPathPart(parts[5]) + "/" + sessionName;
    }
}
