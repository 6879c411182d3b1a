/**
 * Escaping shared by the text renderers of {@code policy} and {@code rbac}. Log values are attacker-influenced (S3
 * keys, resource names, usernames), so no renderer concatenates them raw into output text: structured values go
 * through the format's own emitter or escaper (Jackson for JSON and YAML, {@link io.trailtailor.policy.HclText} for
 * Terraform), and values quoted in comments go through {@link io.trailtailor.render.CommentText}, which keeps them on
 * one line. {@link io.trailtailor.render.ShellWord} quotes values in the shell commands that comments suggest.
 */
package io.trailtailor.render;
