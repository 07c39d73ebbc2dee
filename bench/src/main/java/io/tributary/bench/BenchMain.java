package io.tributary.bench;

import io.tributary.bench.report.HtmlChart;
import io.tributary.bench.report.JsonReport;
import io.tributary.bench.report.Machine;
import io.tributary.bench.report.RunReport;
import io.tributary.bench.report.TextTable;
import io.tributary.bench.workload.CatchUpPull;
import io.tributary.bench.workload.IdleConnections;
import io.tributary.bench.workload.LiveFanout;
import io.tributary.bench.workload.MicroBenchmarks;
import io.tributary.bench.workload.NoisyNeighbour;
import io.tributary.bench.workload.PassThroughLimit;
import io.tributary.bench.workload.PeerComparison;
import io.tributary.bench.workload.PushLatency;
import io.tributary.bench.workload.PushThroughput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench <workload>|all [--key=value …]}: runs workloads against a server it starts (or one
 * named by {@code --api}), prints the result table and writes it as {@code <command>.json}, {@code
 * <command>.html} and {@code <command>.txt} to {@code --results}.
 */
public final class BenchMain {

  /** A workload: fills the report through the context; may reuse what earlier ones measured. */
  interface Workload {
    void run(RunContext ctx) throws Exception;
  }

  static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

  static {
    WORKLOADS.put("push", PushThroughput::run);
    WORKLOADS.put("limit", PassThroughLimit::run);
    WORKLOADS.put("latency", PushLatency::run);
    WORKLOADS.put("pull", CatchUpPull::run);
    WORKLOADS.put("fanout", LiveFanout::run);
    WORKLOADS.put("isolation", NoisyNeighbour::run);
    WORKLOADS.put("connections", IdleConnections::run);
    WORKLOADS.put("peer", PeerComparison::run);
    WORKLOADS.put("jmh", MicroBenchmarks::run);
  }

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("all") || WORKLOADS.containsKey(args[0]))) {
      System.err.println(
          "Usage: bench <" + String.join("|", WORKLOADS.keySet()) + "|all> [--key=value …]");
      System.err.println("Options and defaults: " + BenchOptions.DEFAULTS);
      System.exit(2);
    }
    String command = args[0];
    BenchOptions options = BenchOptions.parse(Arrays.asList(args).subList(1, args.length));
    List<String> names = command.equals("all") ? List.copyOf(WORKLOADS.keySet()) : List.of(command);
    Instant started = Instant.now();
    boolean failed = false;
    RunReport report;
    try (RunContext ctx = new RunContext(options)) {
      for (String name : names) {
        System.out.println("== " + name);
        try {
          WORKLOADS.get(name).run(ctx);
        } catch (Exception | AssertionError e) {
          failed = true;
          ctx.note(name + " did not complete: " + e);
          e.printStackTrace();
        }
      }
      report =
          new RunReport(
              command, started, Machine.current(), ctx.settings(), ctx.metrics(), ctx.notes());
    }
    Path dir = Path.of(options.string("results"));
    Files.createDirectories(dir);
    String table = TextTable.render(report);
    Files.writeString(dir.resolve(command + ".txt"), table, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve(command + ".json"), JsonReport.render(report), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve(command + ".html"), HtmlChart.render(report), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(table);
    System.out.println("Written: " + dir.toAbsolutePath().resolve(command + ".{txt,json,html}"));
    System.exit(failed ? 1 : 0);
  }
}
