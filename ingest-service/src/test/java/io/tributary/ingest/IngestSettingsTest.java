package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

  private static Map<String, String> valid() {
    Map<String, String> m = new HashMap<>();
    m.put("kafka.bootstrap.servers", "localhost:9092");
    m.put("auth.hs256.secret", Tokens.SECRET);
    m.put("cursor.secret", "0123456789abcdef");
    m.put("projector.endpoints", "p1:8081,p2:8081");
    return m;
  }

  @Test
  void shouldApplyTheContractDefaults() {
    IngestSettings s = IngestSettings.parse(valid());

    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.httpHost()).isEqualTo("0.0.0.0");
    assertThat(s.pushTimeoutMs()).isEqualTo(10_000);
    assertThat(s.maxBodyBytes()).isEqualTo(4_194_304);
    assertThat(s.documentMaxBytes()).isEqualTo(262_144);
    assertThat(s.pushMaxChanges()).isEqualTo(1000);
    assertThat(s.pullMaxBatch()).isEqualTo(1000);
    assertThat(s.clockMaxSkewMs()).isEqualTo(60_000);
    assertThat(s.sseHeartbeatMs()).isEqualTo(15_000);
    assertThat(s.outcomesPartition()).isEqualTo(-1);
    assertThat(s.projectorEndpoints()).containsExactly("p1:8081", "p2:8081");
    assertThat(s.instanceId()).startsWith("ingest-");
    assertThat(s.corsAllowedOrigins()).isEmpty();
  }

  @Test
  void shouldReadCorsOriginsAndRefuseOneThatIsNotAnOrigin() {
    Map<String, String> good = valid();
    good.put("http.cors.allowed.origins", "https://app.example.com, http://localhost:5173");
    Map<String, String> bad = valid();
    bad.put("http.cors.allowed.origins", "https://app.example.com/path");

    assertThat(IngestSettings.parse(good).corsAllowedOrigins())
        .containsExactly("https://app.example.com", "http://localhost:5173");
    assertThatThrownBy(() -> IngestSettings.parse(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.cors.allowed.origins");
  }

  @Test
  void shouldRefuseAShortAuthSecretNamingTheKeyWithoutShowingIt() {
    Map<String, String> m = valid();
    m.put("auth.hs256.secret", "too-short");

    assertThatThrownBy(() -> IngestSettings.parse(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.hs256.secret")
        .hasMessageNotContaining("too-short");
  }

  @Test
  void shouldRefuseMissingProjectorEndpointsAndBadPort() {
    Map<String, String> noEndpoints = valid();
    noEndpoints.remove("projector.endpoints");
    Map<String, String> badPort = valid();
    badPort.put("http.port", "eighty");

    assertThatThrownBy(() -> IngestSettings.parse(noEndpoints))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("projector.endpoints");
    assertThatThrownBy(() -> IngestSettings.parse(badPort))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port");
  }

  @Test
  void shouldRefuseAShortCursorSecret() {
    Map<String, String> m = valid();
    m.put("cursor.secret", "short");

    assertThatThrownBy(() -> IngestSettings.parse(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cursor.secret");
  }
}
