package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.common.kafka.CodecSerde;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.projector.ProjectorMain;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.tributary.protocol.topic.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy projector killed with SIGKILL, as a crash kills it: its RocksDB memtables are small
 * ({@link SmallMemtables}) and it commits rarely, so its disk holds writes made after its last
 * commit, which its changelog may lack. Started again on its state dir, it deletes those stores and
 * Kafka Streams restores them whole from their changelogs (docs/internals.md, "A local store ahead
 * of its changelog"); every document is then served as its change wrote it.
 */
@ExtendWith(SharedKafka.class)
class ProjectorCrashIT {

  private static final int PARTITIONS = 2;
  private static final int CHANGES = 2_000;
  private static final String TENANT = "t1";
  private static final String REBUILDING = "Kafka Streams restores it whole from its changelog";

  @TempDir Path dir;

  @Test
  void shouldRebuildTheStoresOfAKilledBusyProjectorAndServeEveryDocument(EmbeddedKafka kafka)
      throws Exception {
    // Given a projector process that has applied 2,000 changes since it started, committing
    // nothing meanwhile
    String prefix = "crash" + TestIds.shortId() + ".";
    int port = new FreePorts().next();
    Map<String, String> env = new HashMap<>();
    env.put("TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("TRIBUTARY_TOPIC_PREFIX", prefix);
    env.put("TRIBUTARY_TOPIC_CHANGES_PARTITIONS", Integer.toString(PARTITIONS));
    env.put("TRIBUTARY_TOPIC_DOCUMENTS_PARTITIONS", Integer.toString(PARTITIONS));
    env.put("TRIBUTARY_TOPIC_OUTCOMES_PARTITIONS", "1");
    env.put("TRIBUTARY_TOPIC_REPLICATION_FACTOR", "1");
    env.put("TRIBUTARY_PROJECTOR_HTTP_HOST", "127.0.0.1");
    env.put("TRIBUTARY_PROJECTOR_HTTP_PORT", Integer.toString(port));
    env.put("TRIBUTARY_PROJECTOR_ADVERTISED_HOST", "127.0.0.1");
    env.put("TRIBUTARY_PROJECTOR_STATE_DIR", dir.resolve("state").toString());
    env.put("TRIBUTARY_PROJECTOR_COMMIT_INTERVAL_MS", "600000");
    env.put("TRIBUTARY_KAFKA_ROCKSDB_CONFIG_SETTER", SmallMemtables.class.getName());
    Path log = dir.resolve("projector.log");
    Api api = new Api(URI.create("http://127.0.0.1:" + port));
    ServiceProcess projector =
        ServiceProcess.start("projector", ProjectorMain.class.getName(), env, log);
    try {
      awaitServing(api);
      produce(kafka, prefix);
      awaitOutcomes(kafka, prefix);

      // When it is killed with SIGKILL and started again on its state dir
      projector.kill();
      projector = projector.restart();

      // Then it deletes the stores its disk holds, for Kafka Streams to restore them whole
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains(REBUILDING));

      // and serves every document as its change wrote it
      awaitServing(api);
      Map<String, Integer> served = scanAll(api);
      assertThat(served).hasSize(CHANGES);
      served.forEach((id, n) -> assertThat(id).isEqualTo("r" + n));
    } finally {
      projector.close();
    }
  }

  private static void produce(EmbeddedKafka kafka, String prefix) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, ChangeRecord> producer =
        new KafkaProducer<>(
            props,
            CodecSerde.keys(Topics.CHANGES).serializer(),
            CodecSerde.values(Topics.CHANGES).serializer())) {
      for (int i = 0; i < CHANGES; i++) {
        ChangeRecord change =
            new ChangeRecord(
                ChangeRecord.CURRENT_VERSION,
                "c" + i,
                TENANT,
                "todos",
                "r" + i,
                ChangeType.CREATE,
                Json.mapper().createObjectNode().put("id", "r" + i).put("n", i),
                Base.none(),
                1000 + i,
                1000 + i,
                null,
                "corr-" + i,
                0);
        producer.send(
            new ProducerRecord<>(Topics.CHANGES.name(prefix), change.key().toKafkaKey(), change));
      }
      producer.flush();
    }
  }

  /** Waits until every change is answered on {@code outcomes}: all are applied. */
  private static void awaitOutcomes(EmbeddedKafka kafka, String prefix) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    int[] answered = {0};
    try (KafkaConsumer<String, Outcome> consumer =
        new KafkaConsumer<>(
            props,
            CodecSerde.keys(Topics.OUTCOMES).deserializer(),
            CodecSerde.values(Topics.OUTCOMES).deserializer())) {
      TopicPartition outcomes = new TopicPartition(Topics.OUTCOMES.name(prefix), 0);
      consumer.assign(List.of(outcomes));
      consumer.seekToBeginning(List.of(outcomes));
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                answered[0] += consumer.poll(Duration.ofMillis(200)).count();
                return answered[0] >= CHANGES;
              });
    }
  }

  /** Waits until the projector serves both partitions (its tasks are restored and running). */
  private static void awaitServing(Api api) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              ApiResponse r = api.postJson("/internal/v1/scan", null, scan(Map.of(0, -1L)));
              ApiResponse s = api.postJson("/internal/v1/scan", null, scan(Map.of(1, -1L)));
              return r.status() == 200
                  && s.status() == 200
                  && r.json().path("partitions").has("0")
                  && s.json().path("partitions").has("1");
            });
  }

  /** Tenant t1's documents, from every partition, page by page: id → the {@code n} it holds. */
  private static Map<String, Integer> scanAll(Api api) throws Exception {
    Map<String, Integer> out = new TreeMap<>();
    Map<Integer, Long> after = new HashMap<>(Map.of(0, -1L, 1, -1L));
    while (!after.isEmpty()) {
      ApiResponse response = api.postJson("/internal/v1/scan", null, scan(after));
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      ScanResponse scan = Json.mapper().readValue(response.body(), ScanResponse.class);
      assertThat(scan.partitions()).containsOnlyKeys(after.keySet());
      scan.partitions()
          .forEach(
              (partition, slice) -> {
                for (DocumentVersion version : slice.versions()) {
                  out.put(version.id(), version.data().path("n").asInt(-1));
                }
                after.put(partition, next(slice));
              });
      after.values().removeIf(position -> position == Long.MAX_VALUE);
    }
    return out;
  }

  private static long next(PartitionSlice slice) {
    if (slice.exhausted()) {
      return Long.MAX_VALUE;
    }
    return slice.versions().get(slice.versions().size() - 1).offset();
  }

  private static ScanRequest scan(Map<Integer, Long> after) {
    return new ScanRequest(TENANT, null, after, 500);
  }
}
