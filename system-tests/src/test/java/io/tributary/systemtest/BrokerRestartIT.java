package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes down while a client pushes counter increments and comes back on the same data and
 * port: pushes made meanwhile fail with 503 or 504, the client retries each with its change id
 * until it is answered, and in the end the counter holds exactly one increment per change: nothing
 * lost, nothing doubled (the producer's own retries and the client's both reach the log; the
 * projector applies a change id once).
 */
class BrokerRestartIT {

  private static final int INCREMENTS = 60;
  private static final String COLLECTION = "counters";
  private static final String RECORD = "hits";

  @TempDir Path dir;

  @Test
  void shouldAnswer503Or504WhileTheBrokerIsDownThenApplyEachRetriedChangeOnce() throws Exception {
    int port = new FreePorts().next();
    Path data = dir.resolve("kafka");
    EmbeddedKafka kafka = EmbeddedKafka.start(data, port);
    TributaryStack stack = null;
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      stack = TributaryStack.builder(kafka).ingestSetting("push.timeout.ms", "3000").start();
      ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
      AtomicInteger answered = new AtomicInteger();
      ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();
      Future<?> pushes =
          writer.submit(
              () -> {
                for (int i = 0; i < INCREMENTS; i++) {
                  ObjectNode increment =
                      change(TestIds.changeId(), "update", COLLECTION, RECORD, plusOne());
                  while (true) {
                    ApiResponse r = client.push(increment);
                    if (r.status() == 200) {
                      assertThat(r.json().path("accepted")).as("%s", r).hasSize(1);
                      answered.incrementAndGet();
                      break;
                    }
                    assertThat(r.status()).as("%s", r).isIn(503, 504);
                    assertThat(r.errorCode()).as("%s", r).isNotBlank();
                    failures.add(r.status());
                    // A client honours Retry-After (capped here to keep the test short).
                    Thread.sleep(Math.min(1_000, retryAfterMillis(r)));
                  }
                }
                return null;
              });

      // When the broker stops after some pushes were answered
      await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= 10);
      kafka.close();

      // Then pushes fail with 503/504 while it is down
      await().atMost(Duration.ofSeconds(60)).until(() -> !failures.isEmpty());
      int answeredWhileDown = answered.get();

      // When it comes back on the same data and port
      kafka = EmbeddedKafka.start(data, port);

      // Then every increment is eventually answered, and applied exactly once
      pushes.get(180, TimeUnit.SECONDS);
      assertThat(answered.get()).isEqualTo(INCREMENTS);
      assertThat(answeredWhileDown).isLessThan(INCREMENTS);
      ChangeFeedClient reader = client;
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonNode doc = reader.pullToEnd(null).latestByRecord().get(RECORD);
                assertThat(doc).isNotNull();
                assertThat(doc.path("data").path("count").asLong())
                    .as("failures seen while down: %s", List.copyOf(failures))
                    .isEqualTo(INCREMENTS);
              });
      assertThat(Set.copyOf(failures)).isSubsetOf(503, 504);
    } finally {
      writer.shutdownNow();
      if (stack != null) {
        stack.close();
      }
      kafka.close();
    }
  }

  private static ObjectNode plusOne() {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.putObject("count").put("$increment", 1);
    return data;
  }

  private static long retryAfterMillis(ApiResponse r) {
    return r.header("Retry-After").map(v -> Long.parseLong(v.trim()) * 1_000).orElse(500L);
  }
}
