package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ground truth as the generator knows it: one line per distinct CloudTrail record (optional), per pod, per
 * credential session, and the per-principal/per-workload usage a least-privilege policy must cover.
 */
final class TruthSink implements AutoCloseable {
    /** One truth line for a CloudTrail record, filled by the simulation and written by {@link #call}. */
    static final class Call {
        String eventId;
        long eventTime;
        String eventSource;
        String eventName;
        String region;
        String account;
        Mechanism mechanism;
        String roleArn;
        String rootPrincipal;
        String accessKeyId;
        String mintedAccessKeyId;
        String cluster;
        String namespace;
        String serviceAccount;
        String podName;
        String podUid;
        String node;
        String instanceId;
        String action;
        String resource;
        String extraAction;
        String extraResource;
        boolean denied;
        Boolean issuerInWindow;
        boolean duplicated;
        /** Counted in usage: only calls signed with credentials (not AWS-service or web-identity mints). */
        boolean signed;
        /** Pre-serialized mechanism…instanceId fields, shared by every call of one caller with one session. */
        String attributionRaw;

        void reset() {
            eventId = eventSource = eventName = region = account = roleArn = rootPrincipal = accessKeyId = null;
            mintedAccessKeyId = cluster = namespace = serviceAccount = podName = podUid = node = instanceId = null;
            action = resource = extraAction = extraResource = null;
            mechanism = null;
            eventTime = 0;
            denied = duplicated = signed = false;
            issuerInWindow = null;
            attributionRaw = null;
        }

        /** The call was made from pod {@code p}: its workload, the pod and the node it runs on. */
        void pod(Pod p) {
            Model.Workload wl = p.workload;
            cluster = wl.cluster.name;
            namespace = wl.namespace;
            serviceAccount = wl.serviceAccount;
            podName = p.name;
            podUid = p.uid;
            node = p.node.name;
            instanceId = p.node.instanceId;
        }

        /** The call was made on node {@code n} by no pod (its agents, or the EC2 service for it). */
        void node(Model.Node n) {
            cluster = n.group.cluster.name;
            node = n.name;
            instanceId = n.instanceId;
        }
    }

    private static final SerializedString C_ACCESSKEYID = new SerializedString("accessKeyId");
    private static final SerializedString C_ACTION = new SerializedString("action");
    private static final SerializedString C_AWSREGION = new SerializedString("awsRegion");
    private static final SerializedString C_CLUSTER = new SerializedString("cluster");
    private static final SerializedString C_DENIED = new SerializedString("denied");
    private static final SerializedString C_DUPLICATED = new SerializedString("duplicated");
    private static final SerializedString C_EVENTID = new SerializedString("eventId");
    private static final SerializedString C_EVENTNAME = new SerializedString("eventName");
    private static final SerializedString C_EVENTSOURCE = new SerializedString("eventSource");
    private static final SerializedString C_EVENTTIME = new SerializedString("eventTime");
    private static final SerializedString C_INSTANCEID = new SerializedString("instanceId");
    private static final SerializedString C_ISSUERINWINDOW = new SerializedString("issuerInWindow");
    private static final SerializedString C_MECHANISM = new SerializedString("mechanism");
    private static final SerializedString C_MINTEDACCESSKEYID = new SerializedString("mintedAccessKeyId");
    private static final SerializedString C_NAMESPACE = new SerializedString("namespace");
    private static final SerializedString C_NODE = new SerializedString("node");
    private static final SerializedString C_PODNAME = new SerializedString("podName");
    private static final SerializedString C_PODUID = new SerializedString("podUid");
    private static final SerializedString C_RECIPIENTACCOUNTID = new SerializedString("recipientAccountId");
    private static final SerializedString C_RESOURCE = new SerializedString("resource");
    private static final SerializedString C_ROLEARN = new SerializedString("roleArn");
    private static final SerializedString C_ROOTPRINCIPAL = new SerializedString("rootPrincipal");
    private static final SerializedString C_SERVICEACCOUNT = new SerializedString("serviceAccount");
    private final JsonFactory json = new JsonFactory();
    private final Times.SecondCache seconds = new Times.SecondCache();
    private final Path dir;
    private final JsonGenerator calls;
    private final JsonGenerator pods;
    private final JsonGenerator sessions;
    // principal ARN (role or user) -> "action\tresource"
    // hash sets while generating (hot path), sorted when written
    private final Map<String, Set<String>> roleAllowed = new HashMap<>();
    private final Map<String, Set<String>> roleDenied = new HashMap<>();
    private final Map<String, Set<String>> workloadAllowed = new HashMap<>();
    private final Map<String, Set<String>> workloadDenied = new HashMap<>();
    long podCount;
    long sessionCount;

    TruthSink(Path dir, boolean callTruth) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        calls = callTruth ? lines(dir.resolve("calls.jsonl.gz")) : null;
        pods = lines(dir.resolve("pods.jsonl.gz"));
        sessions = lines(dir.resolve("sessions.jsonl.gz"));
    }

    private JsonGenerator lines(Path file) throws IOException {
        OutputStream out = Gz.create(file);
        JsonGenerator g = json.createGenerator(out);
        g.setRootValueSeparator(null);
        return g;
    }

    void call(Call c) throws IOException {
        if (c.signed && c.action != null) {
            String principal = c.roleArn;
            usage(c.denied ? roleDenied : roleAllowed, principal, c.action, c.resource);
            if (c.extraAction != null) {
                usage(c.denied ? roleDenied : roleAllowed, principal, c.extraAction, c.extraResource);
            }
            if (c.serviceAccount != null) {
                String w = c.cluster + "/" + c.namespace + "/" + c.serviceAccount;
                usage(c.denied ? workloadDenied : workloadAllowed, w, c.action, c.resource);
                if (c.extraAction != null) {
                    usage(c.denied ? workloadDenied : workloadAllowed, w, c.extraAction, c.extraResource);
                }
            }
        }
        if (calls == null) {
            return;
        }
        JsonGenerator g = calls;
        g.writeStartObject();
        g.writeFieldName(C_EVENTID);
        g.writeString(c.eventId);
        String lastSecondText = seconds.isoSeconds(c.eventTime);
        g.writeFieldName(C_EVENTTIME);
        g.writeString(lastSecondText);
        g.writeFieldName(C_EVENTSOURCE);
        g.writeString(c.eventSource);
        g.writeFieldName(C_EVENTNAME);
        g.writeString(c.eventName);
        g.writeFieldName(C_AWSREGION);
        g.writeString(c.region);
        g.writeFieldName(C_RECIPIENTACCOUNTID);
        g.writeString(c.account);
        if (c.attributionRaw != null) {
            g.writeFieldName(C_MECHANISM);
            g.writeRawValue(c.attributionRaw);
        } else {
            attribution(g, c);
        }
        g.writeFieldName(C_ACTION);
        g.writeString(c.action);
        g.writeFieldName(C_RESOURCE);
        g.writeString(c.resource);
        if (c.extraAction != null) {
            g.writeArrayFieldStart("alsoRequires");
            g.writeStartObject();
            g.writeFieldName(C_ACTION);
            g.writeString(c.extraAction);
            g.writeFieldName(C_RESOURCE);
            g.writeString(c.extraResource);
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeFieldName(C_DENIED);
        g.writeBoolean(c.denied);
        if (c.issuerInWindow == null) {
            g.writeFieldName(C_ISSUERINWINDOW);
            g.writeNull();
        } else {
            g.writeFieldName(C_ISSUERINWINDOW);
            g.writeBoolean(c.issuerInWindow);
        }
        g.writeFieldName(C_DUPLICATED);
        g.writeBoolean(c.duplicated);
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void attribution(JsonGenerator g, Call c) throws IOException {
        g.writeFieldName(C_MECHANISM);
        g.writeString(c.mechanism.name());
        g.writeFieldName(C_ROLEARN);
        g.writeString(c.roleArn);
        g.writeFieldName(C_ROOTPRINCIPAL);
        g.writeString(c.rootPrincipal);
        g.writeFieldName(C_ACCESSKEYID);
        g.writeString(c.accessKeyId);
        g.writeFieldName(C_MINTEDACCESSKEYID);
        g.writeString(c.mintedAccessKeyId);
        g.writeFieldName(C_CLUSTER);
        g.writeString(c.cluster);
        g.writeFieldName(C_NAMESPACE);
        g.writeString(c.namespace);
        g.writeFieldName(C_SERVICEACCOUNT);
        g.writeString(c.serviceAccount);
        g.writeFieldName(C_PODNAME);
        g.writeString(c.podName);
        g.writeFieldName(C_PODUID);
        g.writeString(c.podUid);
        g.writeFieldName(C_NODE);
        g.writeString(c.node);
        g.writeFieldName(C_INSTANCEID);
        g.writeString(c.instanceId);
    }

    /** The attribution fields of {@code c} as raw JSON, starting with the value of "mechanism". */
    String attributionRaw(Call c) throws IOException {
        java.io.StringWriter sw = new java.io.StringWriter(512);
        try (JsonGenerator g = json.createGenerator(sw)) {
            g.writeStartObject();
            attribution(g, c);
            g.writeEndObject();
        }
        String s = sw.toString();
        return s.substring("{\"mechanism\":".length(), s.length() - 1);
    }

    boolean writesCalls() {
        return calls != null;
    }

    private static void usage(Map<String, Set<String>> m, String key, String action, String resource) {
        if (key == null) {
            return;
        }
        Set<String> set = m.get(key);
        if (set == null) {
            set = new HashSet<>();
            m.put(key, set);
        }
        set.add(action + "\t" + resource);
    }

    void pod(Pod p, long windowEnd) throws IOException {
        JsonGenerator g = pods;
        g.writeStartObject();
        g.writeStringField("cluster", p.workload.cluster.name);
        g.writeStringField("namespace", p.workload.namespace);
        g.writeStringField("name", p.name);
        g.writeStringField("uid", p.uid);
        g.writeStringField("serviceAccount", p.workload.serviceAccount);
        g.writeStringField("node", p.node.name);
        g.writeStringField("instanceId", p.node.instanceId);
        g.writeStringField("podIP", p.ip);
        g.writeStringField("start", Times.isoMillis(p.start));
        if (p.end == Long.MAX_VALUE || p.end > windowEnd) {
            g.writeNullField("end");
        } else {
            g.writeStringField("end", Times.isoMillis(p.end));
        }
        g.writeStringField("credential", p.workload.credential.name());
        g.writeStringField("roleArn", p.workload.role == null ? null : p.workload.role.arn());
        g.writeBooleanField("createdInWindow", p.createdInWindow);
        g.writeEndObject();
        g.writeRaw('\n');
        podCount++;
    }

    void session(Session s) throws IOException {
        JsonGenerator g = sessions;
        g.writeStartObject();
        g.writeStringField("accessKeyId", s.accessKeyId);
        g.writeStringField("mechanism", s.mechanism.name());
        g.writeStringField("roleArn", s.role == null ? s.userArn : s.role.arn());
        g.writeStringField("sessionArn", s.arn());
        g.writeStringField("sessionName", s.sessionName);
        g.writeStringField("cluster", s.cluster == null ? null : s.cluster.name);
        g.writeStringField("namespace", s.namespace);
        g.writeStringField("serviceAccount", s.serviceAccount);
        g.writeStringField("podName", s.pod == null ? null : s.pod.name);
        g.writeStringField("podUid", s.pod == null ? null : s.pod.uid);
        g.writeStringField("instanceId", s.node == null ? null : s.node.instanceId);
        g.writeStringField("issuedAt", Times.isoSeconds(s.issuedAt));
        g.writeStringField("issuingEventId", s.issuingEventId);
        g.writeBooleanField("issuingEventWritten", s.issuingEventWritten);
        g.writeStringField("parentAccessKeyId", s.parentAccessKeyId);
        g.writeEndObject();
        g.writeRaw('\n');
        sessionCount++;
    }

    void usageJson() throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("usage.json"));
                JsonGenerator g = json.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeObjectFieldStart("roles");
            writeUsage(g, roleAllowed, roleDenied);
            g.writeEndObject();
            g.writeObjectFieldStart("workloads");
            writeUsage(g, workloadAllowed, workloadDenied);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void writeUsage(JsonGenerator g, Map<String, Set<String>> allowed, Map<String, Set<String>> denied)
            throws IOException {
        TreeSet<String> keys = new TreeSet<>(allowed.keySet());
        keys.addAll(denied.keySet());
        for (String k : keys) {
            g.writeObjectFieldStart(k);
            g.writeArrayFieldStart("allowed");
            pairs(g, allowed.get(k));
            g.writeEndArray();
            g.writeArrayFieldStart("denied");
            pairs(g, denied.get(k));
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void pairs(JsonGenerator g, Set<String> set) throws IOException {
        if (set == null) {
            return;
        }
        // sort by (action, resource); the tab separator sorts below every printable character
        for (String p : new TreeSet<>(set)) {
            int tab = p.indexOf('\t');
            g.writeStartObject();
            g.writeStringField("action", p.substring(0, tab));
            g.writeStringField("resource", p.substring(tab + 1));
            g.writeEndObject();
        }
    }

    @Override
    public void close() throws IOException {
        if (calls != null) {
            calls.close();
        }
        pods.close();
        sessions.close();
    }
}
