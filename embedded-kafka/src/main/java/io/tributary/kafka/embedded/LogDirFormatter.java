package io.tributary.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats a new KRaft log dir once; a dir holding {@code meta.properties} is left as it is. */
final class LogDirFormatter {

  private static final Logger LOG = LoggerFactory.getLogger(LogDirFormatter.class);

  private LogDirFormatter() {}

  static boolean isFormatted(Path logDir) {
    return Files.isRegularFile(logDir.resolve("meta.properties"));
  }

  /**
   * Formats {@code logDir} with a new cluster id. Uses {@code execute}: {@code main} would exit the
   * JVM.
   */
  static void format(Path logDir, Properties serverProps) {
    Path config = null;
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      Files.createDirectories(logDir);
      config = Files.createTempFile("tributary-kafka-format", ".properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        serverProps.store(out, null);
      }
      String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()};
      int code;
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        code = StorageTool.execute(args, print);
      }
      if (code != 0) {
        throw new IllegalStateException(
            "Formatting the Kafka log dir "
                + logDir
                + " failed (exit code "
                + code
                + "): "
                + output.toString(StandardCharsets.UTF_8).trim()
                + "; remove the dir or point the data dir elsewhere");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot prepare the Kafka log dir " + logDir + "; check it is writable", e);
    } finally {
      deleteQuietly(config);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete the temp file {}; it can be removed by hand", file, e);
    }
  }
}
