package io.tributary.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tributary service ({@code ProjectorMain}, {@code IngestMain}) running in a JVM process of its
 * own, started with this JVM's {@code java} and class path and configured only by {@code
 * TRIBUTARY_*} environment variables, as an operator would run it. Its output (stdout and stderr)
 * is appended to one log file, which survives restarts.
 *
 * <p>{@link #close()} stops it (SIGTERM, then SIGKILL) and waits for it; a JVM shutdown hook does
 * the same if the test JVM ends first, so no process outlives the test run. Not thread-safe.
 */
final class ServiceProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final long STOP_WAIT_SECONDS = 15;

  private final String name;
  private final String mainClass;
  private final Map<String, String> env;
  private final Path logFile;
  private final Process process;
  private final Thread killOnExit;

  private ServiceProcess(
      String name, String mainClass, Map<String, String> env, Path logFile, Process process) {
    this.name = name;
    this.mainClass = mainClass;
    this.env = Map.copyOf(env);
    this.logFile = logFile;
    this.process = process;
    this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts {@code mainClass} in a new JVM.
   *
   * @param env the {@code TRIBUTARY_*} variables; inherited {@code TRIBUTARY_*} variables are
   *     dropped so only these configure it
   * @param logFile where its output is appended
   */
  static ServiceProcess start(
      String name, String mainClass, Map<String, String> env, Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("TRIBUTARY_"));
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "=== " + Instant.now() + " starting " + name + " (" + mainClass + ")\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process process = builder.start();
      LOG.info("started {} as pid {}, output in {}", name, process.pid(), logFile);
      return new ServiceProcess(name, mainClass, env, logFile, process);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + " (" + mainClass + ")", e);
    }
  }

  /** The same service again, with the same environment and log file. */
  ServiceProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
    }
    return start(name, mainClass, env, logFile);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook,
   * no clean close of Kafka Streams or its stores. Waits until it is gone.
   *
   * @return its exit value (137 = 128 + SIGKILL on Linux)
   */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
    }
    removeShutdownHook();
    return process.exitValue();
  }

  /** Sends SIGTERM without waiting, so several processes can stop at once before {@link #close}. */
  void requestStop() {
    process.destroy();
  }

  /** Stops the process (SIGTERM, then SIGKILL when it lingers) and waits until it is gone. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("{} (pid {}) ignored SIGTERM; killing it", name, process.pid());
          process.destroyForcibly().waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeShutdownHook();
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs, which is what we want
    }
  }

  /** The {@code java} launcher of this JVM. */
  private static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + logFile + ")";
  }
}
