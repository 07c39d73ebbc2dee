package io.tributary.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {

  @Test
  void shouldNameTheControllerPortInTheStaticQuorumAndListenOnLoopbackOnly() {
    // Given the ports of a node
    BrokerPorts ports = new BrokerPorts(41001, 41002);

    // When its server configuration is built
    Properties props = BrokerProperties.of(Path.of("/data/kafka/log"), ports);

    // Then the quorum names the controller port and every listener is on 127.0.0.1
    assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:41002");
    assertThat(props.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:41001,CONTROLLER://127.0.0.1:41002");
    assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
  }

  @Test
  void shouldFitEveryInternalTopicOnASingleNode() {
    Properties props = BrokerProperties.of(Path.of("/tmp/log"), new BrokerPorts(41001, 41002));

    assertThat(props)
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("share.coordinator.state.topic.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0");
  }
}
