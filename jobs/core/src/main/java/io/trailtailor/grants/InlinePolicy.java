package io.trailtailor.grants;

import io.trailtailor.policy.PolicyDocument;

/** An inline policy embedded in a user, group or role ({@code RolePolicyList[]} and friends). */
public record InlinePolicy(String name, PolicyDocument document) {}
