package io.trailtailor.policy.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Queue URLs, in the forms monitor's {@code --sqs} takes a region from, become {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
class AwsArnsTest {

    @Test
    void aQueueUrlBecomesTheQueueArn() {
        assertThat(AwsArns.sqsQueue("https://sqs.eu-west-1.amazonaws.com/111122223333/trail-events"))
                .isEqualTo("arn:aws:sqs:eu-west-1:111122223333:trail-events");
        assertThat(AwsArns.sqsQueue("https://sqs.us-east-1.amazonaws.com/111122223333/trail-events.fifo/"))
                .isEqualTo("arn:aws:sqs:us-east-1:111122223333:trail-events.fifo");
        assertThat(AwsArns.sqsQueue("https://us-west-2.queue.amazonaws.com/111122223333/q"))
                .isEqualTo("arn:aws:sqs:us-west-2:111122223333:q");
        assertThat(AwsArns.sqsQueue(
                        "https://vpce-0a1b2c3d4e5f-abcd1234.sqs.us-east-1.vpce.amazonaws.com/111122223333/q"))
                .isEqualTo("arn:aws:sqs:us-east-1:111122223333:q");
        assertThat(AwsArns.sqsQueue("https://sqs.cn-north-1.amazonaws.com.cn/111122223333/q"))
                .isEqualTo("arn:aws-cn:sqs:cn-north-1:111122223333:q");
    }

    @Test
    void aUrlWithoutAnAwsRegionIsRefused() {
        assertThatThrownBy(() -> AwsArns.sqsQueue("http://127.0.0.1:9324/111122223333/q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--sqs: not a queue URL");
        assertThatThrownBy(() -> AwsArns.sqsQueue("https://sqs.us-east-1.amazonaws.com/1111/q"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
