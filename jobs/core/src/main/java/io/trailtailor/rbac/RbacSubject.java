package io.trailtailor.rbac;

/** A binding subject: {@code ServiceAccount} (with namespace), {@code User} or {@code Group}. */
public record RbacSubject(String kind, String name, String namespace) {}
