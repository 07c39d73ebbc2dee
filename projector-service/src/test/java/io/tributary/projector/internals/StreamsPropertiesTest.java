package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.ProjectorSettings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

  @Test
  void shouldConfigureStreamsForLowLatencyAndTheQueryEndpoint() {
    Properties props =
        StreamsProperties.of(
            ProjectorSettings.parse(Map.of("kafka.bootstrap.servers", "k:9092")), "10.0.0.1:8081");

    assertThat(props)
        .containsEntry("application.server", "10.0.0.1:8081")
        .containsEntry("application.id", "tributary.projector")
        .containsEntry("statestore.cache.max.bytes", 0L)
        .containsEntry("producer.linger.ms", 1)
        .containsEntry("processing.guarantee", "at_least_once")
        .containsEntry("commit.interval.ms", 100L)
        .containsEntry("bootstrap.servers", "k:9092");
  }

  @Test
  void shouldLetKafkaKeysOverrideTuningButNotDeclaredKeys() {
    Properties props =
        StreamsProperties.of(
            ProjectorSettings.parse(
                Map.of(
                    "kafka.bootstrap.servers", "k:9092",
                    "kafka.producer.linger.ms", "5",
                    "kafka.processing.guarantee", "exactly_once_v2")),
            "h:1");

    assertThat(props)
        .containsEntry("producer.linger.ms", "5")
        .containsEntry("processing.guarantee", "at_least_once");
  }
}
