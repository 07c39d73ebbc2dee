package io.tributary.ingest;

import io.tributary.common.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ingest instance: {@code IngestMain [config.properties]}. Environment variables ({@code
 * TRIBUTARY_HTTP_PORT} → {@code http.port}) override the file. Stops cleanly on SIGTERM.
 */
public final class IngestMain {

  private static final Logger log = LoggerFactory.getLogger(IngestMain.class);

  private IngestMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path file = args.length > 0 ? Path.of(args[0]) : null;
    Map<String, String> config = ConfigSource.load(file, System.getenv(), Map.of());
    IngestService service;
    try {
      service = IngestService.start(config);
    } catch (RuntimeException e) {
      log.error("Ingest service failed to start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "tributary-ingest-shutdown"));
    stopped.await();
  }
}
