package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-over from catch-up to live under concurrent writes: subscribers that pull, then open the
 * stream from their cursor while writers keep writing, end with exactly what a fresh pull holds,
 * with no version streamed twice and none they already had. Seeded like {@link CursorSafetyIT}.
 */
class LiveStreamSafetyIT extends StackPerClass {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStreamSafetyIT.class);
  private static final String COLLECTION = "items";
  private static final int DOCUMENTS = 8;
  private static final int WRITERS = 2;
  private static final int SUBSCRIBERS = 3;

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.ingests(2);
  }

  @Test
  void shouldHandOverFromCatchUpToLiveWithoutGapOrDuplicateUnderConcurrentWrites()
      throws Exception {
    long seed = CursorSafetyIT.seed();
    LOG.info("LiveStreamSafetyIT seed={} (replay with -Dseed={})", seed, seed);
    String tenant = TestIds.tenant();
    AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    AtomicInteger written = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Subscriber> subscribers = new ArrayList<>();
    try {
      // Given writers updating overlapping documents for a few seconds
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> write(writer, tenant, seed, clock, written)));
      }

      // When subscribers join one after another: pull to the end, then stream from that cursor
      ChangeFeedClient reader =
          new ChangeFeedClient(stack.api(1), stack.tokens().readWrite(tenant));
      for (int s = 0; s < SUBSCRIBERS; s++) {
        int after = (s + 1) * 40;
        await("writes before subscriber " + s)
            .atMost(Duration.ofSeconds(30))
            .until(() -> written.get() >= after);
        ChangeFeedClient.Page caughtUp = reader.pullToEnd(null, 5);
        subscribers.add(
            new Subscriber(
                new Replica().apply(caughtUp.changes()),
                revs(caughtUp.changes()),
                reader.stream(caughtUp.cursor())));
      }
      for (Future<?> f : writers) {
        f.get(2, TimeUnit.MINUTES);
      }

      // Then each subscriber's pulled-then-streamed state reaches a fresh pull's
      Map<String, String> fresh = new Replica().apply(reader.pullToEnd(null).changes()).view();
      for (int s = 0; s < subscribers.size(); s++) {
        Subscriber sub = subscribers.get(s);
        int index = s;
        await("subscriber " + s + " converges")
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(sub.state())
                        .as("seed %d: subscriber %d, failure=%s", seed, index, sub.stream.failure())
                        .isEqualTo(fresh));
        List<SseEvent> events = sub.stream.events();
        assertThat(events)
            .as("seed %d: subscriber %d got no resync under light load", seed, index)
            .noneMatch(e -> e.event().equals("resync"));
        Set<String> streamed = new HashSet<>();
        for (JsonNode c : changes(events)) {
          String version = c.path("recordId").asText() + " " + c.path("id").asText();
          assertThat(streamed.add(version))
              .as("seed %d: subscriber %d streamed %s twice", seed, index, version)
              .isTrue();
          assertThat(sub.pulledRevs)
              .as("seed %d: subscriber %d streamed %s it had pulled", seed, index, version)
              .doesNotContain(version);
        }
      }
      LOG.info("seed={}: {} writes, {} subscribers converged", seed, written.get(), SUBSCRIBERS);
    } finally {
      subscribers.forEach(s -> s.stream.close());
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private Void write(
      int writer, String tenant, long seed, AtomicLong clock, AtomicInteger written) {
    ChangeFeedClient client =
        new ChangeFeedClient(stack.api(writer % 2), stack.tokens().readWrite(tenant));
    Random random = new Random(seed * 13 + writer);
    for (int seq = 0; seq < 200; seq++) {
      String recordId = "doc-" + random.nextInt(DOCUMENTS);
      long timestamp = clock.incrementAndGet();
      ObjectNode data =
          JsonNodeFactory.instance
              .objectNode()
              .put("id", recordId)
              .put("w", writer + ":" + seq)
              .put("ts", timestamp);
      ObjectNode c =
          change("lw" + writer + "-" + seq + "-" + seed, "update", COLLECTION, recordId, data)
              .put("timestamp", timestamp);
      ApiResponse r = client.push(c);
      assertThat(r.status()).as("seed %d: push %s", seed, r).isEqualTo(200);
      written.incrementAndGet();
    }
    return null;
  }

  private static Set<String> revs(List<JsonNode> changes) {
    Set<String> revs = new HashSet<>();
    changes.forEach(c -> revs.add(c.path("recordId").asText() + " " + c.path("id").asText()));
    return revs;
  }

  private static List<JsonNode> changes(List<SseEvent> events) {
    List<JsonNode> all = new ArrayList<>();
    for (SseEvent e : events) {
      if (e.event().equals("changes")) {
        e.json().path("changes").forEach(all::add);
      }
    }
    return all;
  }

  /** A subscriber: what it pulled before opening the stream, and the stream. */
  private record Subscriber(Replica pulled, Set<String> pulledRevs, SseStream stream) {

    /** The pulled replica with every streamed change applied in order. */
    Map<String, String> state() {
      Map<String, String> view = new HashMap<>(pulled.view());
      List<JsonNode> streamed = changes(stream.events());
      Replica live = new Replica().apply(streamed);
      view.putAll(live.view());
      return new TreeMap<>(view);
    }
  }
}
