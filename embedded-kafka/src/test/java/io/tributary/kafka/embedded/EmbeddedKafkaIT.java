package io.tributary.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final String TOPIC = "greetings";

  @TempDir Path dataDir;

  @Test
  void shouldKeepRecordsAcrossRestartOnTheSameDataDir() throws Exception {
    // Given a fresh node with one record written to it
    String firstBootstrap;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      firstBootstrap = kafka.bootstrapServers();
      createTopic(firstBootstrap);
      produce(firstBootstrap, "k1", "hello");
      assertThat(consumeAll(firstBootstrap)).containsExactly("hello");
    }

    // When the node is started again on the same data dir
    try (EmbeddedKafka restarted = EmbeddedKafka.start(dataDir, 0)) {
      // Then the record written before the restart is read back, from the same address
      assertThat(consumeAll(restarted.bootstrapServers())).containsExactly("hello");
      assertThat(restarted.bootstrapServers()).isEqualTo(firstBootstrap);
    }
  }

  @Test
  void shouldMoveToAFreePortWhenItsPreviousPortIsTakenMeanwhile() throws Exception {
    // Given a node that ran once, wrote a record, and stopped
    String firstBootstrap;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      firstBootstrap = kafka.bootstrapServers();
      createTopic(firstBootstrap);
      produce(firstBootstrap, "k1", "hello");
    }
    int previousPort = Integer.parseInt(firstBootstrap.substring(firstBootstrap.indexOf(':') + 1));

    // When another process holds its previous port and the node starts again with port 0
    try (ServerSocket taken = new ServerSocket(previousPort, 1, InetAddress.getLoopbackAddress());
        EmbeddedKafka restarted = EmbeddedKafka.start(dataDir, 0)) {
      // Then it listens elsewhere and still has the data
      assertThat(restarted.bootstrapServers()).isNotEqualTo(firstBootstrap);
      assertThat(consumeAll(restarted.bootstrapServers())).containsExactly("hello");
    }
  }

  @Test
  void shouldSayWhichPortToFreeWhenTheRequestedPortIsTaken() throws Exception {
    // Given a port already bound by someone else
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      // When the node is asked to listen on it
      // Then start fails, naming the port and what to do
      assertThatThrownBy(() -> EmbeddedKafka.start(dataDir, port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(Integer.toString(port))
          .hasMessageContaining("free the port");
    }
  }

  private static void createTopic(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(String bootstrap, String key, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> consumeAll(String bootstrap) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (consumer.position(partition, Duration.ofSeconds(30)) < end
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
