package io.tributary.projector;

import io.tributary.common.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projector instance: {@code ProjectorMain [config.properties]}. Environment variables
 * ({@code TRIBUTARY_*}) override the file; SIGTERM closes it cleanly. It exits with status 1 when
 * it cannot start, and when Kafka Streams fails (state ERROR), so a supervisor restarts it.
 */
public final class ProjectorMain {

  private static final Logger log = LoggerFactory.getLogger(ProjectorMain.class);

  private ProjectorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path file = args.length > 0 ? Path.of(args[0]) : null;
    Map<String, String> config = ConfigSource.load(file, System.getenv(), Map.of());
    ProjectorService service;
    String stateDir;
    try {
      stateDir = ProjectorSettings.parse(config).stateDir();
      service = ProjectorService.start(config);
    } catch (RuntimeException e) {
      log.error("Projector failed to start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the projector");
                  service.close();
                  stopped.countDown();
                },
                "tributary-projector-shutdown"));
    service
        .failure()
        .thenRun(
            () -> {
              failed.set(true);
              stopped.countDown();
            });
    log.info(
        "Projector listening on {}, state in {} (configuration: {})",
        service.queryEndpoint(),
        stateDir,
        file == null ? "environment only" : file);
    stopped.await();
    if (failed.get()) {
      // Exit from the main thread (not the Streams thread that reported ERROR), so the shutdown
      // hook can close Kafka Streams; a supervisor then restarts the instance.
      log.error("Kafka Streams failed (state ERROR); exiting with status 1 so it is restarted");
      System.exit(1);
    }
  }
}
