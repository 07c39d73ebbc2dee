package io.tributary.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.protocol.merge.ClientResolves;
import io.tributary.protocol.merge.LastWriterWins;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ProjectorSettingsTest {

  @Test
  void shouldDeriveTheApplicationIdFromTheTopicPrefix() {
    ProjectorSettings settings = ProjectorSettings.parse(config("topic.prefix", "acme."));

    assertThat(settings.applicationId()).isEqualTo("acme.projector");
    assertThat(settings.httpPort()).isEqualTo(8081);
    assertThat(settings.processingGuarantee()).isEqualTo("at_least_once");
  }

  @Test
  void shouldUseEachCollectionsPolicyAndTheDefaultForOthers() {
    ProjectorSettings settings =
        ProjectorSettings.parse(
            config(
                "collections.default.policy", "client-resolves",
                "collection.todos.policy", "lww"));

    assertThat(settings.policies().policyOf("todos")).isInstanceOf(LastWriterWins.class);
    assertThat(settings.policies().policyOf("notes")).isInstanceOf(ClientResolves.class);
  }

  @Test
  void shouldFailNamingTheKeyOfAnUnknownPolicy() {
    assertThatThrownBy(() -> ProjectorSettings.parse(config("collection.todos.policy", "merge")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.todos.policy");
  }

  @Test
  void shouldFailNamingTheKeyOfAnInvalidCollectionName() {
    assertThatThrownBy(() -> ProjectorSettings.parse(config("collection.Bad Name.policy", "lww")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("collection.Bad Name.policy");
  }

  @Test
  void shouldFailNamingTheKeyOfAnUnknownProcessingGuarantee() {
    assertThatThrownBy(
            () -> ProjectorSettings.parse(config("projector.processing.guarantee", "exactly_once")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("projector.processing.guarantee");
  }

  @Test
  void shouldFailWithoutBootstrapServers() {
    assertThatThrownBy(() -> ProjectorSettings.parse(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap.servers");
  }

  private static Map<String, String> config(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    values.put("kafka.bootstrap.servers", "localhost:9092");
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return values;
  }
}
