package io.tributary.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of a run, from {@code --key=value} arguments over the defaults below. Unknown keys are
 * refused so a typo never silently runs the default.
 */
public final class BenchOptions {

  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("clients", "16");
    DEFAULTS.put("batch", "50");
    DEFAULTS.put("warmup.s", "5");
    DEFAULTS.put("duration.s", "20");
    // Under full load on 2 cores the server's JIT keeps compiling for about 40 s (JFR: half a core
    // of C2 time until then), and a push measured earlier runs a third slower than its steady
    // state. The pass-through gets a warm-up of about the same length.
    DEFAULTS.put("push.warmup.s", "40");
    DEFAULTS.put("limit.warmup.records", "1000000");
    DEFAULTS.put("overlap.records", "1000");
    DEFAULTS.put("latency.rate", "1000");
    DEFAULTS.put("latency.batch", "10");
    DEFAULTS.put("latency.duration.s", "60");
    DEFAULTS.put("pull.docs", "100000");
    DEFAULTS.put("pull.batch", "1000");
    DEFAULTS.put("pull.runs", "3");
    DEFAULTS.put("pull.warmup.runs", "1");
    DEFAULTS.put("fanout.subscribers", "1000");
    DEFAULTS.put("fanout.pushes", "200");
    DEFAULTS.put("fanout.interval.ms", "100");
    DEFAULTS.put("isolation.limit.rps", "100");
    DEFAULTS.put("isolation.limit.burst", "100");
    DEFAULTS.put("isolation.calm.rate", "50");
    DEFAULTS.put("isolation.batch", "10");
    DEFAULTS.put("isolation.flood.clients", "32");
    DEFAULTS.put("isolation.round.s", "5");
    DEFAULTS.put("isolation.rounds", "4");
    DEFAULTS.put("isolation.unlimited.rounds", "2");
    DEFAULTS.put("connections", "10000");
    DEFAULTS.put("connections.hold.s", "20");
    DEFAULTS.put("peer.storage", "leveldb");
    DEFAULTS.put("peer.dir", "bench/pouchdb");
    DEFAULTS.put("server.heap", "1g");
    DEFAULTS.put("server.heartbeat.ms", "5000");
    DEFAULTS.put("server.options", "");
    DEFAULTS.put("server.config", "");
    DEFAULTS.put("api", "");
    DEFAULTS.put("bootstrap", "");
    DEFAULTS.put("auth.secret", "");
    DEFAULTS.put("results", "bench/target/results");
    DEFAULTS.put("jmh.forks", "1");
    DEFAULTS.put("jmh.warmup.s", "2");
    DEFAULTS.put("jmh.measure.s", "3");
  }

  private final Map<String, String> values;

  private BenchOptions(Map<String, String> values) {
    this.values = values;
  }

  public static BenchOptions defaults() {
    return new BenchOptions(new LinkedHashMap<>(DEFAULTS));
  }

  /**
   * @throws IllegalArgumentException for an argument that is not {@code --key=value} with a known
   *     key
   */
  public static BenchOptions parse(Iterable<String> args) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("Expected --key=value, got " + arg);
      }
      String key = arg.substring(2, eq);
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException(
            "Unknown option --" + key + "; known: " + String.join(", ", DEFAULTS.keySet()));
      }
      values.put(key, arg.substring(eq + 1));
    }
    return new BenchOptions(values);
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("No option " + key);
    }
    return v;
  }

  public int integer(String key) {
    try {
      return Integer.parseInt(string(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer", e);
    }
  }
}
