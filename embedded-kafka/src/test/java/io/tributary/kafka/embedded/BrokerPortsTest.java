package io.tributary.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerPortsTest {

  @TempDir Path dir;

  @Test
  void shouldReadBackThePortsItSaved() {
    // Given ports saved in a data dir
    Path file = dir.resolve("ports.properties");
    new BrokerPorts(41001, 41002).save(file);

    // When they are loaded again
    // Then both ports are the ones saved
    assertThat(BrokerPorts.load(file)).contains(new BrokerPorts(41001, 41002));
  }

  @Test
  void shouldReturnNothingWhenNoPortsWereSaved() {
    assertThat(BrokerPorts.load(dir.resolve("ports.properties"))).isEmpty();
  }

  @Test
  void shouldNameTheFileToDeleteWhenItIsCorrupt() throws Exception {
    // Given a ports file with a broken value
    Path file = dir.resolve("ports.properties");
    Files.writeString(file, "broker.port=abc\ncontroller.port=41002\n");

    // When it is loaded, Then the error tells what to do
    assertThatThrownBy(() -> BrokerPorts.load(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("delete the file");
  }
}
