package io.trailtailor.event;

/** What an audit event acted on. {@code name} is absent on creates with generated names. */
public record ObjectRef(
        String resource,
        String subresource,
        String namespace,
        String name,
        String uid,
        String apiGroup,
        String apiVersion) {}
