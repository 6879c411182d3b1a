package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.trailtailor.synthetic.Model.Mechanism;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
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

    void reset() {
      eventId = eventSource = eventName = region = account = roleArn = rootPrincipal = accessKeyId = null;
      mintedAccessKeyId = cluster = namespace = serviceAccount = podName = podUid = node = instanceId = null;
      action = resource = extraAction = extraResource = null;
      mechanism = null;
      eventTime = 0;
      denied = duplicated = signed = false;
      issuerInWindow = null;
    }
  }

  private final JsonFactory json = new JsonFactory();
  private final Path dir;
  private final JsonGenerator calls;
  private final JsonGenerator pods;
  private final JsonGenerator sessions;
  // principal ARN (role or user) -> "action\tresource"
  private final Map<String, TreeSet<String>> roleAllowed = new TreeMap<>();
  private final Map<String, TreeSet<String>> roleDenied = new TreeMap<>();
  private final Map<String, TreeSet<String>> workloadAllowed = new TreeMap<>();
  private final Map<String, TreeSet<String>> workloadDenied = new TreeMap<>();
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
    g.writeStringField("eventId", c.eventId);
    g.writeStringField("eventTime", Times.isoSeconds(c.eventTime));
    g.writeStringField("eventSource", c.eventSource);
    g.writeStringField("eventName", c.eventName);
    g.writeStringField("awsRegion", c.region);
    g.writeStringField("recipientAccountId", c.account);
    g.writeStringField("mechanism", c.mechanism.name());
    g.writeStringField("roleArn", c.roleArn);
    g.writeStringField("rootPrincipal", c.rootPrincipal);
    g.writeStringField("accessKeyId", c.accessKeyId);
    g.writeStringField("mintedAccessKeyId", c.mintedAccessKeyId);
    g.writeStringField("cluster", c.cluster);
    g.writeStringField("namespace", c.namespace);
    g.writeStringField("serviceAccount", c.serviceAccount);
    g.writeStringField("podName", c.podName);
    g.writeStringField("podUid", c.podUid);
    g.writeStringField("node", c.node);
    g.writeStringField("instanceId", c.instanceId);
    g.writeStringField("action", c.action);
    g.writeStringField("resource", c.resource);
    if (c.extraAction != null) {
      g.writeArrayFieldStart("alsoRequires");
      g.writeStartObject();
      g.writeStringField("action", c.extraAction);
      g.writeStringField("resource", c.extraResource);
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeBooleanField("denied", c.denied);
    if (c.issuerInWindow == null) {
      g.writeNullField("issuerInWindow");
    } else {
      g.writeBooleanField("issuerInWindow", c.issuerInWindow);
    }
    g.writeBooleanField("duplicated", c.duplicated);
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private static void usage(Map<String, TreeSet<String>> m, String key, String action, String resource) {
    if (key == null) {
      return;
    }
    m.computeIfAbsent(key, k -> new TreeSet<>()).add(action + "\t" + resource);
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

  private static void writeUsage(JsonGenerator g, Map<String, TreeSet<String>> allowed,
      Map<String, TreeSet<String>> denied) throws IOException {
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

  private static void pairs(JsonGenerator g, TreeSet<String> set) throws IOException {
    if (set == null) {
      return;
    }
    for (String p : set) {
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
