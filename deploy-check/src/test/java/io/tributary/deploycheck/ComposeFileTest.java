package io.tributary.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml holds the documented topology, with real config keys, ports and files. */
class ComposeFileTest {

  private static final List<String> INGESTS = List.of("ingest-1", "ingest-2");
  private static final List<String> PROJECTORS = List.of("projector-1", "projector-2");

  private static JsonNode services;

  @BeforeAll
  static void load() {
    services = RepoFiles.yaml(RepoFiles.compose()).path("services");
  }

  @Test
  void shouldRunKafkaTwoIngestsTwoProjectorsPrometheusAndGrafana() {
    Set<String> names = new HashSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrder(
            "kafka", "ingest-1", "ingest-2", "projector-1", "projector-2", "prometheus", "grafana");
  }

  @Test
  void shouldRunTheOfficialKafkaImageOfTheClientVersionInKraftMode() {
    JsonNode kafka = services.path("kafka");
    String version = System.getProperty("tributary.kafka.version", "");
    assertThat(kafka.path("image").asText())
        .startsWith("apache/kafka:")
        .endsWith(version.isBlank() ? "" : ":" + version);
    assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .contains("broker")
        .contains("controller");
    assertThat(kafka.path("healthcheck").path("test")).isNotEmpty();
  }

  @Test
  void shouldBuildTheServiceImagesWithTheirDockerfiles() {
    for (String s : INGESTS) {
      assertThat(services.path(s).path("build").path("dockerfile").asText())
          .isEqualTo("deploy/docker/ingest.Dockerfile");
    }
    for (String s : PROJECTORS) {
      assertThat(services.path(s).path("build").path("dockerfile").asText())
          .isEqualTo("deploy/docker/projector.Dockerfile");
    }
    for (String s : union(INGESTS, PROJECTORS)) {
      JsonNode build = services.path(s).path("build");
      assertThat(
              RepoFiles.root()
                  .resolve(build.path("context").asText())
                  .resolve(build.path("dockerfile").asText()))
          .as("Dockerfile of %s", s)
          .isRegularFile();
      assertThat(services.path(s).path("depends_on").path("kafka").path("condition").asText())
          .as("%s waits for a healthy broker", s)
          .isEqualTo("service_healthy");
    }
  }

  @Test
  void shouldSetOnlyRealConfigurationKeysInTributaryVariables() {
    for (String s : INGESTS) {
      assertEnvNames(s, ConfigKeys.INGEST);
    }
    for (String s : PROJECTORS) {
      assertEnvNames(s, ConfigKeys.PROJECTOR);
    }
  }

  @Test
  void shouldAdvertiseEachProjectorByItsServiceNameOnAPersistentStateVolume() {
    for (String s : PROJECTORS) {
      JsonNode env = services.path(s).path("environment");
      assertThat(env.path(ConfigKeys.envNameOf("projector.advertised.host")).asText())
          .as("application.server host of %s", s)
          .isEqualTo(s);
      String stateDir = env.path(ConfigKeys.envNameOf("projector.state.dir")).asText();
      assertThat(volumeTargets(s)).as("volumes of %s", s).contains(stateDir);
    }
  }

  @Test
  void shouldSeedEveryIngestWithEveryProjectorsQueryEndpoint() {
    Set<String> expected = new HashSet<>();
    for (String p : PROJECTORS) {
      expected.add(p + ":" + projectorPort(p));
    }
    Set<String> outcomePartitions = new HashSet<>();
    for (String s : INGESTS) {
      JsonNode env = services.path(s).path("environment");
      assertThat(Set.of(env.path(ConfigKeys.envNameOf("projector.endpoints")).asText().split(",")))
          .as("projector seeds of %s", s)
          .isEqualTo(expected);
      assertThat(env.path(ConfigKeys.envNameOf("auth.hs256.secret")).asText())
          .contains("${TRIBUTARY_AUTH_HS256_SECRET");
      assertThat(env.path(ConfigKeys.envNameOf("cursor.secret")).asText())
          .contains("${TRIBUTARY_CURSOR_SECRET");
      outcomePartitions.add(env.path(ConfigKeys.envNameOf("ingest.outcomes.partition")).asText());
    }
    assertThat(outcomePartitions)
        .as("each ingest reads its own outcomes partition")
        .hasSize(INGESTS.size());
  }

  @Test
  void shouldScrapeEveryTributaryInstanceOnItsMetricsPort() {
    assertThat(bindSources("prometheus")).contains("./deploy/compose/prometheus.yml");
    JsonNode config = RepoFiles.yaml(RepoFiles.composePrometheus());
    Map<String, String> expected = new HashMap<>();
    for (String s : INGESTS) {
      expected.put(s + ":" + ingestPort(s), "tributary-ingest");
    }
    for (String s : PROJECTORS) {
      expected.put(s + ":" + projectorPort(s), "tributary-projector");
    }
    Map<String, String> scraped = new HashMap<>();
    for (JsonNode job : config.path("scrape_configs")) {
      assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
      for (JsonNode sc : job.path("static_configs")) {
        sc.path("targets").forEach(t -> scraped.put(t.asText(), job.path("job_name").asText()));
      }
    }
    assertThat(scraped).isEqualTo(expected);
  }

  @Test
  void shouldMountTheOneDashboardFileAndTheDatasourceItUses() {
    List<String> sources = bindSources("grafana");
    assertThat(sources).contains("./deploy/grafana/tributary-dashboard.json");
    String datasourceFile =
        sources.stream().filter(f -> f.contains("datasource")).findFirst().orElseThrow();
    JsonNode ds = RepoFiles.yaml(RepoFiles.root().resolve(datasourceFile));
    assertThat(ds.path("datasources").findValuesAsText("uid"))
        .containsExactly(RepoFiles.DATASOURCE_UID);
    assertThat(ds.path("datasources").get(0).path("url").asText())
        .isEqualTo("http://prometheus:9090");
  }

  @Test
  void shouldMountOnlyFilesThatExist() {
    services
        .fieldNames()
        .forEachRemaining(
            s ->
                bindSources(s)
                    .forEach(
                        f ->
                            assertThat(RepoFiles.root().resolve(f))
                                .as("bind mount of %s", s)
                                .exists()));
  }

  private static void assertEnvNames(String service, ConfigKeys keys) {
    JsonNode env = services.path(service).path("environment");
    assertThat(env.isObject()).as("environment of %s is a map", service).isTrue();
    env.fieldNames()
        .forEachRemaining(
            name ->
                assertThat(keys.isValidEnvName(name))
                    .as(
                        "%s of %s sets key %s, which %s does not declare",
                        name, service, ConfigKeys.keyOf(name), keys)
                    .isTrue());
  }

  private static int ingestPort(String service) {
    return services
        .path(service)
        .path("environment")
        .path(ConfigKeys.envNameOf("http.port"))
        .asInt(8080);
  }

  private static int projectorPort(String service) {
    return services
        .path(service)
        .path("environment")
        .path(ConfigKeys.envNameOf("projector.http.port"))
        .asInt(8081);
  }

  private static List<String> volumeTargets(String service) {
    List<String> targets = new ArrayList<>();
    services.path(service).path("volumes").forEach(v -> targets.add(v.asText().split(":")[1]));
    return targets;
  }

  private static List<String> bindSources(String service) {
    List<String> sources = new ArrayList<>();
    services
        .path(service)
        .path("volumes")
        .forEach(
            v -> {
              String source = v.asText().split(":")[0];
              if (source.startsWith("./")) {
                sources.add(source);
              }
            });
    return sources;
  }

  private static List<String> union(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
