package io.trailtailor.flink.avro;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.avro.AuditUserRow;
import io.trailtailor.avro.CallerIdentityRow;
import io.trailtailor.avro.ObjectRefRow;
import io.trailtailor.avro.QuarantinedRow;
import io.trailtailor.avro.ResourceRefRow;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditUser;
import io.trailtailor.event.CallerIdentity;
import io.trailtailor.event.ObjectRef;
import io.trailtailor.event.Quarantined;
import io.trailtailor.event.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the core's records to the Avro records that flow between Flink operators and into Parquet, and back.
 * Field for field, nothing dropped: the schemas in {@code schemas/} mirror the core records.
 */
public final class AvroMapper {

    private AvroMapper() {}

    public static ApiCallRow toAvro(ApiCall c) {
        ApiCallRow a = new ApiCallRow();
        a.setEventId(c.eventId());
        a.setEventTime(c.eventTime());
        a.setEventVersion(c.eventVersion());
        a.setEventSource(c.eventSource());
        a.setEventName(c.eventName());
        a.setEventType(c.eventType());
        a.setAwsRegion(c.awsRegion());
        a.setRecipientAccountId(c.recipientAccountId());
        a.setEventCategory(c.eventCategory());
        a.setReadOnly(c.readOnly());
        a.setManagementEvent(c.managementEvent());
        a.setErrorCode(c.errorCode());
        a.setErrorMessage(c.errorMessage());
        a.setSourceIp(c.sourceIp());
        a.setUserAgent(c.userAgent());
        a.setIdentity(toAvro(c.identity()));
        List<ResourceRefRow> resources = new ArrayList<>(c.resources().size());
        for (ResourceRef r : c.resources()) {
            resources.add(new ResourceRefRow(r.type(), r.arn(), r.accountId()));
        }
        a.setResources(resources);
        a.setRequestParameters(c.requestParameters());
        a.setResponseElements(c.responseElements());
        a.setAdditionalEventData(c.additionalEventData());
        a.setRequestId(c.requestId());
        a.setSharedEventId(c.sharedEventId());
        a.setVpcEndpointId(c.vpcEndpointId());
        a.setSourceFile(c.sourceFile());
        return a;
    }

    static CallerIdentityRow toAvro(CallerIdentity i) {
        CallerIdentityRow a = new CallerIdentityRow();
        a.setType(i.type());
        a.setArn(i.arn());
        a.setAccountId(i.accountId());
        a.setPrincipalId(i.principalId());
        a.setAccessKeyId(i.accessKeyId());
        a.setUserName(i.userName());
        a.setSessionIssuerArn(i.sessionIssuerArn());
        a.setSessionIssuerType(i.sessionIssuerType());
        a.setSessionName(i.sessionName());
        a.setWebIdProvider(i.webIdProvider());
        a.setInvokedBy(i.invokedBy());
        a.setCreationDate(i.creationDate());
        a.setEc2RoleDelivery(i.ec2RoleDelivery());
        a.setSourceIdentity(i.sourceIdentity());
        return a;
    }

    public static ApiCall fromAvro(ApiCallRow a) {
        CallerIdentity identity = identityOf(a);
        List<ResourceRef> resources = new ArrayList<>(a.getResources().size());
        for (ResourceRefRow r : a.getResources()) {
            resources.add(new ResourceRef(r.getType(), r.getArn(), r.getAccountId()));
        }
        return new ApiCall(
                a.getEventId(),
                a.getEventTime(),
                a.getEventVersion(),
                a.getEventSource(),
                a.getEventName(),
                a.getEventType(),
                a.getAwsRegion(),
                a.getRecipientAccountId(),
                a.getEventCategory(),
                a.getReadOnly(),
                a.getManagementEvent(),
                a.getErrorCode(),
                a.getErrorMessage(),
                a.getSourceIp(),
                a.getUserAgent(),
                identity,
                resources,
                a.getRequestParameters(),
                a.getResponseElements(),
                a.getAdditionalEventData(),
                a.getRequestId(),
                a.getSharedEventId(),
                a.getVpcEndpointId(),
                a.getSourceFile());
    }

    /**
     * The caller of a call, without building the whole {@link ApiCall}: a keyed stage that only needs the identity
     * (session keys, issuers) should not copy the request and response JSON of every call to get it.
     */
    public static CallerIdentity identityOf(ApiCallRow a) {
        CallerIdentityRow i = a.getIdentity();
        return i == null
                ? CallerIdentity.EMPTY
                : new CallerIdentity(
                        i.getType(),
                        i.getArn(),
                        i.getAccountId(),
                        i.getPrincipalId(),
                        i.getAccessKeyId(),
                        i.getUserName(),
                        i.getSessionIssuerArn(),
                        i.getSessionIssuerType(),
                        i.getSessionName(),
                        i.getWebIdProvider(),
                        i.getInvokedBy(),
                        i.getCreationDate(),
                        i.getEc2RoleDelivery(),
                        i.getSourceIdentity());
    }

    /** The access key of a call's caller, or null: the join key of calls to sessions, read from the row as it is. */
    public static String accessKeyIdOf(ApiCallRow a) {
        CallerIdentityRow i = a.getIdentity();
        return i == null ? null : i.getAccessKeyId();
    }

    /** The user of an audit event, without building the whole {@link AuditEvent}. */
    public static AuditUser userOf(AuditEventRow a) {
        return a.getUser() == null ? AuditUser.EMPTY : fromAvro(a.getUser());
    }

    /**
     * The first value of the user's {@code extra} key, as {@link AuditUser#extraValue} reads it, without copying
     * the event's request and response objects: {@code K8sAccess.accessKeyOf(fromAvro(e))} equals
     * {@code extraValue(e, "accessKeyId")}.
     */
    public static String extraValue(AuditEventRow a, String key) {
        AuditUserRow u = a.getUser();
        if (u == null || u.getExtra() == null) {
            return null;
        }
        List<String> values = u.getExtra().get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The object an audit event acts on, or null, without building the whole event. */
    public static ObjectRef objectRefOf(AuditEventRow a) {
        ObjectRefRow r = a.getObjectRef();
        return r == null
                ? null
                : new ObjectRef(
                        r.getResource(),
                        r.getSubresource(),
                        r.getNamespace(),
                        r.getName(),
                        r.getUid(),
                        r.getApiGroup(),
                        r.getApiVersion());
    }

    public static AuditEventRow toAvro(AuditEvent e) {
        AuditEventRow a = new AuditEventRow();
        a.setAuditId(e.auditId());
        a.setCluster(e.cluster());
        a.setLevel(e.level());
        a.setStage(e.stage());
        a.setVerb(e.verb());
        a.setRequestUri(e.requestUri());
        a.setUser(toAvro(e.user()));
        a.setImpersonatedUser(e.impersonatedUser() == null ? null : toAvro(e.impersonatedUser()));
        a.setSourceIps(new ArrayList<>(e.sourceIps()));
        a.setUserAgent(e.userAgent());
        ObjectRef r = e.objectRef();
        a.setObjectRef(
                r == null
                        ? null
                        : new ObjectRefRow(
                                r.resource(),
                                r.subresource(),
                                r.namespace(),
                                r.name(),
                                r.uid(),
                                r.apiGroup(),
                                r.apiVersion()));
        a.setResponseCode(e.responseCode());
        a.setRequestReceivedTimestamp(e.requestReceivedTimestamp());
        a.setStageTimestamp(e.stageTimestamp());
        a.setDecision(e.decision());
        a.setReason(e.reason());
        a.setAnnotations(new LinkedHashMap<>(e.annotations()));
        a.setRequestObject(e.requestObject());
        a.setResponseObject(e.responseObject());
        a.setSourceFile(e.sourceFile());
        return a;
    }

    static AuditUserRow toAvro(AuditUser u) {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        u.extra().forEach((k, v) -> extra.put(k, new ArrayList<>(v)));
        return new AuditUserRow(u.username(), u.uid(), new ArrayList<>(u.groups()), extra);
    }

    public static AuditEvent fromAvro(AuditEventRow a) {
        ObjectRefRow r = a.getObjectRef();
        return new AuditEvent(
                a.getAuditId(),
                a.getCluster(),
                a.getLevel(),
                a.getStage(),
                a.getVerb(),
                a.getRequestUri(),
                fromAvro(a.getUser()),
                a.getImpersonatedUser() == null ? null : fromAvro(a.getImpersonatedUser()),
                a.getSourceIps(),
                a.getUserAgent(),
                r == null
                        ? null
                        : new ObjectRef(
                                r.getResource(),
                                r.getSubresource(),
                                r.getNamespace(),
                                r.getName(),
                                r.getUid(),
                                r.getApiGroup(),
                                r.getApiVersion()),
                a.getResponseCode(),
                a.getRequestReceivedTimestamp(),
                a.getStageTimestamp(),
                a.getDecision(),
                a.getReason(),
                a.getAnnotations(),
                a.getRequestObject(),
                a.getResponseObject(),
                a.getSourceFile());
    }

    static AuditUser fromAvro(AuditUserRow u) {
        return new AuditUser(u.getUsername(), u.getUid(), u.getGroups(), u.getExtra());
    }

    public static QuarantinedRow toAvro(Quarantined q) {
        return new QuarantinedRow(q.source(), q.position(), q.reason(), q.excerpt());
    }
}
