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
  void shouldRefuseAChangesBurstBelowTheLargestPushWhileAChangesLimitIsSet() {
    Map<String, String> m = valid();
    m.put("rate.limit.tenant.changes.burst", "500");
    assertThat(IngestSettings.parse(m).rateLimitTenantChanges()).isZero();

    m.put("rate.limit.tenant.changes.per.second", "200");
    assertThatThrownBy(() -> IngestSettings.parse(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("rate.limit.tenant.changes.burst")
        .hasMessageContaining("push.max.changes (1000)");

    m.put("push.max.changes", "500");
    assertThat(IngestSettings.parse(m).rateLimitTenantChangesBurst()).isEqualTo(500);
  }

  @Test
  void shouldRefuseAShortCursorSecret() {
    Map<String, String> m = valid();
    m.put("cursor.secret", "short");

    assertThatThrownBy(() -> IngestSettings.parse(m))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cursor.secret");
  }

  @Test
  void shouldNeedAnHs256SecretOrAJwkSetAndReadTheSet(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Map<String, String> neither = valid();
    neither.remove("auth.hs256.secret");
    assertThatThrownBy(() -> IngestSettings.parse(neither))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.hs256.secret");

    java.nio.file.Path file = dir.resolve("jwks.json");
    java.nio.file.Files.writeString(
        file,
        new com.nimbusds.jose.jwk.JWKSet(
                new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k").generate())
            .toString(true));
    Map<String, String> jwksOnly = valid();
    jwksOnly.remove("auth.hs256.secret");
    jwksOnly.put("auth.jwks.file", file.toString());
    IngestSettings parsed = IngestSettings.parse(jwksOnly);
    assertThat(parsed.authSecret()).isNull();
    assertThat(parsed.verificationKeys().current().getKeys()).hasSize(1);

    Map<String, String> both = valid();
    both.put("auth.jwks.file", file.toString());
    both.put("auth.jwks.url", "https://id.example.com/jwks.json");
    assertThatThrownBy(() -> IngestSettings.parse(both))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.jwks");

    Map<String, String> notHttp = valid();
    notHttp.put("auth.jwks.url", "file:///etc/passwd");
    assertThatThrownBy(() -> IngestSettings.parse(notHttp))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.jwks.url");

    Map<String, String> missingFile = valid();
    missingFile.put("auth.jwks.file", dir.resolve("absent.json").toString());
    assertThatThrownBy(() -> IngestSettings.parse(missingFile).verificationKeys())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.jwks.file");
  }
}
