package io.tributary.bench.workload;

import io.tributary.bench.RunContext;
import io.tributary.bench.server.ServerProcess;
import java.util.Optional;

/**
 * CPU time spent between its start and a reading, by the server process and, if asked, by this JVM
 * too. CPU per unit of work moves far less with a shared machine's other load than units per second
 * do, so it shows a change in cost that a throughput run's noise hides.
 */
final class CpuClock {

  private final Optional<ServerProcess> server;
  private final boolean withThisJvm;
  private final long start;

  private CpuClock(Optional<ServerProcess> server, boolean withThisJvm) {
    this.server = server;
    this.withThisJvm = withThisJvm;
    this.start = now();
  }

  /** The server's CPU alone: the work of a push, with the load generator left out. */
  static CpuClock ofServer(RunContext ctx) {
    return new CpuClock(ctx.serverProcess(), false);
  }

  /** The server's and this JVM's CPU: a pass-through topology here on the server's broker. */
  static CpuClock ofServerAndThisJvm(RunContext ctx) {
    return new CpuClock(ctx.serverProcess(), true);
  }

  /** Microseconds of CPU per unit since the start; NaN if a process's CPU time is unknown. */
  double microsPer(long units) {
    long end = now();
    if (start < 0 || end < 0 || units <= 0) {
      return Double.NaN;
    }
    return (end - start) / 1_000.0 / units;
  }

  private long now() {
    if (server.isEmpty()) {
      return -1;
    }
    long serverNanos = server.get().cpuNanos();
    if (!withThisJvm || serverNanos < 0) {
      return serverNanos;
    }
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(own -> serverNanos + own.toNanos())
        .orElse(-1L);
  }
}
