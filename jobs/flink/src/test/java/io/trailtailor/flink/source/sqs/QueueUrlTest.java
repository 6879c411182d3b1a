package io.trailtailor.flink.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Queue URLs as {@code monitor --sqs} takes them: the region from AWS's host names, else the fallback. */
class QueueUrlTest {

    @ParameterizedTest
    @CsvSource({
        "https://sqs.eu-west-1.amazonaws.com/111122223333/trail-events, , eu-west-1, trail-events",
        "https://sqs.us-gov-west-1.amazonaws.com/111122223333/q.fifo, , us-gov-west-1, q.fifo",
        "https://sqs.cn-north-1.amazonaws.com.cn/111122223333/q, , cn-north-1, q",
        "https://ap-southeast-2.queue.amazonaws.com/111122223333/q, , ap-southeast-2, q",
        "https://vpce-0a1b2c-3d4e.sqs.eu-central-1.vpce.amazonaws.com/111122223333/q, , eu-central-1, q",
        "http://127.0.0.1:9324/000000000000/local, eu-north-1, eu-north-1, local",
        "http://127.0.0.1:9324/000000000000/local, , us-east-1, local",
        "https://sqs.eu-west-1.amazonaws.com/111122223333/q, ap-south-1, eu-west-1, q"
    })
    void takesTheRegionFromAwsHostNamesElseTheFallback(String url, String fallback, String region, String name) {
        QueueUrl queue = QueueUrl.parse(url);

        assertThat(queue.region(fallback)).isEqualTo(region);
        assertThat(queue.name()).isEqualTo(name);
        assertThat(queue.url()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "trail-events",
                "sqs.us-east-1.amazonaws.com/111122223333/q",
                "https://sqs.us-east-1.amazonaws.com/1111/q",
                "https://sqs.us-east-1.amazonaws.com/111122223333/",
                "https://sqs.us-east-1.amazonaws.com/111122223333/q/extra",
                "https://sqs.us-east-1.amazonaws.com/111122223333/q?x=1",
                "arn:aws:sqs:us-east-1:111122223333:q"
            })
    void refusesWhatIsNoQueueUrl(String url) {
        assertThatThrownBy(() -> QueueUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an SQS queue URL");
    }
}
