package io.tributary.projector;

import io.tributary.common.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projector instance: {@code ProjectorMain [config.properties]}. Environment variables
 * ({@code TRIBUTARY_*}) override the file; SIGTERM closes it cleanly.
 */
public final class ProjectorMain {

  private static final Logger log = LoggerFactory.getLogger(ProjectorMain.class);

  private ProjectorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path file = args.length > 0 ? Path.of(args[0]) : null;
    Map<String, String> config = ConfigSource.load(file, System.getenv(), Map.of());
    String stateDir = ProjectorSettings.parse(config).stateDir();
    ProjectorService service = ProjectorService.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the projector");
                  service.close();
                  stopped.countDown();
                },
                "tributary-projector-shutdown"));
    log.info(
        "Projector listening on {}, state in {} (configuration: {})",
        service.queryEndpoint(),
        stateDir,
        file == null ? "environment only" : file);
    stopped.await();
  }
}
