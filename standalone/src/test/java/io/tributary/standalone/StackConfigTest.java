package io.tributary.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {

  private static final Path DATA = Path.of("/var/tributary");
  private static final Map<String, String> SECRETS =
      Map.of("auth.hs256.secret", "s1", "cursor.secret", "s2");

  @Test
  void shouldPointServicesAtTheEmbeddedBrokerAndKeepStateInTheDataDir() {
    // Given a user configuration naming another broker
    Map<String, String> user = Map.of("kafka.bootstrap.servers", "elsewhere:9092");

    // When the services' configuration is built
    Map<String, String> config = StackConfig.forServices(user, DATA, "127.0.0.1:40000", SECRETS);

    // Then the embedded broker wins, state sits under the data dir, all binds on loopback
    assertThat(config)
        .containsEntry("kafka.bootstrap.servers", "127.0.0.1:40000")
        .containsEntry("projector.state.dir", DATA.resolve("streams").toString())
        .containsEntry("http.host", "127.0.0.1")
        .containsEntry("http.port", "8080")
        .containsEntry("projector.http.host", "127.0.0.1")
        .containsEntry("auth.hs256.secret", "s1")
        .containsEntry("cursor.secret", "s2");
  }

  @Test
  void shouldKeepTheUsersValuesOverTheStackDefaults() {
    // Given a user who picks the API port and the projector endpoints
    Map<String, String> user = Map.of("http.port", "9999", "projector.endpoints", "h:1");

    // When the ingest configuration is built
    Map<String, String> services = StackConfig.forServices(user, DATA, "b:1", SECRETS);
    Map<String, String> ingest = StackConfig.forIngest(services, "127.0.0.1:41000");

    // Then the user's values stay
    assertThat(ingest)
        .containsEntry("http.port", "9999")
        .containsEntry("projector.endpoints", "h:1");
  }

  @Test
  void shouldAskTheProjectorTheStackStartedByDefault() {
    Map<String, String> services = StackConfig.forServices(Map.of(), DATA, "b:1", SECRETS);

    assertThat(StackConfig.forIngest(services, "127.0.0.1:41000"))
        .containsEntry("projector.endpoints", "127.0.0.1:41000");
  }

  @Test
  void shouldGiveALoopbackUrlWhenTheApiBindsEverywhere() {
    assertThat(StackConfig.reachableHost("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(StackConfig.reachableHost("192.168.1.5")).isEqualTo("192.168.1.5");
  }
}
