package io.trailtailor.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link NodeIdentity} of one (cluster, node) from kubelet requests ({@code user.extra} arn, canonicalArn,
 * sessionName, accessKeyId) and node objects ({@code spec.providerID aws:///<az>/i-...}): the state a keyed operator
 * holds per node. Order-independent; bounded by {@link #MAX_KEYS}.
 */
public final class NodeHistory {

    public static final int MAX_KEYS = 64;
    private static final Pattern PROVIDER_ID = Pattern.compile("^aws:///[^/]*/(i-[0-9a-fA-F]+)$");

    private final String cluster;
    private final String nodeName;
    private String instanceId;
    private Instant instanceIdAt;
    private String nodeRoleArn;
    private final Map<String, Instant> keyLastSeen = new HashMap<>();
    private Instant firstSeen;
    private Instant lastSeen;

    public NodeHistory(String cluster, String nodeName) {
        this.cluster = cluster;
        this.nodeName = Objects.requireNonNull(nodeName);
    }

    /** Records what the event says about this node; false when it says nothing. */
    public boolean accept(AuditEvent e) {
        Instant t = AuditRouting.earliest(e);
        if (t == null || !nodeName.equals(AuditRouting.nodeKey(e))) {
            return false;
        }
        boolean changed = false;
        if (nodeName.equals(AuditRouting.nodeUser(e))) {
            String session = e.user().extraValue("sessionName");
            if (Principals.isInstanceId(session)) {
                changed |= instance(session, t);
            }
            String role = SessionExtractor.firstNonNull(
                    e.user().extraValue("canonicalArn"), roleOf(e.user().extraValue("arn")));
            if (role != null) {
                nodeRoleArn = role;
                changed = true;
            }
            String key = e.user().extraValue("accessKeyId");
            if (key != null) {
                keyLastSeen.merge(key, t, (a, b) -> a.isAfter(b) ? a : b);
                evictOldKeys();
                changed = true;
            }
        }
        if ("nodes".equals(e.resource())) {
            for (String json : new String[] {e.responseObject(), e.requestObject()}) {
                JsonNode node = Json.tree(json);
                Matcher m = PROVIDER_ID.matcher(String.valueOf(Json.pointer(node, "/spec/providerID")));
                if (m.matches()) {
                    // providerID is authoritative over a session name
                    instanceId = m.group(1);
                    instanceIdAt = Instant.MAX;
                    changed = true;
                    break;
                }
            }
        }
        firstSeen = firstSeen == null || t.isBefore(firstSeen) ? t : firstSeen;
        lastSeen = lastSeen == null || t.isAfter(lastSeen) ? t : lastSeen;
        return changed;
    }

    private boolean instance(String id, Instant t) {
        // Node names can be reused by a replacement instance: the latest session wins unless providerID said otherwise.
        if (instanceIdAt == null || (!instanceIdAt.equals(Instant.MAX) && t.isAfter(instanceIdAt))) {
            instanceId = id;
            instanceIdAt = t;
            return true;
        }
        return false;
    }

    private static String roleOf(String assumedRoleArn) {
        // arn:aws:sts::<acct>:assumed-role/<role>/<session> -> arn:aws:iam::<acct>:role/<role>
        if (assumedRoleArn == null || !assumedRoleArn.contains(":assumed-role/")) {
            return null;
        }
        String[] parts = assumedRoleArn.split(":", 6);
        String[] path = parts[5].split("/");
        return path.length < 3 ? null : "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + path[1];
    }

    private void evictOldKeys() {
        while (keyLastSeen.size() > MAX_KEYS) {
            String oldest = null;
            for (Map.Entry<String, Instant> entry : keyLastSeen.entrySet()) {
                if (oldest == null || entry.getValue().isBefore(keyLastSeen.get(oldest))) {
                    oldest = entry.getKey();
                }
            }
            keyLastSeen.remove(oldest);
        }
    }

    public NodeIdentity identity() {
        List<String> keys = new ArrayList<>(keyLastSeen.keySet());
        keys.sort(null);
        return new NodeIdentity(cluster, nodeName, instanceId, nodeRoleArn, keys, firstSeen, lastSeen);
    }
}
