package io.tributary.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temp directories of the harness: created fresh, removed after use. */
final class TempDirs {

  private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

  private TempDirs() {}

  static Path create(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temp dir " + prefix, e);
    }
  }

  /**
   * Removes {@code dir} recursively; a failure is logged, since a leftover temp dir harms nothing.
   */
  static void deleteQuietlyLogged(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not remove temp dir {}: {}", dir, e.toString());
    }
  }
}
