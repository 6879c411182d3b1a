package io.trailtailor.flink.identity;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.identity.ClusterDirectory;
import io.trailtailor.identity.CredentialSession;
import io.trailtailor.identity.IssuerInference;
import io.trailtailor.identity.PodLifetime;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * The branch that names every OIDC issuer's cluster: what IRSA sessions and the calls made with them claim, what the
 * audit log shows of each cluster's service accounts, and the names EKS events gave, become facts; distinct facts
 * meet in one place ({@link DecideIssuers}), which decides all issuers at once with {@link IssuerInference}:
 *
 * <pre>
 * sessions from issuing events ─┐
 * calls with IRSA credentials ──┤ claims
 * pod lifetimes ────────────────┤ evidence (AWS_ROLE_ARN)      ─▶ distinct facts ─▶ one decision ─▶ issuer → cluster
 * audit events ─────────────────┤ evidence (SA annotations, token requests)
 * EKS cluster events ───────────┘ names
 * </pre>
 */
final class IssuerNames {

    static final String CLAIM = "claim";
    static final String EVIDENCE = "evidence";
    static final String EKS_NAME = "eks";

    private static final TypeInformation<Tuple2<String, String>> KJ = Keyed.KEYED_JSON;

    private IssuerNames() {}

    /** (issuer, cluster name) of every issuer that has a name, whoever gave it. */
    static DataStream<Tuple2<String, String>> build(
            DataStream<Tuple2<String, String>> mintedSessions,
            DataStream<ApiCallRow> calls,
            DataStream<String> podLifetimes,
            DataStream<AuditEventRow> auditEvents,
            DataStream<Tuple2<String, String>> eksIssuers,
            IdentityConfig config) {
        DataStream<Tuple2<String, String>> sessionClaims = mintedSessions
                .flatMap(
                        (Tuple2<String, String> t, Collector<Tuple2<String, String>> out) -> IssuerInference.claimOf(
                                        JsonCodec.read(t.f1, CredentialSession.class))
                                .ifPresent(c -> out.collect(Tuple2.of(CLAIM, JsonCodec.write(c)))),
                        KJ)
                .name("issuer claims of sessions")
                .uid("issuer-claims-sessions");
        DataStream<Tuple2<String, String>> callClaims = calls.filter(c -> c.getIdentity() != null
                        && c.getIdentity().getWebIdProvider() != null
                        && ClusterDirectory.isEksIssuer(c.getIdentity().getWebIdProvider()))
                .name("calls with IRSA credentials")
                .uid("irsa-calls")
                .flatMap(
                        (ApiCallRow c, Collector<Tuple2<String, String>> out) -> IssuerInference.claimOf(
                                        AvroMapper.fromAvro(c))
                                .ifPresent(x -> out.collect(Tuple2.of(CLAIM, JsonCodec.write(x)))),
                        KJ)
                .name("issuer claims of calls")
                .uid("issuer-claims-calls");
        DataStream<Tuple2<String, String>> podEvidence = podLifetimes
                .flatMap(
                        (String json, Collector<Tuple2<String, String>> out) -> IssuerInference.evidenceOf(
                                        JsonCodec.read(json, PodLifetime.class))
                                .ifPresent(e -> out.collect(Tuple2.of(EVIDENCE, JsonCodec.write(e)))),
                        KJ)
                .name("role evidence of pods")
                .uid("issuer-evidence-pods");
        DataStream<Tuple2<String, String>> accountEvidence = auditEvents
                .filter(e -> e.getObjectRef() != null
                        && "serviceaccounts".equals(e.getObjectRef().getResource()))
                .name("service account events")
                .uid("service-account-events")
                .flatMap(
                        (AuditEventRow e, Collector<Tuple2<String, String>> out) -> IssuerInference.evidenceOf(
                                        AvroMapper.fromAvro(e))
                                .ifPresent(x -> out.collect(Tuple2.of(EVIDENCE, JsonCodec.write(x)))),
                        KJ)
                .name("role evidence of service accounts")
                .uid("issuer-evidence-accounts");
        DataStream<Tuple2<String, String>> eksNames = eksIssuers
                .map(t -> Tuple2.of(EKS_NAME, JsonCodec.write(new String[] {t.f0, t.f1})), KJ)
                .name("issuer names of EKS events")
                .uid("issuer-names-eks");
        return sessionClaims
                .union(callClaims, podEvidence, accountEvidence, eksNames)
                .keyBy(t -> t.f0 + "|" + t.f1, Types.STRING)
                .process(new DistinctFacts(), KJ)
                .name("distinct issuer facts")
                .uid("distinct-issuer-facts")
                .keyBy(t -> DecideIssuers.ONE_KEY, Types.STRING)
                .process(new DecideIssuers(config), KJ)
                .name("decide issuer names")
                .uid("decide-issuers");
    }
}
