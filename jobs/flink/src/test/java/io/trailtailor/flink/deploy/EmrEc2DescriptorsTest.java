package io.trailtailor.flink.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.StepConfig;

/**
 * {@code deploy/emr-ec2/}: the RunJobFlow and AddJobFlowSteps inputs, read strictly into the AWS SDK's EMR request
 * model (unknown members, wrong types and unknown enum values fail), then checked for what trailtailor needs: an EMR
 * 7 release with Flink, Flink options that exist, and steps that run trailtailor's command line in YARN application
 * mode.
 */
class EmrEc2DescriptorsTest {

    @Test
    void createClusterIsAValidRunJobFlowRequestForAnEmr7ClusterWithFlink() {
        StrictSdkJson.Result<RunJobFlowRequest> read = StrictSdkJson.read(
                DeployFiles.json("emr-ec2/create-cluster.json"), RunJobFlowRequest::builder, RunJobFlowRequest.class);
        assertThat(read.problems()).isEmpty();
        RunJobFlowRequest request = read.value();
        assertThat(request.releaseLabel()).matches("emr-7\\.\\d+\\.\\d+");
        assertThat(request.applications()).extracting(Application::name).contains("Flink", "Hadoop");
        assertThat(request.instances().instanceGroups()).hasSize(2);
        assertThat(request.instances().keepJobFlowAliveWhenNoSteps()).isTrue();
        assertThat(request.configurations())
                .extracting(Configuration::classification)
                .containsExactly("flink-conf");
    }

    @Test
    void theFlinkConfClassificationSetsOnlyFlinkOptionsWithValuesThatParse() {
        RunJobFlowRequest request = StrictSdkJson.read(
                        DeployFiles.json("emr-ec2/create-cluster.json"),
                        RunJobFlowRequest::builder,
                        RunJobFlowRequest.class)
                .value();
        var properties = request.configurations().get(0).properties();
        assertThat(properties).containsKeys("execution.checkpointing.interval", "state.checkpoints.dir");
        assertThat(FlinkOptions.onClasspath().problems(properties)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"emr-ec2/step-analyze.json", "emr-ec2/step-monitor.json"})
    void stepsAreValidAddJobFlowStepsRequestsThatRunTrailtailorInYarnApplicationMode(String file) {
        StrictSdkJson.Result<AddJobFlowStepsRequest> read = StrictSdkJson.read(
                DeployFiles.json(file), AddJobFlowStepsRequest::builder, AddJobFlowStepsRequest.class);
        assertThat(read.problems()).isEmpty();
        assertThat(read.value().steps()).hasSize(1);
        StepConfig step = read.value().steps().get(0);
        assertThat(step.hadoopJarStep().jar()).isEqualTo("command-runner.jar");
        List<String> args = step.hadoopJarStep().args();
        // bash -c '<copy the jar; flink run-application ... "$@">' $0 <trailtailor's arguments>
        assertThat(args.subList(0, 2)).containsExactly("bash", "-c");
        assertThat(args.get(2))
                .contains("flink run-application -t yarn-application")
                .contains("-c io.trailtailor.flink.cli.Main")
                .contains("/tmp/trailtailor-job.jar \"$@\"")
                .startsWith(
                        "aws s3 cp s3://<ARTIFACT_BUCKET>/<ARTIFACT_PREFIX>/trailtailor-job.jar /tmp/trailtailor-job.jar");
        List<String> trailtailorArgs = new ArrayList<>(args.subList(4, args.size()));
        assertThat(file).contains(trailtailorArgs.get(0));
        DeployDescriptorsTest.assertCommandLineAccepts(trailtailorArgs);
    }

    @Test
    void theStrictReaderRejectsMisspeltMistypedAndUnknownEnumMembers() {
        ObjectNode steps =
                (ObjectNode) DeployFiles.json("emr-ec2/step-analyze.json").deepCopy();
        ObjectNode step = (ObjectNode) steps.at("/Steps/0");
        ObjectNode jarStep = (ObjectNode) step.get("HadoopJarStep");
        jarStep.set("Jarr", jarStep.remove("Jar"));
        step.put("ActionOnFailure", "CONTINUE_ANYWAY");
        ObjectNode cluster =
                (ObjectNode) DeployFiles.json("emr-ec2/create-cluster.json").deepCopy();
        ((ObjectNode) cluster.at("/Instances/InstanceGroups/0")).put("InstanceCount", "one");
        cluster.set("ReleaseLabels", cluster.remove("ReleaseLabel"));

        List<String> stepProblems = StrictSdkJson.read(
                        steps, AddJobFlowStepsRequest::builder, AddJobFlowStepsRequest.class)
                .problems();
        List<String> clusterProblems = StrictSdkJson.read(cluster, RunJobFlowRequest::builder, RunJobFlowRequest.class)
                .problems();

        assertThat(stepProblems)
                .hasSize(2)
                .anyMatch(p -> p.equals(
                        "$.Steps[0].HadoopJarStep.Jarr: unknown member (known: Properties, Jar," + " MainClass, Args)"))
                .anyMatch(p -> p.startsWith("$.Steps[0].ActionOnFailure: 'CONTINUE_ANYWAY' is not one of"));
        assertThat(clusterProblems)
                .hasSize(2)
                .contains("$.Instances.InstanceGroups[0].InstanceCount: expected an integer, got STRING \"one\"")
                .anyMatch(p -> p.startsWith("$.ReleaseLabels: unknown member"));
    }

    @Test
    void bothStepsTargetTheSameClusterPlaceholder() {
        for (String file : List.of("emr-ec2/step-analyze.json", "emr-ec2/step-monitor.json")) {
            JsonNode json = DeployFiles.json(file);
            assertThat(json.path("JobFlowId").asText()).isEqualTo("<CLUSTER_ID>");
        }
    }
}
