package io.trailtailor.catalog;

/** A condition key with its IAM type ({@code String}, {@code ArrayOfString}, {@code ARN}, ...). */
public record ConditionKeyInfo(String key, String type, boolean global) {}
