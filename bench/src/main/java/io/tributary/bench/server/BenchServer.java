package io.tributary.bench.server;

import io.tributary.standalone.Standalone;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The server side of a benchmark run, in a JVM of its own so the load generator's threads and heap
 * never count as the server's: the standalone stack (embedded broker, projector, API) started from
 * {@code key=value} arguments.
 *
 * <p>It speaks a line protocol with {@link ServerProcess}: it prints {@code BENCH-READY <api>
 * <bootstrap>} once the stack is up, answers {@code heap} on stdin with {@code BENCH-HEAP <bytes>}
 * (heap in use after a full collection) and stops on {@code stop} or end of input.
 */
public final class BenchServer {

  static final String READY = "BENCH-READY";
  static final String HEAP = "BENCH-HEAP";

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> config = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Expected key=value, got " + arg);
      }
      config.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    try (Standalone stack = Standalone.start(config)) {
      System.out.println(READY + " " + stack.apiBaseUrl() + " " + stack.bootstrapServers());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("heap")) {
          System.out.println(HEAP + " " + heapAfterCollection());
          System.out.flush();
        } else if (line.equals("stop")) {
          break;
        }
      }
    }
    System.exit(0);
  }

  private static long heapAfterCollection() {
    Runtime rt = Runtime.getRuntime();
    // Two collections: the first may leave objects with finalizers/cleaners for the second.
    System.gc();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }
}
