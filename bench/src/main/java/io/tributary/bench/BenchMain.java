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
    System.exit(run(Arrays.asList(args)));
  }

  /**
   * Runs {@code args} ({@code <command> [--key=value …]}, where the command is a workload, several
   * joined with commas, or {@code all}) and writes the report.
   *
   * @return the process's exit status: 0 when every workload completed, 1 when one did not, 2 for a
   *     command that names no workload
   */
  static int run(List<String> args) throws Exception {
    List<String> names = args.isEmpty() ? List.of() : workloads(args.get(0));
    if (names.isEmpty()) {
      System.err.println(
          "Usage: bench <"
              + String.join("|", WORKLOADS.keySet())
              + "|all>[,<workload>…] [--key=value …]");
      System.err.println("Options and defaults: " + BenchOptions.DEFAULTS);
      return 2;
    }
    String command = args.get(0).replace(',', '+');
    BenchOptions options = BenchOptions.parse(args.subList(1, args.size()));
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
    return failed ? 1 : 0;
  }

  /** The workloads a command names, in the order given; empty if any name is unknown. */
  static List<String> workloads(String command) {
    if (command.equals("all")) {
      return List.copyOf(WORKLOADS.keySet());
    }
    List<String> names = Arrays.asList(command.split(","));
    return WORKLOADS.keySet().containsAll(names) ? List.copyOf(names) : List.of();
  }
}
