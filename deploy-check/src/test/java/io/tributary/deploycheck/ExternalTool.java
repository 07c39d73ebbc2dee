package io.tributary.deploycheck;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A validator installed outside the build (promtool, docker-compose, kubectl). Where it is: the
 * system property {@code tributary.<name>} when set (a path that does not exist means "absent",
 * which tests skip on), else {@code target/tools/bin/<name>} of the repository (where
 * .ci/fetch-tools puts it), else the PATH.
 */
record ExternalTool(String name, Path executable) {

  private static final long TIMEOUT_SECONDS = 120;

  static Optional<ExternalTool> find(String name) {
    String configured = System.getProperty("tributary." + name, "");
    if (!configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(new ExternalTool(name, p)) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(RepoFiles.file("target/tools/bin").resolve(name));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir).resolve(name));
      }
    }
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .map(p -> new ExternalTool(name, p));
  }

  /** Runs it with {@code args} in {@code dir}; output and error together. */
  Result run(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  record Result(int exitCode, String output) {}
}
