package io.tributary.common.kafka;

import io.tributary.common.config.CommonSettings;
import io.tributary.protocol.topic.TopicDescriptor;
import io.tributary.protocol.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Tributary's topics with the configured sizes if they do not exist yet. */
public final class TopicSetup {

  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private static final long METADATA_BACKOFF_MS = 50;

  private TopicSetup() {}

  /**
   * Creates the missing topics and waits for the creation.
   *
   * @throws IllegalStateException if the cluster does not answer within the timeout
   */
  public static void ensureTopics(Admin admin, AbstractConfig config, long timeoutMs) {
    String prefix = config.getString(CommonSettings.TOPIC_PREFIX);
    Optional<Short> rf = replication(config.getShort(CommonSettings.REPLICATION_FACTOR));
    List<NewTopic> wanted = new ArrayList<>();
    wanted.add(
        topic(
            Topics.CHANGES,
            prefix,
            config.getInt(CommonSettings.CHANGES_PARTITIONS),
            rf,
            config.getLong(CommonSettings.CHANGES_RETENTION_MS)));
    wanted.add(
        topic(
            Topics.DOCUMENTS,
            prefix,
            config.getInt(CommonSettings.DOCUMENTS_PARTITIONS),
            rf,
            config.getLong(CommonSettings.DOCUMENTS_RETENTION_MS)));
    wanted.add(
        topic(
            Topics.OUTCOMES,
            prefix,
            config.getInt(CommonSettings.OUTCOMES_PARTITIONS),
            rf,
            config.getLong(CommonSettings.OUTCOMES_RETENTION_MS)));
    wanted.add(
        new NewTopic(Topics.deadLetters(prefix), Optional.of(1), rf)
            .configs(
                Map.of(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(config.getLong(CommonSettings.DEAD_LETTERS_RETENTION_MS)))));
    try {
      Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (missing.isEmpty()) {
        return;
      }
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
          log.info("Created topic {}", entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      awaitVisible(admin, missing.stream().map(NewTopic::name).toList(), timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer while creating topics", e);
    }
  }

  /**
   * A created topic is known to the controller before every broker's metadata has it; describing it
   * or assigning its partitions in that window fails. Waits, with a short back-off, until it can be
   * described.
   */
  private static void awaitVisible(Admin admin, List<String> names, long timeoutMs)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(METADATA_BACKOFF_MS);
      }
    }
  }

  private static NewTopic topic(
      TopicDescriptor<?, ?> descriptor,
      String prefix,
      int partitions,
      Optional<Short> rf,
      long retentionMs) {
    return new NewTopic(descriptor.name(prefix), Optional.of(partitions), rf)
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs)));
  }

  private static Optional<Short> replication(short configured) {
    return configured < 0 ? Optional.empty() : Optional.of(configured);
  }
}
