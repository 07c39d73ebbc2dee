package io.tributary.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same files through their tools' own validators: promtool (alert rules, the compose Prometheus
 * config, every dashboard query), docker-compose ({@code config -q}) and kubectl's kustomize. Each
 * test is skipped when its tool is not installed (see {@link ExternalTool}).
 */
class ExternalValidatorsTest {

  @TempDir Path temp;

  @Test
  void shouldPassPromtoolCheckRulesForTheAlertRules() throws IOException {
    ExternalTool promtool = require("promtool");
    // Given the PrometheusRule's groups as a plain rules file
    ObjectNode rules = RepoFiles.YAML.createObjectNode();
    rules.set("groups", RepoFiles.yaml(RepoFiles.alerts()).path("spec").path("groups"));
    Path file = temp.resolve("tributary-alerts.yml");
    RepoFiles.YAML.writeValue(file.toFile(), rules);

    // When promtool checks them, then it accepts them
    assertSucceeds(promtool.run(temp, "check", "rules", file.toString()), "promtool check rules");
  }

  @Test
  void shouldPassPromtoolCheckConfigForTheComposePrometheus() {
    ExternalTool promtool = require("promtool");
    assertSucceeds(
        promtool.run(RepoFiles.root(), "check", "config", RepoFiles.composePrometheus().toString()),
        "promtool check config");
  }

  @Test
  void shouldParseEveryDashboardQueryWithPromtool() throws IOException {
    ExternalTool promtool = require("promtool");
    // Given every dashboard query as a recording rule, which promtool parses as PromQL
    ObjectNode root = RepoFiles.YAML.createObjectNode();
    ObjectNode group = root.putArray("groups").addObject().put("name", "tributary-dashboard");
    ArrayNode records = group.putArray("rules");
    List<String> exprs = DashboardTest.exprs();
    for (int i = 0; i < exprs.size(); i++) {
      records
          .addObject()
          .put("record", "tributary_dashboard:query_" + i)
          .put("expr", PromQl.withoutGrafanaVariables(exprs.get(i)));
    }
    Path file = temp.resolve("dashboard-queries.yml");
    RepoFiles.YAML.writeValue(file.toFile(), root);

    // When promtool checks them, then every one parses
    assertSucceeds(
        promtool.run(temp, "check", "rules", file.toString()),
        "promtool check rules (dashboard queries)");
  }

  @Test
  void shouldPassDockerComposeConfig() {
    ExternalTool compose = require("docker-compose");
    assertSucceeds(
        compose.run(RepoFiles.root(), "-f", RepoFiles.compose().toString(), "config", "-q"),
        "docker-compose config -q");
  }

  @Test
  void shouldBuildTheKustomizationWithTheDashboardInside() throws IOException {
    ExternalTool kubectl = require("kubectl");
    ExternalTool.Result result =
        kubectl.run(RepoFiles.root(), "kustomize", RepoFiles.deploy().toString());
    assertSucceeds(result, "kubectl kustomize deploy");
    Path built = temp.resolve("built.yaml");
    Files.writeString(built, result.output());
    List<JsonNode> objects = RepoFiles.yamlDocuments(built);
    JsonNode dashboard =
        objects.stream()
            .filter(
                o -> o.path("metadata").path("name").asText().equals("tributary-grafana-dashboard"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no dashboard ConfigMap in the build"));
    assertThat(
            RepoFiles.JSON.readTree(
                dashboard.path("data").path("tributary-dashboard.json").asText()))
        .isEqualTo(RepoFiles.json(RepoFiles.dashboard()));
  }

  private static ExternalTool require(String name) {
    Optional<ExternalTool> tool = ExternalTool.find(name);
    assumeTrue(
        tool.isPresent(),
        name + " is not installed (set -Dtributary." + name + "=<path>, or run .ci/fetch-tools)");
    return tool.get();
  }

  private static void assertSucceeds(ExternalTool.Result result, String what) {
    assertThat(result.exitCode()).as("%s exit code; output:%n%s", what, result.output()).isZero();
  }
}
