package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Counters never lose an increment and never count one twice: 20 clients incrementing one counter
 * 50 times each end at exactly 1000, also when every push is sent twice.
 */
class CountersIT extends StackPerClass {

  private static final int CLIENTS = 20;
  private static final int INCREMENTS = 50;

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.ingests(2).policy("tasks", "client-resolves");
  }

  @Test
  void shouldCountEveryIncrementOfTwentyConcurrentClientsExactlyOnce() throws Exception {
    assertCountsTo(1000, false, "posts");
  }

  @Test
  void shouldCountEveryIncrementOnceWhenEveryPushIsSentTwice() throws Exception {
    assertCountsTo(1000, true, "posts");
  }

  @Test
  void shouldCountUnderClientResolvesWithoutConflicts() throws Exception {
    assertCountsTo(1000, false, "tasks");
  }

  @Test
  void shouldAcceptIncrementsFromRxdbClientsAndPullPlainNumbers() {
    // Given an RxDB document
    String tenant = TestIds.tenant();
    RxdbClient rxdb = stack.rxdb(tenant, "posts");
    ObjectNode post = doc("p1", Map.of("title", "Hello", "likes", 0));
    assertThat(rxdb.pushOk(row(null, post))).isEmpty();

    // When two rows increment the counter by 2 and 3 from a stale state
    assertThat(rxdb.pushOk(row(post, withIncrement(post, 2)))).isEmpty();
    assertThat(rxdb.pushOk(row(post, withIncrement(post, 3)))).isEmpty();

    // Then the pull shows the plain sum
    JsonNode pulled = rxdb.pullToEnd(null, 10).latestById().get("p1");
    assertThat(pulled.path("likes").isNumber()).isTrue();
    assertThat(pulled.path("likes").asLong()).isEqualTo(5);
    assertThat(pulled.path("title").asText()).isEqualTo("Hello");
  }

  private void assertCountsTo(long expected, boolean sendTwice, String collection)
      throws Exception {
    // Given a post with a title, and twenty clients of one tenant spread over two API instances
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);
    String recordId = "post-" + TestIds.shortId();
    new ChangeFeedClient(stack.api(0), token)
        .pushOk(change(TestIds.changeId(), "create", collection, recordId, doc(recordId, "Hi")));
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      // When each client increments the likes 50 times (each push sent twice if asked)
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        ChangeFeedClient client = new ChangeFeedClient(stack.api(c % 2), token);
        clients.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < INCREMENTS; i++) {
                    ObjectNode increment =
                        change(TestIds.changeId(), "update", collection, recordId, likesPlusOne());
                    assertAccepted(client.pushOk(increment));
                    if (sendTwice) {
                      assertAccepted(client.pushOk(increment));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : clients) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // Then the counter is exactly 1000, a plain number, and the title is untouched
    JsonNode post =
        new ChangeFeedClient(stack.api(1), token)
            .pullToEnd(null)
            .latestByRecord()
            .get(recordId)
            .path("data");
    assertThat(post.path("likes").isIntegralNumber()).as("likes in %s", post).isTrue();
    assertThat(post.path("likes").asLong()).isEqualTo(expected);
    assertThat(post.path("title").asText()).isEqualTo("Hi");
  }

  private static void assertAccepted(JsonNode answer) {
    assertThat(answer.path("accepted")).as("answer %s", answer).hasSize(1);
  }

  private static ObjectNode likesPlusOne() {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.putObject("likes").put("$increment", 1);
    return data;
  }

  private static ObjectNode withIncrement(ObjectNode doc, int n) {
    ObjectNode copy = doc.deepCopy();
    copy.putObject("likes").put("$increment", n);
    return copy;
  }
}
