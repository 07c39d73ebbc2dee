package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real RxDB clients (Node.js, {@code src/test/node}) replicate through Tributary with RxDB's own
 * replication plugin: inserts, updates, a delete and a concurrent edit, and end in the same state.
 */
class RxdbClientIT extends StackPerClass {

  private static final Logger LOG = LoggerFactory.getLogger(RxdbClientIT.class);
  private static final String COLLECTION = "rxtodos";
  private static final String SUMMARY = "TRIBUTARY_SUMMARY ";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.policy(COLLECTION, "client-resolves");
  }

  @Test
  void shouldConvergeTwoRxdbDatabasesReplicatingThroughTributary() throws Exception {
    // Given the Node.js project installed from its lockfile, and two tokens of one tenant
    Path project = Path.of(System.getProperty("tributary.node.project", "src/test/node"));
    assertThat(project.resolve("node_modules/rxdb"))
        .as(
            "run `npm ci` in %s (the build does it in pre-integration-test)",
            project.toAbsolutePath())
        .exists();
    String tenant = TestIds.tenant();

    // When the script drives two RxDB databases against the stack
    ProcessBuilder pb =
        new ProcessBuilder("node", "rxdb-convergence.mjs")
            .directory(project.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("TRIBUTARY_URL", stack.api().base().toString().replaceAll("/$", ""));
    env.put("TRIBUTARY_TOKEN_A", stack.tokens().readWrite(tenant));
    env.put("TRIBUTARY_TOKEN_B", stack.tokens().readWrite(tenant));
    env.put("TRIBUTARY_COLLECTION", COLLECTION);
    env.put("TRIBUTARY_TIMEOUT_MS", "60000");
    Process process = pb.start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread pump = new Thread(() -> pump(process, output), "rxdb-client-output");
    pump.setDaemon(true);
    pump.start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    pump.join(5000);

    // Then it exits 0, and its summary shows both databases with the same four documents
    assertThat(finished)
        .as("node finished in time; output:%n%s", String.join("\n", output))
        .isTrue();
    String summaryLine =
        output.stream().filter(l -> l.startsWith(SUMMARY)).reduce((a, b) -> b).orElse(null);
    assertThat(summaryLine)
        .as("summary line in output:%n%s", String.join("\n", output))
        .isNotNull();
    JsonNode summary = new ObjectMapper().readTree(summaryLine.substring(SUMMARY.length()));
    assertThat(process.exitValue()).as("node exit code; summary %s", summary).isZero();
    assertThat(summary.path("converged").asBoolean()).as("%s", summary).isTrue();
    assertThat(summary.path("a")).as("%s", summary).isEqualTo(summary.path("b"));
    assertThat(summary.path("documents").asInt()).as("%s", summary).isEqualTo(4);
    assertThat(summary.path("a").toString())
        .contains("a1 edited by b")
        .contains("b1 edited by a")
        .doesNotContain("\"a2\"");
    // and the concurrent edit went through a server conflict that RxDB resolved
    int conflicts =
        summary.path("counters").path("a").path("conflicts").asInt()
            + summary.path("counters").path("b").path("conflicts").asInt();
    assertThat(conflicts).as("conflicts the server answered: %s", summary).isPositive();
    // and the server holds the same documents, a2 as a tombstone
    Map<String, JsonNode> server = stack.rxdb(tenant, COLLECTION).pullToEnd(null, 100).latestById();
    assertThat(server.get("a2").path("_deleted").asBoolean()).isTrue();
    for (JsonNode doc : summary.path("a")) {
      assertThat(server.get(doc.path("id").asText()).path("title").asText())
          .isEqualTo(doc.path("title").asText());
    }
  }

  private static void pump(Process process, List<String> output) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.add(line);
        LOG.info("[node] {}", line.length() > 2000 ? line.substring(0, 2000) + "…" : line);
      }
    } catch (IOException e) {
      output.add("(output ended: " + e + ")");
    }
  }
}
