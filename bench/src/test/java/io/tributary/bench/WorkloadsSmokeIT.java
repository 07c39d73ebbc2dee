package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of every workload that needs only the JDK, with a tiny load, against a real server it
 * starts (standalone stack in a JVM of its own, embedded broker): it keeps the benchmarks working
 * as the product changes. It checks that each workload completes and reports finite numbers, not
 * how fast anything is. Left out: {@code peer} (needs the npm install of PouchDB Server) and {@code
 * jmh} (its own harness, run by {@code bin/bench jmh}).
 */
class WorkloadsSmokeIT {

  private static final List<String> SMOKED =
      List.of("push", "limit", "latency", "pull", "fanout", "isolation", "connections");

  @Test
  void everyWorkloadCompletesAndReportsFiniteMetrics(@TempDir Path results) throws Exception {
    // Given tiny sizes and durations for every workload
    List<String> args = new ArrayList<>();
    args.add(String.join(",", SMOKED));
    args.addAll(
        List.of(
            "--results=" + results,
            "--server.heap=512m",
            "--server.heartbeat.ms=500",
            "--clients=2",
            "--batch=5",
            "--warmup.s=0",
            "--duration.s=1",
            "--push.warmup.s=0",
            "--limit.warmup.records=0",
            "--overlap.records=10",
            "--latency.rate=50",
            "--latency.batch=5",
            "--latency.duration.s=1",
            "--pull.docs=200",
            "--pull.batch=50",
            "--pull.runs=1",
            "--pull.warmup.runs=0",
            "--fanout.subscribers=5",
            "--fanout.pushes=5",
            "--fanout.interval.ms=20",
            "--isolation.limit.rps=20",
            "--isolation.limit.burst=20",
            "--isolation.calm.rate=5",
            "--isolation.batch=2",
            "--isolation.flood.clients=2",
            "--isolation.round.s=1",
            "--isolation.rounds=1",
            "--isolation.unlimited.rounds=1",
            "--connections=20",
            "--connections.hold.s=1"));

    // When they run in one command
    int status = BenchMain.run(args);

    // Then every one completed and wrote its metrics, all of them numbers
    assertThat(status).as("exit status (see the output for the workload that failed)").isZero();
    String command = String.join("+", SMOKED);
    JsonNode report = new ObjectMapper().readTree(results.resolve(command + ".json").toFile());
    for (JsonNode note : report.path("notes")) {
      assertThat(note.asText()).doesNotContain("did not complete");
    }
    List<String> reported = new ArrayList<>();
    for (JsonNode metric : report.path("metrics")) {
      reported.add(metric.path("workload").asText());
      assertThat(metric.path("value").isNumber())
          .as("%s: %s is a number", metric.path("workload"), metric.path("name"))
          .isTrue();
      assertThat(metric.path("value").asDouble())
          .as("%s: %s", metric.path("workload"), metric.path("name"))
          .isFinite();
    }
    assertThat(reported).containsAll(SMOKED);
    assertThat(results.resolve(command + ".html")).isNotEmptyFile();
    assertThat(Files.readString(results.resolve(command + ".txt"))).contains("accepted changes/s");
  }
}
