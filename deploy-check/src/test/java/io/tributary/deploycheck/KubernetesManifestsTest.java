package io.tributary.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests of deploy/ fit together: names, selectors, ports, probes, config. */
class KubernetesManifestsTest {

  private static final String PROBE_READY = "/health/ready";
  private static final String PROBE_LIVE = "/health/live";

  private static final List<JsonNode> OBJECTS = new ArrayList<>();
  private static JsonNode kustomization;

  @BeforeAll
  static void load() throws IOException {
    kustomization = RepoFiles.yaml(RepoFiles.deploy().resolve("kustomization.yaml"));
    for (JsonNode resource : kustomization.path("resources")) {
      OBJECTS.addAll(RepoFiles.yamlDocuments(RepoFiles.deploy().resolve(resource.asText())));
    }
  }

  @Test
  void shouldListEveryManifestAndGeneratedFileInTheKustomization() throws IOException {
    Set<String> listed = new HashSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(RepoFiles.deploy().resolve("kubernetes"))) {
      files.forEach(
          f ->
              assertThat(listed)
                  .as("resources of kustomization.yaml")
                  .contains("kubernetes/" + f.getFileName()));
    }
    for (JsonNode generator : kustomization.path("configMapGenerator")) {
      for (JsonNode f : generator.path("files")) {
        assertThat(RepoFiles.deploy().resolve(f.asText().replaceFirst("^[^=]*=", "")))
            .as("configMapGenerator file")
            .isRegularFile();
      }
    }
    assertThat(generatedFiles())
        .as("the dashboard is generated from the one file")
        .contains("grafana/tributary-dashboard.json");
  }

  @Test
  void shouldGiveEveryObjectAnApiVersionKindAndName() {
    assertThat(OBJECTS).isNotEmpty();
    for (JsonNode o : OBJECTS) {
      assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", o).isNotBlank();
      assertThat(o.path("kind").asText()).as("kind of %s", o).isNotBlank();
      assertThat(o.path("metadata").path("name").asText()).as("name of %s", o).isNotBlank();
    }
  }

  @Test
  void shouldSelectEachWorkloadsOwnPodTemplate() {
    for (JsonNode w : workloads()) {
      Map<String, String> selector = strings(w.path("spec").path("selector").path("matchLabels"));
      assertThat(selector).as("selector of %s", name(w)).isNotEmpty();
      assertThat(podLabels(w)).as("pod labels of %s", name(w)).containsAllEntriesOf(selector);
    }
  }

  @Test
  void shouldRouteEveryServiceToPodsThatHaveItsTargetPorts() {
    for (JsonNode svc : ofKind("Service")) {
      Map<String, String> selector = strings(svc.path("spec").path("selector"));
      assertThat(selector).as("selector of Service %s", name(svc)).isNotEmpty();
      List<JsonNode> targets =
          workloads().stream()
              .filter(w -> podLabels(w).entrySet().containsAll(selector.entrySet()))
              .toList();
      assertThat(targets).as("workloads selected by Service %s", name(svc)).hasSize(1);
      for (JsonNode port : svc.path("spec").path("ports")) {
        JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
        assertThat(hasContainerPort(targets.get(0), target))
            .as(
                "Service %s targetPort %s is a container port of %s",
                name(svc), target, name(targets.get(0)))
            .isTrue();
      }
    }
  }

  @Test
  void shouldNameAHeadlessServiceOfItsOwnPodsInTheStatefulSet() {
    List<JsonNode> sets = ofKind("StatefulSet");
    assertThat(sets).as("the projector StatefulSet").hasSize(1);
    for (JsonNode set : sets) {
      String serviceName = set.path("spec").path("serviceName").asText();
      JsonNode svc =
          named("Service", serviceName)
              .orElseThrow(() -> new AssertionError("no Service " + serviceName));
      assertThat(svc.path("spec").path("clusterIP").asText())
          .as("Service %s is headless", serviceName)
          .isEqualTo("None");
      assertThat(podLabels(set)).containsAllEntriesOf(strings(svc.path("spec").path("selector")));
      assertThat(set.path("spec").path("volumeClaimTemplates"))
          .as("state volumes of %s", name(set))
          .isNotEmpty();
    }
  }

  @Test
  void shouldAdvertiseEachProjectorPodByItsNameUnderTheHeadlessService() {
    JsonNode set = ofKind("StatefulSet").get(0);
    JsonNode container = set.path("spec").path("template").path("spec").path("containers").get(0);
    List<String> envOrder = new ArrayList<>();
    Map<String, JsonNode> env = new HashMap<>();
    container
        .path("env")
        .forEach(
            e -> {
              envOrder.add(e.path("name").asText());
              env.put(e.path("name").asText(), e);
            });
    String advertised =
        env.get(ConfigKeys.envNameOf("projector.advertised.host")).path("value").asText();
    assertThat(advertised)
        .startsWith("$(POD_NAME)." + set.path("spec").path("serviceName").asText() + ".");
    assertThat(env.get("POD_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText())
        .isEqualTo("metadata.name");
    assertThat(envOrder.indexOf("POD_NAME"))
        .as("POD_NAME is defined before it is used")
        .isLessThan(envOrder.indexOf(ConfigKeys.envNameOf("projector.advertised.host")));
    String stateDir = env.get(ConfigKeys.envNameOf("projector.state.dir")).path("value").asText();
    Set<String> claims = new HashSet<>();
    set.path("spec")
        .path("volumeClaimTemplates")
        .forEach(t -> claims.add(t.path("metadata").path("name").asText()));
    assertThat(
            container.path("volumeMounts").findParents("mountPath").stream()
                .filter(m -> m.path("mountPath").asText().equals(stateDir))
                .map(m -> m.path("name").asText()))
        .as("the state dir %s is a persistent volume claim", stateDir)
        .singleElement()
        .isIn(claims);
  }

  @Test
  void shouldScaleTheIngestDeploymentWithTheAutoscaler() {
    List<JsonNode> hpas = ofKind("HorizontalPodAutoscaler");
    assertThat(hpas).hasSize(1);
    JsonNode ref = hpas.get(0).path("spec").path("scaleTargetRef");
    assertThat(ref.path("kind").asText()).isEqualTo("Deployment");
    assertThat(named("Deployment", ref.path("name").asText())).as("the HPA's target").isPresent();
    JsonNode deployment = named("Deployment", ref.path("name").asText()).orElseThrow();
    assertThat(
            containers(deployment).get(0).path("resources").path("requests").path("cpu").asText())
        .as("CPU utilisation needs a CPU request")
        .isNotBlank();
  }

  @Test
  void shouldProbeTheRealHealthEndpointsOnDeclaredPorts() {
    for (JsonNode w : workloads()) {
      for (JsonNode c : containers(w)) {
        JsonNode readiness = c.path("readinessProbe").path("httpGet");
        JsonNode liveness = c.path("livenessProbe").path("httpGet");
        assertThat(readiness.path("path").asText())
            .as("readiness of %s", name(w))
            .isEqualTo(PROBE_READY);
        assertThat(liveness.path("path").asText())
            .as("liveness of %s", name(w))
            .isEqualTo(PROBE_LIVE);
        for (JsonNode probe : List.of(readiness, liveness)) {
          assertThat(hasContainerPort(w, probe.path("port")))
              .as("probe port %s of %s is a container port", probe.path("port"), name(w))
              .isTrue();
        }
      }
    }
  }

  @Test
  void shouldSetOnlyRealConfigurationKeysInTributaryVariables() {
    for (JsonNode w : workloads()) {
      for (JsonNode c : containers(w)) {
        ConfigKeys service = serviceOf(c);
        for (String env : envNames(c)) {
          if (env.startsWith("TRIBUTARY_")) {
            assertThat(service.isValidEnvName(env))
                .as(
                    "%s in %s sets key %s, which %s does not declare",
                    env, name(w), ConfigKeys.keyOf(env), service)
                .isTrue();
          }
        }
      }
    }
  }

  @Test
  void shouldGiveTheIngestBothSecretsAndTheProjectorSeeds() {
    JsonNode ingest = ofKind("Deployment").get(0);
    assertThat(envNames(containers(ingest).get(0)))
        .contains(
            ConfigKeys.envNameOf("auth.hs256.secret"),
            ConfigKeys.envNameOf("cursor.secret"),
            ConfigKeys.envNameOf("projector.endpoints"),
            ConfigKeys.envNameOf("kafka.bootstrap.servers"));
    JsonNode set = ofKind("StatefulSet").get(0);
    String service = set.path("spec").path("serviceName").asText();
    String endpoints =
        containers(ingest).get(0).path("env").findParents("name").stream()
            .filter(
                e -> e.path("name").asText().equals(ConfigKeys.envNameOf("projector.endpoints")))
            .findFirst()
            .orElseThrow()
            .path("value")
            .asText();
    for (String seed : endpoints.split(",")) {
      assertThat(seed)
          .as("a projector seed")
          .matches(
              set.path("metadata").path("name").asText() + "-\\d+\\." + service + "(\\..*)?:8081");
    }
  }

  @Test
  void shouldScrapeEveryTributaryServiceWithAServiceMonitorOnAServicePort() {
    List<JsonNode> monitors = ofKind("ServiceMonitor");
    assertThat(monitors).isNotEmpty();
    Set<String> scraped = new HashSet<>();
    for (JsonNode m : monitors) {
      assertThat(m.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
      Map<String, String> selector = strings(m.path("spec").path("selector").path("matchLabels"));
      List<JsonNode> services =
          ofKind("Service").stream()
              .filter(
                  s ->
                      strings(s.path("metadata").path("labels"))
                          .entrySet()
                          .containsAll(selector.entrySet()))
              .toList();
      assertThat(services).as("Services selected by ServiceMonitor %s", name(m)).hasSize(1);
      Set<String> portNames = new HashSet<>();
      services
          .get(0)
          .path("spec")
          .path("ports")
          .forEach(p -> portNames.add(p.path("name").asText()));
      JsonNode endpoints = m.path("spec").path("endpoints");
      assertThat(endpoints).isNotEmpty();
      for (JsonNode e : endpoints) {
        assertThat(e.path("port").asText())
            .as("port of ServiceMonitor %s", name(m))
            .isIn(portNames);
        assertThat(e.path("path").asText("/metrics")).isEqualTo("/metrics");
      }
      scraped.add(name(services.get(0)));
    }
    assertThat(scraped).containsExactlyInAnyOrder("tributary-ingest", "tributary-projector");
  }

  @Test
  void shouldShapeThePrometheusRuleAsTheOperatorExpects() {
    List<JsonNode> rules = ofKind("PrometheusRule");
    assertThat(rules).hasSize(1);
    JsonNode groups = rules.get(0).path("spec").path("groups");
    assertThat(groups).isNotEmpty();
    for (JsonNode g : groups) {
      assertThat(g.path("name").asText()).isNotBlank();
      assertThat(g.path("rules")).isNotEmpty();
      for (JsonNode r : g.path("rules")) {
        assertThat(r.path("alert").asText()).as("alert name").isNotBlank();
        assertThat(r.path("expr").asText()).as("expr of %s", r.path("alert")).isNotBlank();
        assertThat(r.path("labels").path("severity").asText())
            .as("severity of %s", r.path("alert"))
            .isIn("warning", "critical");
        assertThat(r.path("annotations").path("summary").asText())
            .as("summary of %s", r.path("alert"))
            .isNotBlank();
      }
    }
  }

  @Test
  void shouldProvisionTheDatasourceTheDashboardUses() {
    JsonNode cm = named("ConfigMap", "tributary-grafana-datasource").orElseThrow();
    JsonNode provisioning;
    try {
      provisioning = RepoFiles.YAML.readTree(cm.path("data").elements().next().asText());
    } catch (IOException e) {
      throw new AssertionError("datasource provisioning does not parse", e);
    }
    assertThat(provisioning.path("datasources").findValuesAsText("uid"))
        .containsExactly(RepoFiles.DATASOURCE_UID);
  }

  @Test
  void shouldDeclareEveryKeyOfTheConfigMapAndSecretForTheServicesUsingThem() {
    for (JsonNode w : workloads()) {
      JsonNode c = containers(w).get(0);
      for (JsonNode from : c.path("envFrom")) {
        String kind = from.has("configMapRef") ? "ConfigMap" : "Secret";
        String ref =
            from.path(from.has("configMapRef") ? "configMapRef" : "secretRef")
                .path("name")
                .asText();
        assertThat(named(kind, ref)).as("%s %s used by %s", kind, ref, name(w)).isPresent();
      }
    }
  }

  private static Set<String> generatedFiles() {
    Set<String> files = new HashSet<>();
    kustomization
        .path("configMapGenerator")
        .forEach(g -> g.path("files").forEach(f -> files.add(f.asText())));
    return files;
  }

  /** Every env variable name a container gets: its env list and the keys of its envFrom sources. */
  private static Set<String> envNames(JsonNode container) {
    Set<String> names = new HashSet<>();
    container.path("env").forEach(e -> names.add(e.path("name").asText()));
    for (JsonNode from : container.path("envFrom")) {
      if (from.has("configMapRef")) {
        named("ConfigMap", from.path("configMapRef").path("name").asText())
            .ifPresent(cm -> cm.path("data").fieldNames().forEachRemaining(names::add));
      }
      if (from.has("secretRef")) {
        named("Secret", from.path("secretRef").path("name").asText())
            .ifPresent(
                s -> {
                  s.path("stringData").fieldNames().forEachRemaining(names::add);
                  s.path("data").fieldNames().forEachRemaining(names::add);
                });
      }
    }
    return names;
  }

  private static ConfigKeys serviceOf(JsonNode container) {
    String image = container.path("image").asText();
    if (image.contains("tributary-ingest")) {
      return ConfigKeys.INGEST;
    }
    if (image.contains("tributary-projector")) {
      return ConfigKeys.PROJECTOR;
    }
    throw new AssertionError("not a Tributary image: " + image);
  }

  private static boolean hasContainerPort(JsonNode workload, JsonNode port) {
    for (JsonNode c : containers(workload)) {
      for (JsonNode p : c.path("ports")) {
        if (port.isInt()
            ? p.path("containerPort").asInt() == port.asInt()
            : p.path("name").asText().equals(port.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<JsonNode> workloads() {
    List<JsonNode> w = new ArrayList<>(ofKind("Deployment"));
    w.addAll(ofKind("StatefulSet"));
    return w;
  }

  private static List<JsonNode> containers(JsonNode workload) {
    List<JsonNode> list = new ArrayList<>();
    workload.path("spec").path("template").path("spec").path("containers").forEach(list::add);
    assertThat(list).as("containers of %s", name(workload)).isNotEmpty();
    return list;
  }

  private static Map<String, String> podLabels(JsonNode workload) {
    return strings(workload.path("spec").path("template").path("metadata").path("labels"));
  }

  private static List<JsonNode> ofKind(String kind) {
    return OBJECTS.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static Optional<JsonNode> named(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> m = new HashMap<>();
    object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }
}
