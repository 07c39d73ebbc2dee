package io.tributary.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.common.kafka.CodecSerde;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;
import io.tributary.protocol.topic.Topics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ChangeProducerTest {

  private static ChangeRecord record(String id) {
    return new ChangeRecord(
        1,
        "c-" + id,
        "acme",
        "todos",
        id,
        ChangeType.DELETE,
        null,
        Base.none(),
        1,
        1,
        null,
        "corr-" + id,
        0);
  }

  private static MockProducer<String, ChangeRecord> mock(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new StringSerializer(), CodecSerde.values(Topics.CHANGES).serializer());
  }

  @Test
  void shouldSendEveryRecordKeyedByDocumentAndCompleteWhenAcknowledged() throws Exception {
    // Given
    MockProducer<String, ChangeRecord> kafka = mock(true);
    ChangeProducer producer = new ChangeProducer(kafka, "t.changes");

    // When
    producer.sendAll(List.of(record("a"), record("b"))).get(5, TimeUnit.SECONDS);

    // Then
    assertThat(kafka.history())
        .extracting(ProducerRecord::key)
        .containsExactly("acme/todos/a", "acme/todos/b");
    assertThat(kafka.history()).extracting(ProducerRecord::topic).containsOnly("t.changes");
    producer.close();
  }

  @Test
  void shouldCompleteOnlyOnceTheLastRecordIsAcknowledged() {
    // Given
    MockProducer<String, ChangeRecord> kafka = mock(false);
    ChangeProducer producer = new ChangeProducer(kafka, "t.changes");
    CompletableFuture<Void> done = producer.sendAll(List.of(record("a"), record("b")));
    await().until(() -> kafka.history().size() == 2);

    // When
    assertThat(kafka.completeNext()).isTrue();

    // Then
    assertThat(done).isNotDone();
    assertThat(kafka.completeNext()).isTrue();
    assertThat(done).succeedsWithin(5, TimeUnit.SECONDS);
    producer.close();
  }

  @Test
  void shouldFailTheBatchWhenALaterRecordIsRefused() {
    // Given
    MockProducer<String, ChangeRecord> kafka = mock(false);
    ChangeProducer producer = new ChangeProducer(kafka, "t.changes");
    CompletableFuture<Void> done = producer.sendAll(List.of(record("a"), record("b")));
    await().until(() -> kafka.history().size() == 2);

    // When
    kafka.completeNext();
    kafka.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

    // Then
    assertThat(done).failsWithin(5, TimeUnit.SECONDS);
    producer.close();
  }

  @Test
  void shouldRefuseWith503WhenTooManyPushesWaitForTheProducer() {
    // Given: a producer whose send blocks (metadata unavailable)
    CountDownLatch release = new CountDownLatch(1);
    MockProducer<String, ChangeRecord> blocking =
        new MockProducer<>(
            true, null, new StringSerializer(), CodecSerde.values(Topics.CHANGES).serializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, ChangeRecord> r, Callback callback) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.send(r, callback);
          }
        };
    ChangeProducer producer = new ChangeProducer(blocking, "t.changes");

    // When: one batch runs, the queue fills up
    for (int i = 0; i <= ChangeProducer.QUEUE_CAPACITY; i++) {
      producer.sendAll(List.of(record("r" + i)));
    }

    // Then
    assertThatThrownBy(() -> producer.sendAll(List.of(record("one-too-many"))))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.headers()).containsKey("Retry-After");
            });
    release.countDown();
    producer.close();
  }
}
