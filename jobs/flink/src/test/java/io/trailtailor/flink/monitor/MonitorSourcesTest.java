package io.trailtailor.flink.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.flink.TestAnalysis;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.source.kinesis.KinesisInput;
import io.trailtailor.flink.source.sqs.NotificationRoutes;
import io.trailtailor.flink.source.sqs.NotifiedObject;
import io.trailtailor.flink.source.sqs.QueueUrl;
import io.trailtailor.flink.source.sqs.SqsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How monitor turns --sqs and --kinesis into sources: names (uid prefixes), routes, settings. */
class MonitorSourcesTest {

    @Test
    void namesEachSourceByItselfSoQueuesAndStreamsOfOneNameStayApart() {
        assertThat(MonitorSources.sqsName(
                        QueueUrl.parse("https://sqs.eu-west-1.amazonaws.com/111122223333/Trail_Events"), null))
                .isEqualTo("sqs-eu-west-1-111122223333-trail-events");
        assertThat(MonitorSources.sqsName(
                        QueueUrl.parse("https://sqs.us-east-1.amazonaws.com/111122223333/Trail_Events"), null))
                .isEqualTo("sqs-us-east-1-111122223333-trail-events");
        assertThat(MonitorSources.sqsName(QueueUrl.parse("http://127.0.0.1:9324/000000000000/q.fifo"), "eu-north-1"))
                .isEqualTo("sqs-eu-north-1-000000000000-q-fifo");
        assertThat(MonitorSources.kinesisName(
                        KinesisInput.parse("prod=arn:aws:kinesis:eu-west-1:111122223333:stream/eks.audit")))
                .isEqualTo("kinesis-eu-west-1-111122223333-eks-audit");
    }

    @Test
    void theS3InputsRouteNotifiedObjectsElseEverythingIsCloudTrail() {
        NotificationRoutes routes = MonitorSources.routes(analyze(
                List.of("s3://trail/AWSLogs/", "/local/trail"), List.of("prod=s3://audit/prod/", "/local/audit")));

        assertThat(routes.route(object("trail", "AWSLogs/111122223333/CloudTrail/x.json.gz")))
                .map(f -> f.kind)
                .contains(InputFile.Kind.CLOUDTRAIL);
        Optional<InputFile> audit = routes.route(object("audit", "prod/2026/11/03/a.gz"));
        assertThat(audit).map(f -> f.kind).contains(InputFile.Kind.AUDIT);
        assertThat(audit).map(f -> f.cluster).contains("prod");
        assertThat(routes.route(object("other", "x.gz"))).isEmpty();

        NotificationRoutes none = MonitorSources.routes(analyze(List.of("/local/trail"), List.of()));
        assertThat(none.route(object("any", "x.json.gz"))).map(f -> f.kind).contains(InputFile.Kind.CLOUDTRAIL);
    }

    @Test
    void aMessageStaysHiddenForTwoCheckpointIntervalsWithinSqsLimits() {
        QueueUrl queue = QueueUrl.parse("https://sqs.eu-west-1.amazonaws.com/111122223333/q");

        SqsSettings often = MonitorSources.sqsSettings(queue, monitor(Duration.ofSeconds(60), "http://127.0.0.1:1"));
        assertThat(often.visibilityTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(often.region()).isEqualTo("eu-west-1");
        assertThat(often.endpoint()).isEqualTo("http://127.0.0.1:1");
        assertThat(often.testAccessKey()).as("the default credential chain").isNull();
        assertThat(MonitorSources.sqsSettings(queue, monitor(Duration.ofMinutes(30), null))
                        .visibilityTimeout())
                .isEqualTo(Duration.ofHours(1));
        assertThat(MonitorSources.sqsSettings(queue, monitor(Duration.ofHours(8), null))
                        .visibilityTimeout())
                .isEqualTo(Duration.ofHours(12));
    }

    private static NotifiedObject object(String bucket, String key) {
        return new NotifiedObject(bucket, key, 1, "etag");
    }

    private static MonitorOptions monitor(Duration interval, String sqsEndpoint) {
        return new MonitorOptions(
                analyze(List.of(), List.of()),
                "/cp",
                interval,
                Duration.ofSeconds(30),
                Duration.ofMinutes(15),
                false,
                List.of(),
                List.of(),
                sqsEndpoint,
                null);
    }

    private static AnalyzeOptions analyze(List<String> cloudTrail, List<String> audit) {
        return TestAnalysis.options(Path.of("/out"), k -> {
            k.cloudTrail = cloudTrail;
            k.k8sAudit = audit;
        });
    }
}
