package io.tributary.projector.internals;

import io.tributary.common.config.ConfigSource;
import io.tributary.common.kafka.TopicSetup;
import io.tributary.projector.ProjectorSettings;
import io.tributary.protocol.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Creates the topics if absent and reads how many partitions {@code changes} really has. */
public final class TopicPreparation {

  private static final long TIMEOUT_MS = 30_000;

  private TopicPreparation() {}

  /**
   * @return the partition count of the {@code changes} topic
   * @throws IllegalStateException if Kafka does not answer in time
   */
  public static int prepare(ProjectorSettings settings) {
    Map<String, Object> props = ConfigSource.kafkaPassThrough(settings.originals());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    String changes = Topics.CHANGES.name(settings.topicPrefix());
    try (Admin admin = Admin.create(props)) {
      TopicSetup.ensureTopics(admin, settings.common(), TIMEOUT_MS);
      return admin
          .describeTopics(List.of(changes))
          .allTopicNames()
          .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .get(changes)
          .partitions()
          .size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + changes, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot describe topic " + changes + ": check kafka.bootstrap.servers", e);
    }
  }
}
