package io.tributary.bench;

import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.client.Tokens;
import io.tributary.bench.report.Metric;
import io.tributary.bench.server.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What the workloads of one command share: options, the server under test (started on first use, or
 * a running one named by {@code --api}), the client's Vert.x, and the report being built. Workloads
 * run one after another on the main thread.
 */
public final class RunContext implements AutoCloseable {

  private final BenchOptions options;
  private final String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(10_000));
  private final List<Metric> metrics = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Map<String, Object> memo = new HashMap<>();
  private Tokens tokens;
  private ServerProcess server;
  private Path serverDir;
  private String apiBaseUrl;
  private String bootstrap;
  private HttpLoad api;

  RunContext(BenchOptions options) {
    this.options = options;
  }

  public BenchOptions options() {
    return options;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** A tenant name no earlier run used, so workloads never see each other's documents. */
  /** The JVM options of a benchmark server: {@code -Xmx} and {@code --server.options}. */
  public static List<String> serverJvmOptions(BenchOptions options) {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx" + options.string("server.heap"));
    String extra = options.string("server.options").trim();
    if (!extra.isEmpty()) {
      jvm.addAll(Arrays.asList(extra.split("\\s+")));
    }
    return jvm;
  }

  /** The keys of a benchmark server whose tokens are signed with {@code tokens}' secret. */
  public static Map<String, String> serverConfig(BenchOptions options, Tokens tokens) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("auth.hs256.secret", tokens.secret());
    config.put("cursor.secret", Tokens.random().secret());
    config.put("http.port", "0");
    config.put("sse.heartbeat.ms", options.string("server.heartbeat.ms"));
    config.putAll(extraServerKeys(options));
    return config;
  }

  /**
   * The server keys of {@code --server.config=key=value,key=value} (e.g. {@code
   * kafka.linger.ms=5}), in the order given.
   *
   * @throws IllegalArgumentException naming an entry without {@code =}
   */
  static Map<String, String> extraServerKeys(BenchOptions options) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String entry : options.string("server.config").split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--server.config entry '" + entry.trim() + "' is not key=value");
      }
      keys.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return keys;
  }

  public String tenant(String workload) {
    return "bench-" + workload + "-" + runId;
  }

  public String token(String tenant) {
    ensureServer();
    return tokens.mint(tenant);
  }

  public String apiBaseUrl() {
    ensureServer();
    return apiBaseUrl;
  }

  /** The broker the server uses (for the pass-through limit). */
  public String bootstrapServers() {
    ensureServer();
    if (bootstrap.isEmpty()) {
      throw new IllegalStateException("Name the server's broker with --bootstrap=host:port");
    }
    return bootstrap;
  }

  /** A shared client for request/response workloads. */
  public HttpLoad api() {
    ensureServer();
    if (api == null) {
      api = new HttpLoad(vertx, apiBaseUrl, 256);
    }
    return api;
  }

  /** The server process when this run started it; empty when pointed at a running server. */
  public Optional<ServerProcess> serverProcess() {
    ensureServer();
    return Optional.ofNullable(server);
  }

  public void add(Metric metric) {
    metrics.add(metric);
    System.out.printf(
        "  %-12s %-55s %14s %s %s%n",
        metric.workload(), metric.name(), metric.formattedValue(), metric.unit(), metric.verdict());
  }

  public void note(String note) {
    notes.add(note);
    System.out.println("  note: " + note);
  }

  public void setting(String key, String value) {
    settings.put(key, value);
  }

  List<Metric> metrics() {
    return metrics;
  }

  List<String> notes() {
    return notes;
  }

  Map<String, String> settings() {
    return settings;
  }

  /** The value computed once per run under {@code key}, e.g. a push rate several ratios use. */
  @SuppressWarnings("unchecked")
  public <T> T memo(String key, Callable<T> compute) throws Exception {
    if (!memo.containsKey(key)) {
      memo.put(key, compute.call());
    }
    return (T) memo.get(key);
  }

  private void ensureServer() {
    if (apiBaseUrl != null) {
      return;
    }
    String external = options.string("api");
    if (!external.isEmpty()) {
      String secret = options.string("auth.secret");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("--api needs --auth.secret (the server's HS256 secret)");
      }
      tokens = Tokens.of(secret);
      apiBaseUrl = external;
      bootstrap = options.string("bootstrap");
      setting("server", "running server at " + external);
      return;
    }
    tokens = Tokens.random();
    List<String> jvm = serverJvmOptions(options);
    Map<String, String> config = serverConfig(options, tokens);
    try {
      serverDir = Files.createTempDirectory("tributary-bench-");
      System.out.println("Starting the server (standalone stack) in " + serverDir + " …");
      server = ServerProcess.start(jvm, config, serverDir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the benchmark server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the server", e);
    }
    apiBaseUrl = server.apiBaseUrl();
    bootstrap = server.bootstrapServers();
    setting(
        "server",
        "standalone stack (embedded broker + projector + API) in its own JVM, "
            + String.join(" ", jvm)
            + ", sse.heartbeat.ms="
            + options.string("server.heartbeat.ms")
            + (extraServerKeys(options).isEmpty() ? "" : ", " + extraServerKeys(options))
            + ", other keys at their defaults");
  }

  @Override
  public void close() throws Exception {
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.close();
    }
    vertx.close().await();
    if (serverDir != null) {
      // Keep the server's log next to the results; the rest of its data goes.
      Path results = Path.of(options.string("results"));
      Files.createDirectories(results);
      Path log = serverDir.resolve("server.log");
      if (Files.exists(log)) {
        Files.copy(log, results.resolve("server.log"), StandardCopyOption.REPLACE_EXISTING);
      }
      Dirs.deleteRecursively(serverDir);
    }
  }
}
