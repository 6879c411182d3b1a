package io.trailtailor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.architecture.ProductionClasses;
import io.trailtailor.flink.source.kinesis.KinesisSettings;
import io.trailtailor.flink.source.sqs.SqsSettings;
import io.trailtailor.policy.PolicyStatement;
import io.trailtailor.policy.pipeline.PipelinePolicy;
import io.trailtailor.policy.pipeline.PipelineRun;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kinesis and SQS calls of the compiled job are the ones {@code ACTIONS_CALLED} lists, and {@code self-policy}
 * grants exactly their IAM actions on the stream and queue (no more, no less): a new client call in a source fails
 * here until the policy grants it. The calls are read from the bytecode of every main class, so a call made outside
 * the source packages counts too.
 */
class SourceActionsTest {

    static final String STREAM = "arn:aws:kinesis:eu-west-1:111122223333:stream/eks-audit";
    static final String QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/trail-notifications";
    static final String QUEUE = "arn:aws:sqs:eu-west-1:111122223333:trail-notifications";

    /** What every SDK client has and that calls no service: its static factories and its own accessors. */
    static final Set<String> NOT_OPERATIONS =
            Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.get();
    }

    @Test
    void theKinesisCallsOfTheJobAreTheListedOnes() {
        assertThat(operationsCalledOn(
                        "software.amazon.awssdk.services.kinesis.KinesisClient",
                        "software.amazon.awssdk.services.kinesis.KinesisAsyncClient"))
                .containsExactlyInAnyOrderElementsOf(KinesisSettings.ACTIONS_CALLED.keySet());
    }

    @Test
    void theSqsCallsOfTheJobAreTheListedOnes() {
        assertThat(operationsCalledOn(
                        "software.amazon.awssdk.services.sqs.SqsClient",
                        "software.amazon.awssdk.services.sqs.SqsAsyncClient"))
                .containsExactlyInAnyOrderElementsOf(SqsSettings.ACTIONS_CALLED.keySet());
    }

    @Test
    void notifiedObjectsAreReadWithGetObjectOnly() {
        // LogFileOpener reads every input file, listed or notified; s3:GetObject is what ReadInputs grants
        assertThat(classes.get("io.trailtailor.flink.input.LogFileOpener").getMethodCallsFromSelf().stream()
                        .filter(c -> c.getTargetOwner().getName().equals("software.amazon.awssdk.services.s3.S3Client"))
                        .map(c -> c.getName())
                        .filter(name -> !NOT_OPERATIONS.contains(name))
                        .collect(Collectors.toSet()))
                .containsExactly("getObject");
    }

    @Test
    void selfPolicyGrantsExactlyTheseActionsOnTheStreamAndTheQueue() {
        List<PolicyStatement> statements = PipelinePolicy.of(new PipelineRun(
                        List.of("s3://trail/logs/"),
                        List.of(),
                        null,
                        null,
                        List.of(),
                        List.of(STREAM),
                        List.of(QUEUE_URL),
                        KeyFilter.ALL))
                .document()
                .statements();

        assertThat(actionsOn(statements, "kinesis:"))
                .containsExactlyInAnyOrderElementsOf(Set.copyOf(KinesisSettings.ACTIONS_CALLED.values()));
        assertThat(resourcesOf(statements, "kinesis:")).containsExactly(STREAM);
        assertThat(actionsOn(statements, "sqs:"))
                .containsExactlyInAnyOrderElementsOf(Set.copyOf(SqsSettings.ACTIONS_CALLED.values()));
        assertThat(resourcesOf(statements, "sqs:")).containsExactly(QUEUE);
    }

    /** The operations (ListShards, ...) the main classes call on clients of these types. */
    static Set<String> operationsCalledOn(String... clientTypes) {
        Set<String> types = Set.of(clientTypes);
        Set<String> operations = new TreeSet<>();
        for (var c : classes) {
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                if (types.contains(call.getTargetOwner().getName()) && !NOT_OPERATIONS.contains(call.getName())) {
                    String name = call.getName().replaceFirst("Paginator$", "");
                    operations.add(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1));
                }
            }
        }
        return operations;
    }

    private static Set<String> actionsOn(List<PolicyStatement> statements, String service) {
        return statements.stream()
                .flatMap(s -> s.actions().stream())
                .filter(a -> a.startsWith(service))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> resourcesOf(List<PolicyStatement> statements, String service) {
        return statements.stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith(service)))
                .flatMap(s -> s.resources().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
