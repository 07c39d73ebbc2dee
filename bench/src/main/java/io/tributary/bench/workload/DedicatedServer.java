package io.tributary.bench.workload;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.Dirs;
import io.tributary.bench.RunContext;
import io.tributary.bench.client.HttpLoad;
import io.tributary.bench.client.Tokens;
import io.tributary.bench.server.ServerProcess;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server one workload starts for itself because it needs keys the run's shared server must not
 * have (a rate limit would throttle every other workload): the same standalone stack, heap and
 * {@code --server.options} as the shared one, a fresh data directory, its own secret. Closing it
 * stops it and keeps its log in the results as {@code <name>-server.log}.
 */
final class DedicatedServer implements AutoCloseable {

  private final String name;
  private final BenchOptions options;
  private final ServerProcess process;
  private final Path dataDir;
  private final Tokens tokens;
  private final List<HttpLoad> clients = new ArrayList<>();

  private DedicatedServer(
      String name, BenchOptions options, ServerProcess process, Path dataDir, Tokens tokens) {
    this.name = name;
    this.options = options;
    this.process = process;
    this.dataDir = dataDir;
    this.tokens = tokens;
  }

  /**
   * @param keys server keys on top of what the shared server gets, e.g. a rate limit
   */
  static DedicatedServer start(String name, BenchOptions options, Map<String, String> keys)
      throws IOException, InterruptedException {
    Tokens tokens = Tokens.random();
    List<String> jvm = RunContext.serverJvmOptions(options);
    Map<String, String> config = RunContext.serverConfig(options, tokens);
    config.putAll(keys);
    Path dir = Files.createTempDirectory("tributary-bench-" + name + "-");
    System.out.println("Starting a server of its own for " + name + " " + keys + " in " + dir);
    return new DedicatedServer(name, options, ServerProcess.start(jvm, config, dir), dir, tokens);
  }

  String token(String tenant) {
    return tokens.mint(tenant);
  }

  /** A client of this server on {@code vertx}, closed with the server. */
  HttpLoad client(Vertx vertx, int maxConnections) {
    HttpLoad client = new HttpLoad(vertx, process.apiBaseUrl(), maxConnections);
    clients.add(client);
    return client;
  }

  @Override
  public void close() throws Exception {
    for (HttpLoad client : clients) {
      client.close();
    }
    process.close();
    Path results = Path.of(options.string("results"));
    Files.createDirectories(results);
    Path log = dataDir.resolve("server.log");
    if (Files.exists(log)) {
      Files.copy(log, results.resolve(name + "-server.log"), StandardCopyOption.REPLACE_EXISTING);
    }
    Dirs.deleteRecursively(dataDir);
  }
}
