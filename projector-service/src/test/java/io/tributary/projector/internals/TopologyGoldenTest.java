package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.LastWriterWins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The topology's description is committed in {@code src/test/resources/topology.txt}: a renamed
 * node or store (which would lose state in production) fails the build until the file is updated on
 * purpose with {@code -Dtopology.golden.update=true}.
 */
class TopologyGoldenTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "topology.txt");

  @Test
  void shouldMatchTheCommittedTopologyDescription() throws IOException {
    // Given the topology with the default topic prefix
    String actual =
        ProjectorTopology.build("tributary.", PolicyRegistry.uniform(new LastWriterWins()))
            .describe()
            .toString();

    // When asked to, write it as the new golden file
    if (Boolean.getBoolean("topology.golden.update")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }

    // Then it equals the committed description
    assertThat(Files.exists(GOLDEN))
        .as("missing %s: run the test with -Dtopology.golden.update=true", GOLDEN)
        .isTrue();
    assertThat(actual)
        .as(
            "the topology changed; if intended (renaming a store or node loses state), update %s"
                + " with: mvn -o -pl projector-service test -Dtest=TopologyGoldenTest"
                + " -Dtopology.golden.update=true",
            GOLDEN)
        .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }
}
