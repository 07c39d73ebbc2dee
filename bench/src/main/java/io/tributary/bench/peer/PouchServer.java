package io.tributary.bench.peer;

import io.tributary.bench.Dirs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer server as a child process on loopback: PouchDB Server from the npm project in {@code
 * bench/pouchdb} (installed by {@code npm ci} from its committed lock file), with its databases in
 * LevelDB files in a temporary directory, or in memory.
 */
public final class PouchServer implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final String baseUrl;

  private PouchServer(Process process, Path dir, String baseUrl) {
    this.process = process;
    this.dir = dir;
    this.baseUrl = baseUrl;
  }

  /**
   * @param project the npm project holding {@code node_modules/pouchdb-server}
   * @param inMemory true for the in-memory adapter, false for LevelDB on disk
   */
  public static PouchServer start(Path project, boolean inMemory)
      throws IOException, InterruptedException {
    Path bin = project.toAbsolutePath().resolve("node_modules/pouchdb-server/bin/pouchdb-server");
    if (!Files.isRegularFile(bin)) {
      throw new IllegalStateException(
          "No " + bin + ": run `npm ci` in " + project + " (bin/bench does it)");
    }
    Path dir = Files.createTempDirectory("tributary-bench-peer-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of("node", bin.toString()));
    command.addAll(
        List.of(
            "-p",
            Integer.toString(port),
            "-o",
            "127.0.0.1",
            "-d",
            dir.toString(),
            "-c",
            dir.resolve("config.json").toString(),
            "-n"));
    if (inMemory) {
      command.add("-m");
    }
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("peer.log").toFile())
            .start();
    PouchServer server = new PouchServer(process, dir, "http://127.0.0.1:" + port);
    server.awaitUp();
    return server;
  }

  public String baseUrl() {
    return baseUrl;
  }

  private void awaitUp() throws InterruptedException, IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "PouchDB Server exited with "
                + process.exitValue()
                + "; see "
                + dir.resolve("peer.log"));
      }
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    close();
    throw new IllegalStateException("PouchDB Server did not answer within 60 s");
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Dirs.deleteRecursively(dir);
  }
}
