package io.tributary.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServer} child process: started with a heap limit and configuration, asked for its
 * heap and resident memory, stopped. Its log goes to {@code server.log} in its data dir.
 */
public final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> replies;
  private final String apiBaseUrl;
  private final String bootstrapServers;

  private ServerProcess(Process process, String ready, BlockingQueue<String> replies) {
    this.process = process;
    this.replies = replies;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String[] parts = ready.split(" ");
    this.apiBaseUrl = parts[1];
    this.bootstrapServers = parts[2];
  }

  /**
   * Starts the stack and waits until it is ready (at most two minutes).
   *
   * @param jvmOptions options of the child JVM, e.g. {@code -Xmx1g}
   * @param config the stack's keys; {@code standalone.data.dir} is set to {@code dataDir}
   */
  public static ServerProcess start(
      List<String> jvmOptions, Map<String, String> config, Path dataDir)
      throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchServer.class.getName());
    command.add("standalone.data.dir=" + dataDir);
    config.forEach((k, v) -> command.add(k + "=" + v));
    Process process =
        new ProcessBuilder(command).redirectError(dataDir.resolve("server.log").toFile()).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // The process ended; whoever waits for a reply times out with a message.
              }
            },
            "bench-server-stdout");
    reader.setDaemon(true);
    reader.start();
    String ready = awaitLine(lines, BenchServer.READY, 120, process, dataDir);
    return new ServerProcess(process, ready, lines);
  }

  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public long pid() {
    return process.pid();
  }

  /** CPU time the server process has used so far, all threads, in nanoseconds; -1 if unknown. */
  public long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** Heap in use after a full collection in the server, in bytes. */
  public long heapAfterCollection() throws IOException, InterruptedException {
    commands.write("heap\n");
    commands.flush();
    String line = awaitLine(replies, BenchServer.HEAP, 60, process, null);
    return Long.parseLong(line.substring(BenchServer.HEAP.length() + 1).trim());
  }

  /** Resident set size of the server process, in bytes (Linux {@code /proc}). */
  public long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
        return Long.parseLong(kb) * 1024;
      }
    }
    throw new IOException("No VmRSS in /proc/" + pid() + "/status");
  }

  @Override
  public void close() throws InterruptedException {
    try {
      commands.write("stop\n");
      commands.flush();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static String awaitLine(
      BlockingQueue<String> lines, String prefix, int seconds, Process process, Path dataDir)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix + " ")) {
        return line;
      }
      if (line == null && !process.isAlive()) {
        throw new IllegalStateException(
            "The benchmark server exited with "
                + process.exitValue()
                + (dataDir == null ? "" : "; see " + dataDir.resolve("server.log")));
      }
    }
    throw new UncheckedIOException(
        new IOException("No " + prefix + " from the benchmark server within " + seconds + " s"));
  }
}
