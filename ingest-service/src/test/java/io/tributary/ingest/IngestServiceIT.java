package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.common.kafka.CodecSerde;
import io.tributary.ingest.ws.SocketClient;
import io.tributary.kafka.embedded.EmbeddedKafka;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Revisions;
import io.tributary.protocol.topic.Topics;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push path against a real broker: the test plays the projector, reading {@code changes} and
 * answering on the {@code outcomes} partition each record names.
 */
class IngestServiceIT {

  private static final String PREFIX = "it.";
  private static final int REPLY_PARTITION = 1;

  @TempDir static Path dataDir;

  private static EmbeddedKafka kafka;
  private static IngestService ingest;
  private static FakeResolver resolver;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    config.put("topic.prefix", PREFIX);
    config.put("topic.changes.partitions", "2");
    config.put("topic.documents.partitions", "2");
    config.put("topic.outcomes.partitions", "2");
    config.put("topic.replication.factor", "1");
    config.put("http.host", "127.0.0.1");
    config.put("http.port", "0");
    config.put("auth.hs256.secret", Tokens.SECRET);
    config.put("cursor.secret", "cursor-secret-0123456789");
    config.put("projector.endpoints", "127.0.0.1:9");
    config.put("push.timeout.ms", "3000");
    config.put("ingest.outcomes.partition", Integer.toString(REPLY_PARTITION));
    ingest = IngestService.start(config);
    resolver = new FakeResolver(kafka.bootstrapServers());
  }

  @AfterAll
  static void stop() {
    if (resolver != null) {
      resolver.close();
    }
    if (ingest != null) {
      ingest.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static HttpResponse<String> push(String recordId) throws Exception {
    String body =
        "{\"changes\":[{\"id\":\"change-"
            + recordId
            + "\",\"collection\":\"todos\","
            + "\"recordId\":\""
            + recordId
            + "\",\"type\":\"create\",\"data\":{\"title\":\"x\"}}]}";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ingest.httpPort() + "/v1/sync/push"))
            .header("Authorization", "Bearer " + Tokens.token("acme", "sync:write"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(30))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldProduceToChangesAndAnswerWhenTheOutcomeArrives() throws Exception {
    // When
    HttpResponse<String> response = push("answered");

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.at("/accepted/0/id").asText()).isEqualTo("change-answered");
    assertThat(body.at("/accepted/0/rev").asText()).isEqualTo(Revisions.of(0, 99));
    ChangeRecord seen =
        resolver.seen.stream()
            .filter(r -> r.recordId().equals("answered"))
            .findFirst()
            .orElseThrow();
    assertThat(seen.tenant()).isEqualTo("acme");
    assertThat(seen.replyPartition()).isEqualTo(REPLY_PARTITION);
    assertThat(seen.data().get("title").asText()).isEqualTo("x");
  }

  @Test
  void shouldAnswerAPushOverTheWebSocketLargerThanVertxDefaultMessageSize() throws Exception {
    // Given: two changes of 150 KB each (under document.max.bytes): a 300 KB message, above
    // Vert.x's default 256 KiB WebSocket message limit and under http.max.body.bytes
    String big = "y".repeat(150_000);
    Vertx vertx = Vertx.vertx();
    try (SocketClient socket = new SocketClient(vertx, ingest.httpPort())) {
      socket.auth(Tokens.token("acme", "sync:write"));

      // When
      String change =
          "{\"id\":\"change-%s\",\"collection\":\"todos\",\"recordId\":\"%s\","
              + "\"type\":\"create\",\"data\":{\"title\":\""
              + big
              + "\"}}";
      socket.send(
          "{\"type\":\"push\",\"requestId\":\"ws-1\",\"payload\":{\"changes\":["
              + change.formatted("ws-a", "ws-a")
              + ","
              + change.formatted("ws-b", "ws-b")
              + "]}}");

      // Then
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !socket.ofType("push_result").isEmpty());
      JsonNode result = socket.ofType("push_result").get(0);
      assertThat(result.get("requestId").asText()).isEqualTo("ws-1");
      assertThat(result.at("/payload/accepted")).hasSize(2);
      assertThat(result.at("/payload/errors")).isEmpty();
      assertThat(resolver.seen).anyMatch(r -> r.recordId().equals("ws-b"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  void shouldAnswer504WhenNoOutcomeArrivesInTime() throws Exception {
    // When: the resolver never answers record ids starting with "silent"
    HttpResponse<String> response = push("silent-1");

    // Then
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(Json.mapper().readTree(response.body()).at("/error/code").asText())
        .isEqualTo("push_timeout");
    assertThat(resolver.seen).anyMatch(r -> r.recordId().equals("silent-1"));
  }

  @Test
  void shouldAnswerARequestLineTooLongForTheCodecWithTheErrorBody() throws Exception {
    // Given a request line over the HTTP codec's 4096 bytes
    String request =
        "GET /v1/sync/pull?cursor=" + "x".repeat(5_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    // When
    String answer;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", ingest.httpPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    // Then: the service installs the invalid-request handler, not Vert.x's bare answer
    // (Netty reads an unreadable request as HTTP/1.0, so the answer is HTTP/1.0 too)
    assertThat(answer).matches("(?s)HTTP/1\\.[01] 414 .*");
    assertThat(
            Json.mapper()
                .readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4))
                .at("/error/code")
                .asText())
        .isEqualTo("bad_request");
  }

  @Test
  void shouldReportReadyOnceProducerAndOutcomesConsumerRun() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ingest.httpPort() + "/health/ready"))
            .GET()
            .build();

    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  /** Plays the projector: answers every change except "silent" ones with ACCEPTED. */
  static final class FakeResolver implements AutoCloseable {

    final List<ChangeRecord> seen = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, Outcome> producer;
    private final Thread thread;
    private volatile boolean running = true;

    FakeResolver(String bootstrap) {
      Map<String, Object> props =
          Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrap,
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
              "earliest");
      consumer =
          new KafkaConsumer<>(
              props,
              new StringDeserializer(),
              new org.apache.kafka.common.serialization.ByteArrayDeserializer());
      producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", bootstrap),
              new StringSerializer(),
              CodecSerde.values(Topics.OUTCOMES).serializer());
      String topic = Topics.CHANGES.name(PREFIX);
      List<TopicPartition> partitions =
          List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      thread = new Thread(this::run, "fake-resolver");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      var decoder = CodecSerde.values(Topics.CHANGES).deserializer();
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          ChangeRecord change = decoder.deserialize(record.topic(), record.value());
          seen.add(change);
          if (!change.recordId().startsWith("silent") && change.wantsReply()) {
            Outcome outcome =
                new Outcome(
                    change.correlationId(),
                    change.changeId(),
                    Outcome.Status.ACCEPTED,
                    Revisions.of(0, 99),
                    change.hlc(),
                    null,
                    null,
                    null);
            producer.send(
                new ProducerRecord<>(
                    Topics.OUTCOMES.name(PREFIX),
                    change.replyPartition(),
                    change.correlationId(),
                    outcome));
          }
        }
      }
      consumer.close();
    }

    @Override
    public void close() {
      running = false;
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      producer.close();
    }
  }
}
