package io.tributary.bench.workload;

import io.tributary.bench.RunContext;
import io.tributary.bench.report.Metric;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Workload 8: the JMH benchmarks of {@code io.tributary.bench.jmh}, throughput per operation. */
public final class MicroBenchmarks {

  static final String NAME = "jmh";

  private MicroBenchmarks() {}

  public static void run(RunContext ctx) throws Exception {
    int forks = ctx.options().integer("jmh.forks");
    int warmup = ctx.options().integer("jmh.warmup.s");
    int measure = ctx.options().integer("jmh.measure.s");
    ctx.setting(
        "jmh",
        forks
            + " fork(s), "
            + warmup
            + " × 1 s warm-up, "
            + measure
            + " × 1 s measurement, 1 thread, throughput mode");
    Options options =
        new OptionsBuilder()
            .include("io\\.tributary\\.bench\\.jmh\\..*")
            .forks(forks)
            .warmupIterations(warmup)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(measure)
            .measurementTime(TimeValue.seconds(1))
            .threads(1)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark().replace("io.tributary.bench.jmh.", "");
      ctx.add(Metric.of(NAME, label, r.getPrimaryResult().getScore(), "ops/s"));
    }
  }
}
