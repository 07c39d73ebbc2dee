package io.tributary.standalone;

import io.tributary.common.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Tributary in one JVM. Usage: {@code java -jar tributary-standalone.jar [config.properties]}.
 * Environment variables {@code TRIBUTARY_<KEY>} override the file (e.g. {@code TRIBUTARY_HTTP_PORT}
 * sets {@code http.port}). Stops cleanly on SIGTERM or Ctrl+C.
 */
public final class StandaloneMain {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneMain.class);

  private StandaloneMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path file = args.length > 0 ? Path.of(args[0]) : null;
    Standalone stack;
    try {
      stack = Standalone.start(ConfigSource.load(file, System.getenv(), Map.of()));
    } catch (ConfigException | IllegalArgumentException e) {
      LOG.error("Tributary did not start, fix the configuration: {}", e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      LOG.error("Tributary did not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stack.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "tributary-shutdown"));

    String apiBase = stack.apiBaseUrl();
    LOG.info("Kafka broker:       {}", stack.bootstrapServers());
    LOG.info("API:                {}", apiBase);
    LOG.info("Projector endpoint: {}", stack.projectorEndpoint());
    LOG.info("Data:               {}", stack.dataDir());
    System.out.println(StartupBanner.text(apiBase, stack.mintToken(DemoToken.TENANT)));
    System.out.flush();
    stopped.await();
  }
}
