package io.trailtailor.flink.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AuditEventRow;
import io.trailtailor.event.ApiCall;
import io.trailtailor.event.AuditEvent;
import io.trailtailor.event.AuditEventParser;
import io.trailtailor.event.CloudTrailRecordParser;
import io.trailtailor.event.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cheap field accessors read exactly what the whole conversion back to a core record would. */
class AvroMapperAccessorsTest {

    private static final String CALL = "{\"eventVersion\":\"1.09\",\"eventID\":\"e-1\","
            + "\"eventTime\":\"2026-11-01T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
            + "\"awsRegion\":\"us-east-1\",\"requestParameters\":{\"bucketName\":\"b\",\"key\":\"k\"},"
            + "\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:pod-1\","
            + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/app/pod-1\",\"accountId\":\"111122223333\","
            + "\"accessKeyId\":\"ASIAEXAMPLE1\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
            + "\"arn\":\"arn:aws:iam::111122223333:role/app\"},\"attributes\":{\"creationDate\":"
            + "\"2026-11-01T09:59:00Z\"},\"webIdFederationData\":{\"federatedProvider\":"
            + "\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X\"}}}}";

    private static final String AUDIT = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
            + "\"auditID\":\"a-1\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/ns/pods/p\","
            + "\"verb\":\"get\",\"user\":{\"username\":\"arn:aws:sts::111122223333:assumed-role/app/s\","
            + "\"groups\":[\"system:authenticated\"],\"extra\":{\"accessKeyId\":[\"ASIAEXAMPLE2\",\"ASIAOTHER\"],"
            + "\"arn\":[\"arn:aws:sts::111122223333:assumed-role/app/s\"]}},\"sourceIPs\":[\"10.0.0.1\"],"
            + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"ns\",\"name\":\"p\",\"apiVersion\":\"v1\"},"
            + "\"responseStatus\":{\"code\":200},\"requestReceivedTimestamp\":\"2026-11-01T10:00:00.000000Z\","
            + "\"stageTimestamp\":\"2026-11-01T10:00:00.010000Z\"}";

    @Test
    void callAccessorsReadWhatTheWholeCallHolds() throws Exception {
        ApiCall call = CloudTrailRecordParser.parse(
                Json.MAPPER.readTree(CALL), CALL.getBytes(StandardCharsets.UTF_8), "f.json");
        ApiCallRow row = AvroMapper.toAvro(call);

        assertThat(AvroMapper.identityOf(row))
                .isEqualTo(AvroMapper.fromAvro(row).identity());
        assertThat(AvroMapper.identityOf(row)).isEqualTo(call.identity());
        assertThat(AvroMapper.accessKeyIdOf(row)).isEqualTo("ASIAEXAMPLE1");
        assertThat(AvroMapper.fromAvro(row)).isEqualTo(call);
    }

    @Test
    void auditAccessorsReadWhatTheWholeEventHolds() throws Exception {
        AuditEvent event = AuditEventParser.parse(Json.MAPPER.readTree(AUDIT), "prod", "a.jsonl");
        AuditEventRow row = AvroMapper.toAvro(event);
        AuditEvent back = AvroMapper.fromAvro(row);

        assertThat(AvroMapper.userOf(row)).isEqualTo(back.user());
        assertThat(AvroMapper.extraValue(row, "accessKeyId")).isEqualTo("ASIAEXAMPLE2");
        assertThat(AvroMapper.extraValue(row, "accessKeyId"))
                .isEqualTo(back.user().extraValue("accessKeyId"));
        assertThat(AvroMapper.extraValue(row, "sessionName")).isNull();
        assertThat(AvroMapper.objectRefOf(row)).isEqualTo(back.objectRef());
        assertThat(AvroMapper.objectRefOf(row).name()).isEqualTo("p");
    }
}
