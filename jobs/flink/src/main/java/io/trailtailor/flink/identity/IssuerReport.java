package io.trailtailor.flink.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.identity.ClusterSnapshots;
import io.trailtailor.identity.IssuerInference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code clusters} section of {@code summary.json}: how each OIDC issuer got its cluster name
 * ({@code issuers}: cli, snapshot, eks-events, audit or none, with the evidence each cluster showed), the issuers
 * several clusters fit ({@code ambiguous}), and what the cluster snapshots held ({@code snapshots}).
 */
public final class IssuerReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IssuerReport() {}

    /**
     * {@code decisions} is the job's accumulated list of decision JSON (null when attribution did not run: then
     * {@code issuers} and {@code ambiguous} are null); {@code snapshotArguments} the {@code --cluster-snapshot} values.
     */
    public static ObjectNode json(Object decisions, List<String> snapshotArguments) {
        ObjectNode clusters = MAPPER.createObjectNode();
        if (decisions instanceof List<?> list) {
            List<IssuerInference.Decision> sorted = new ArrayList<>();
            list.forEach(d -> sorted.add(JsonCodec.read(String.valueOf(d), IssuerInference.Decision.class)));
            sorted.sort(Comparator.comparing(IssuerInference.Decision::issuer));
            ArrayNode issuers = clusters.putArray("issuers");
            ArrayNode ambiguous = clusters.putArray("ambiguous");
            for (IssuerInference.Decision d : sorted) {
                issuers.add(MAPPER.<JsonNode>valueToTree(d));
                if (d.ambiguous()) {
                    ObjectNode a =
                            ambiguous.addObject().put("issuer", d.issuer()).put("reason", d.reason());
                    d.fitting().forEach(a.putArray("clusters")::add);
                }
            }
        } else {
            clusters.putNull("issuers");
            clusters.putNull("ambiguous");
        }
        ClusterSnapshots snapshots = ClusterSnapshots.read(snapshotArguments);
        ObjectNode s = clusters.putObject("snapshots");
        s.put("describeCluster", snapshots.describeClusters().size());
        snapshots.notDescribeCluster().forEach(s.putArray("notDescribeCluster")::add);
        return clusters;
    }
}
