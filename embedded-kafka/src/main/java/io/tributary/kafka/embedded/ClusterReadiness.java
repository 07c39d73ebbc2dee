package io.tributary.kafka.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Waits until a broker answers {@code describeCluster} with at least one node. */
final class ClusterReadiness {

  private ClusterReadiness() {}

  static void await(String bootstrapServers, Duration timeout) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.CLIENT_ID_CONFIG,
            "tributary-embedded-kafka-readiness",
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) timeout.toMillis());
    try (Admin admin = Admin.create(config)) {
      int nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
              .size();
      if (nodes == 0) {
        throw new IllegalStateException(
            "The embedded Kafka broker at "
                + bootstrapServers
                + " reports no nodes; see the broker log");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "The embedded Kafka broker at "
              + bootstrapServers
              + " did not answer within "
              + timeout
              + "; see the broker log",
          e);
    }
  }
}
