package io.trailtailor.flink.identity;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.event.ApiCall;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.SessionExtractor;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Credential sessions from their issuing events (keyed by the access key they mint), and the OIDC issuer → cluster
 * pairs EKS {@code CreateCluster}/{@code DescribeCluster} responses reveal (side output, keyed by issuer).
 */
final class ExtractSessions extends ProcessFunction<ApiCallRow, Tuple2<String, String>> {

    static final OutputTag<Tuple2<String, String>> CLUSTER_ISSUERS =
            new OutputTag<>("cluster-issuers", Keyed.KEYED_JSON);

    private final IdentityConfig config;
    private transient SessionExtractor extractor;

    ExtractSessions(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        extractor = config.extractor();
    }

    @Override
    public void processElement(ApiCallRow avro, Context ctx, Collector<Tuple2<String, String>> out) {
        if ("eks.amazonaws.com".equals(avro.getEventSource())) {
            ClusterDirectory learnt = new ClusterDirectory();
            if (learnt.observe(AvroMapper.fromAvro(avro))) {
                for (Map.Entry<String, String> e : learnt.entries().entrySet()) {
                    ctx.output(CLUSTER_ISSUERS, Tuple2.of(e.getKey(), e.getValue()));
                }
            }
            return;
        }
        if (!"sts.amazonaws.com".equals(avro.getEventSource())) {
            return;
        }
        ApiCall call = AvroMapper.fromAvro(avro);
        if (SessionExtractor.isIssuingEvent(call)) {
            extractor
                    .fromIssuingEvent(call)
                    .ifPresent(s -> out.collect(Tuple2.of(s.accessKeyId(), JsonCodec.write(s))));
        }
    }
}
