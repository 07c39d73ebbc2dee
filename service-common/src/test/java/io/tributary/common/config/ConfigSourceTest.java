package io.tributary.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

  @Test
  void shouldLetEnvironmentOverrideTheFileAndOverridesOverrideBoth(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tributary.properties");
    Files.writeString(file, "topic.prefix=file.\ntopic.changes.partitions=3\nkafka.linger.ms=7\n");

    Map<String, String> values =
        ConfigSource.load(
            file,
            Map.of(
                "TRIBUTARY_TOPIC_PREFIX", "env.", "TRIBUTARY_KAFKA_LINGER_MS", "9", "HOME", "/x"),
            Map.of("topic.changes.partitions", "5"));

    assertThat(values)
        .containsEntry("topic.prefix", "env.")
        .containsEntry("topic.changes.partitions", "5")
        .containsEntry("kafka.linger.ms", "9")
        .doesNotContainKey("home");
  }

  @Test
  void shouldPassKafkaKeysThroughWithoutThePrefix() {
    assertThat(
            ConfigSource.kafkaPassThrough(
                Map.of("kafka.bootstrap.servers", "h:1", "http.port", "1")))
        .containsExactly(Map.entry("bootstrap.servers", "h:1"));
  }

  @Test
  void shouldFailNamingTheKeyWhenAValueIsBad() {
    ConfigDef def = CommonSettings.define(new ConfigDef());

    assertThatThrownBy(
            () ->
                CommonSettings.parse(
                    def,
                    Map.of("kafka.bootstrap.servers", "h:1", "topic.changes.partitions", "zero")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topic.changes.partitions");
  }

  @Test
  void shouldFailWhenARequiredKeyIsMissing() {
    ConfigDef def = CommonSettings.define(new ConfigDef());

    assertThatThrownBy(() -> CommonSettings.parse(def, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap.servers");
  }

  @Test
  void shouldFailClearlyWhenTheFileIsMissing(@TempDir Path dir) {
    assertThatThrownBy(() -> ConfigSource.load(dir.resolve("nope.properties"), Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.properties");
  }

  @Test
  void shouldAcceptAListOfBootstrapServers() {
    var config =
        CommonSettings.parse(
            CommonSettings.define(new ConfigDef()), Map.of("kafka.bootstrap.servers", "a:1,b:2"));

    assertThat(config.getList(CommonSettings.KAFKA_BOOTSTRAP)).containsExactly("a:1", "b:2");
    assertThat(config.getString(CommonSettings.TOPIC_PREFIX)).isEqualTo("tributary.");
  }
}
