package io.trailtailor.flink.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StableJobIdTest {

    @Test
    void theSameCheckpointDirectoryGivesTheSameJobIdEveryTime() {
        assertThat(StableJobId.of(Path.of("/var/lib/tt/cp")))
                .isEqualTo(StableJobId.of(Path.of("/var/lib/tt/./x/../cp")))
                .isNotEqualTo(StableJobId.of(Path.of("/var/lib/tt/cp2")));
    }
}
