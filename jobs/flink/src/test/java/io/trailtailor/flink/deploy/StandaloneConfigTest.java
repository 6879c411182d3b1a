package io.trailtailor.flink.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/standalone/config.yaml} as Flink itself loads it ({@link GlobalConfiguration}, the loader every
 * Flink process uses): the keys start.sh and trailtailor's jobs rely on, all of them real Flink 1.20 options.
 */
class StandaloneConfigTest {

    private static Configuration load() {
        return GlobalConfiguration.loadConfiguration(
                DeployFiles.file("standalone").toString());
    }

    @Test
    void flinksOwnLoaderReadsTheClusterSettings() {
        Configuration conf = load();
        assertThat(conf.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(RestOptions.PORT)).isEqualTo(8081);
        assertThat(conf.get(TaskManagerOptions.NUM_TASK_SLOTS)).isEqualTo(2);
        assertThat(conf.get(TaskManagerOptions.NETWORK_MEMORY_MIN)).isEqualTo(MemorySize.parse("384m"));
        assertThat(conf.get(TaskManagerOptions.NETWORK_MEMORY_MAX)).isEqualTo(MemorySize.parse("384m"));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(60));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("file:///");
    }

    @Test
    void everyKeyIsAFlinkOptionWithAValueThatParses() {
        Configuration conf = load();
        assertThat(conf.toMap()).hasSizeGreaterThan(20);
        assertThat(FlinkOptions.onClasspath().problems(conf.toMap())).isEmpty();
    }

    @Test
    void theJvmOptionsAreTheJava17OpensTheBuildUses() {
        String opens = System.getProperty("flink.jdk17.opens");
        assertThat(opens).as("flink.jdk17.opens passed by the pom").isNotBlank();
        assertThat(load().get(CoreOptions.FLINK_JVM_OPTIONS)).isEqualTo(opens);
    }
}
