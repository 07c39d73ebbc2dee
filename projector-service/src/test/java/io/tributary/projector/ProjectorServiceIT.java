package io.tributary.projector;

import static io.tributary.protocol.model.Outcome.Status.ACCEPTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.common.kafka.CodecSerde;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.projector.internals.StateStoreDescriptor;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.query.PartitionOwners;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.tributary.protocol.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** One projector against a real single-node broker: push records, read outcomes, scan by HTTP. */
class ProjectorServiceIT {

  private static final String PREFIX = "it.";

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;
  private static ProjectorService projector;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    projector = ProjectorService.start(config(PREFIX));
  }

  private static Map<String, String> config(String prefix) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("topic.prefix", prefix);
    config.put("topic.changes.partitions", "2");
    config.put("topic.documents.partitions", "2");
    config.put("topic.outcomes.partitions", "1");
    config.put("topic.replication.factor", "1");
    config.put("projector.http.port", "0");
    config.put("projector.state.dir", dir.resolve(prefix + "streams").toString());
    config.put("collection.notes.policy", "client-resolves");
    return config;
  }

  @AfterAll
  static void stop() {
    if (projector != null) {
      projector.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldAnswerPushedChangesAndServeThemByScan() throws Exception {
    // Given a running projector
    await().atMost(Duration.ofSeconds(60)).until(projector::isRunning);

    // When three changes of tenant t1 and one of t2 are produced
    List<ChangeRecord> changes =
        List.of(
            change("t1", "todos", "a", "c1"),
            change("t1", "todos", "b", "c2"),
            change("t1", "notes", "n", "c3"),
            change("t2", "todos", "z", "c4"));
    produce(PREFIX, changes);

    // Then each is answered ACCEPTED on outcomes partition 0
    List<Outcome> outcomes = readOutcomes(PREFIX, changes.size());
    assertThat(outcomes)
        .extracting(Outcome::correlationId)
        .containsExactlyInAnyOrder("corr-c1", "corr-c2", "corr-c3", "corr-c4");
    assertThat(outcomes).extracting(Outcome::status).containsOnly(Outcome.Status.ACCEPTED);

    // And the owners name this instance for both partitions
    HttpResponse<String> owners = get(projector, "/internal/v1/owners");
    assertThat(owners.statusCode()).isEqualTo(200);
    PartitionOwners parsed = Json.mapper().readValue(owners.body(), PartitionOwners.class);
    assertThat(parsed.partitions()).isEqualTo(2);
    assertThat(parsed.owners())
        .containsEntry(0, projector.queryEndpoint())
        .containsEntry(1, projector.queryEndpoint());

    // And a scan of t1 returns its three documents and nothing of t2
    ScanResponse scan = scan(projector, new ScanRequest("t1", null, Map.of(0, -1L, 1, -1L), 10));
    assertThat(scan.partitions()).containsOnlyKeys(0, 1);
    List<String> ids = new ArrayList<>();
    for (PartitionSlice slice : scan.partitions().values()) {
      assertThat(slice.exhausted()).isTrue();
      slice.versions().stream().map(DocumentVersion::id).forEach(ids::add);
    }
    assertThat(ids).containsExactlyInAnyOrder("a", "b", "n");
  }

  @Test
  void shouldRepeatTheFirstOutcomeOfAChangeIdAfterARestart() throws Exception {
    // Given a change applied by a projector that is then stopped
    String prefix = "restart.";
    ProjectorService first = ProjectorService.start(config(prefix));
    Outcome original;
    try {
      await().atMost(Duration.ofSeconds(60)).until(first::isRunning);
      produce(prefix, List.of(change("t1", "todos", "a", "c1")));
      original = readOutcomes(prefix, 1).get(0);
    } finally {
      first.close();
    }

    // When a new projector on the same state gets the same change id on another correlation id
    ProjectorService second = ProjectorService.start(config(prefix));
    try {
      await().atMost(Duration.ofSeconds(60)).until(second::isRunning);
      ChangeRecord retry = change("t1", "todos", "a", "c1");
      produce(
          prefix,
          List.of(
              new ChangeRecord(
                  retry.v(),
                  retry.changeId(),
                  retry.tenant(),
                  retry.collection(),
                  retry.recordId(),
                  retry.type(),
                  retry.data(),
                  retry.base(),
                  5000,
                  5000,
                  null,
                  "retry",
                  0)));

      // Then it is answered with the first outcome, and one version exists
      List<Outcome> outcomes = readOutcomes(prefix, 2);
      assertThat(outcomes.get(1)).isEqualTo(original.withCorrelationId("retry"));
      ScanResponse scan = scan(second, new ScanRequest("t1", null, Map.of(0, -1L, 1, -1L), 10));
      assertThat(scan.partitions().values().stream().mapToInt(p -> p.versions().size()).sum())
          .isEqualTo(1);
    } finally {
      second.close();
    }
  }

  @Test
  void shouldRebuildAStoreThatMayHoldWritesItsChangelogLacks() throws Exception {
    // Given a change applied by a projector that was then stopped cleanly
    String prefix = "ahead.";
    ProjectorService first = ProjectorService.start(config(prefix));
    try {
      await().atMost(Duration.ofSeconds(60)).until(first::isRunning);
      produce(prefix, List.of(change("t1", "todos", "a", "c1")));
      assertThat(readOutcomes(prefix, 1)).extracting(Outcome::status).containsOnly(ACCEPTED);
    } finally {
      first.close();
    }
    byte[] document = "Dt1\0todos\0a".getBytes(StandardCharsets.UTF_8);
    Path store = storeHolding(dir.resolve(prefix + "streams"), document);

    // When its RocksDB gets a write the changelog never had (the document's data), the watermark
    // staying where the changelog is known to hold it
    onDisk(
        store,
        (db, family) -> {
          String json = new String(db.get(family, document), StandardCharsets.UTF_8);
          assertThat(json).contains("{\"id\":\"a\"}");
          db.put(
              family,
              document,
              json.replace("{\"id\":\"a\"}", "{\"id\":\"a\",\"unlogged\":true}")
                  .getBytes(StandardCharsets.UTF_8));
        });

    // Then a projector started on it keeps the store as it is, and serves the write
    assertThat(dataOfTheOneDocument(prefix).has("unlogged")).isTrue();

    // When the watermark moves above what the changelog is known to hold, as an unclean stop
    // leaves it when RocksDB flushed writes whose changelog records never reached the broker
    onDisk(
        store,
        (db, family) -> {
          long watermark = ByteBuffer.wrap(db.get(family, new byte[] {'W'})).getLong();
          db.put(
              family,
              new byte[] {'W'},
              ByteBuffer.allocate(Long.BYTES).putLong(watermark + 1000).array());
        });

    // Then a projector started on it deletes the store and restores it from the changelog: the
    // document is the one the change wrote
    assertThat(dataOfTheOneDocument(prefix))
        .isEqualTo(Json.mapper().createObjectNode().put("id", "a"));
  }

  /** Starts a projector on {@code prefix}'s state, scans tenant t1's one document, stops it. */
  private JsonNode dataOfTheOneDocument(String prefix) throws Exception {
    ProjectorService service = ProjectorService.start(config(prefix));
    try {
      await().atMost(Duration.ofSeconds(60)).until(service::isRunning);
      ScanResponse scan = scan(service, new ScanRequest("t1", null, Map.of(0, -1L, 1, -1L), 10));
      List<DocumentVersion> versions =
          scan.partitions().values().stream().flatMap(p -> p.versions().stream()).toList();
      assertThat(versions).singleElement().extracting(DocumentVersion::id).isEqualTo("a");
      return versions.get(0).data();
    } finally {
      service.close();
    }
  }

  /** The RocksDB directory, among the tasks' stores under {@code stateDir}, holding {@code key}. */
  private static Path storeHolding(Path stateDir, byte[] key) throws Exception {
    List<Path> stores;
    try (Stream<Path> paths = Files.walk(stateDir)) {
      stores =
          paths
              .filter(p -> p.endsWith(Path.of("rocksdb", StateStoreDescriptor.STATE.name())))
              .toList();
    }
    List<Path> holding = new ArrayList<>();
    for (Path store : stores) {
      onDisk(
          store,
          (db, family) -> {
            if (db.get(family, key) != null) {
              holding.add(store);
            }
          });
    }
    assertThat(holding).as("stores under %s holding the key", stateDir).hasSize(1);
    return holding.get(0);
  }

  private interface RocksDbWork {
    void run(RocksDB db, ColumnFamilyHandle defaultFamily) throws RocksDBException;
  }

  /** Opens the RocksDB in {@code dir} as Kafka Streams left it, does {@code work}, flushes. */
  private static void onDisk(Path dir, RocksDbWork work) throws RocksDBException {
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    try (Options options = new Options()) {
      for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
        families.add(new ColumnFamilyDescriptor(name));
      }
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, dir.toString(), families, handles);
        FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      try {
        work.run(db, handles.get(0));
        db.flush(flush, handles);
      } finally {
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
  }

  @Test
  void shouldSetAPoisonRecordAsideInTheDeadLetterTopicAndGoOn() throws Exception {
    // Given a running projector
    await().atMost(Duration.ofSeconds(60)).until(projector::isRunning);
    String deadLetters = Topics.deadLetters(PREFIX);

    // When a record that is not a change, then a valid change, reach partition 0
    Properties raw = new Properties();
    raw.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(raw, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.CHANGES.name(PREFIX), 0, "t9/todos/p".getBytes(), "{poison".getBytes()))
          .get();
    }
    ChangeRecord valid = change("t9", "todos", "after-poison", "c-after-poison");
    produce(PREFIX, List.of(valid));

    // Then the valid change is answered, and the poison record sits in the dead-letter topic
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                readOutcomes(PREFIX, 1).stream()
                    .anyMatch(o -> "corr-c-after-poison".equals(o.correlationId())));
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<String> dead = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition p0 = new TopicPartition(deadLetters, 0);
      consumer.assign(List.of(p0));
      consumer.seekToBeginning(List.of(p0));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> dead.add(new String(r.value())));
                return !dead.isEmpty();
              });
    }
    assertThat(dead).containsExactly("{poison");

    // and the metric counts it
    HttpResponse<String> metrics = get(projector, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("tributary_projector_dead_letters_total{reason=\"undecodable\"} 1.0");
  }

  @Test
  void shouldReportAFailureWhenKafkaStreamsReachesError() {
    // Given a projector whose policy for collection boom throws
    String prefix = "explode.";
    Map<String, String> config = config(prefix);
    config.put("collection.boom.policy", "test-explode");
    ProjectorService failing = ProjectorService.start(config);
    try {
      assertThat(failing.awaitRunning(Duration.ofSeconds(60))).isTrue();
      assertThat(failing.failure()).isNotDone();

      // When a change of that collection is processed
      produce(prefix, List.of(change("t1", "boom", "a", "c1")));

      // Then Kafka Streams shuts down in ERROR and the service says so (ProjectorMain exits 1)
      await().atMost(Duration.ofSeconds(60)).until(() -> failing.failure().isDone());
      assertThat(failing.isRunning()).isFalse();
    } finally {
      failing.close();
    }
  }

  private static void produce(String prefix, List<ChangeRecord> changes) {
    try (KafkaProducer<String, ChangeRecord> producer = producer()) {
      for (ChangeRecord c : changes) {
        producer.send(new ProducerRecord<>(Topics.CHANGES.name(prefix), c.key().toKafkaKey(), c));
      }
      producer.flush();
    }
  }

  private static ChangeRecord change(String tenant, String collection, String id, String changeId) {
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        changeId,
        tenant,
        collection,
        id,
        ChangeType.CREATE,
        Json.mapper().createObjectNode().put("id", id),
        Base.none(),
        1000,
        1000,
        null,
        "corr-" + changeId,
        0);
  }

  private static KafkaProducer<String, ChangeRecord> producer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        props,
        CodecSerde.keys(Topics.CHANGES).serializer(),
        CodecSerde.values(Topics.CHANGES).serializer());
  }

  private static List<Outcome> readOutcomes(String prefix, int count) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<Outcome> out = new ArrayList<>();
    try (KafkaConsumer<String, Outcome> consumer =
        new KafkaConsumer<>(
            props,
            CodecSerde.keys(Topics.OUTCOMES).deserializer(),
            CodecSerde.values(Topics.OUTCOMES).deserializer())) {
      TopicPartition p0 = new TopicPartition(Topics.OUTCOMES.name(prefix), 0);
      consumer.assign(List.of(p0));
      consumer.seekToBeginning(List.of(p0));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
                return out.size() >= count;
              });
    }
    return out;
  }

  private ScanResponse scan(ProjectorService service, ScanRequest request) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(service, "/internal/v1/scan"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.mapper().readValue(response.body(), ScanResponse.class);
  }

  private HttpResponse<String> get(ProjectorService service, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(service, path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(ProjectorService service, String path) {
    return URI.create("http://" + service.queryEndpoint() + path);
  }
}
