package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.examples.priority.PriorityResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server-side resolver from its own jar ({@code examples/resolver-example}, the {@code priority}
 * policy), picked by name in a collection's configuration: its decisions reach clients of both
 * dialects.
 */
class CustomResolverIT extends StackPerClass {

  private static final String SCORES = "scores";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.policy(SCORES, PriorityResolver.NAME);
  }

  @Test
  void shouldLoadTheResolverFromAJarOfItsOwn() {
    // The point of the other tests: the resolver is not part of Tributary's own modules
    String location =
        PriorityResolver.class.getProtectionDomain().getCodeSource().getLocation().toString();

    assertThat(location).contains("tributary-example-resolver").endsWith(".jar");
  }

  @Test
  void shouldReturnALowerPriorityWriteAsAConflictWithTheMasterStateToAChangeFeedClient() {
    // Given a record of priority 5
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    String create = TestIds.changeId();
    String rev =
        PushAnswers.rev(
            client.pushOk(change(create, "create", SCORES, "s1", score("s1", 5, "editor"))),
            create);

    // When a later write of priority 2 arrives
    String lower = TestIds.changeId();
    JsonNode answer =
        client.pushOk(change(lower, "update", SCORES, "s1", score("s1", 2, "viewer")));

    // Then it is a conflict carrying the master state, and the master is unchanged
    assertThat(PushAnswers.listsNaming(answer, lower)).as("answer %s", answer).isEqualTo(1);
    JsonNode conflict =
        PushAnswers.conflict(answer, lower)
            .orElseThrow(() -> new AssertionError("no conflict in " + answer));
    assertThat(conflict.path("remoteRev").asText()).isEqualTo(rev);
    assertThat(conflict.path("remote").path("title").asText()).isEqualTo("editor");
    assertThat(conflict.path("remote").path("priority").asInt()).isEqualTo(5);
    JsonNode pulled = client.pullToEnd(null).latestByRecord().get("s1");
    assertThat(pulled.path("id").asText()).isEqualTo(rev);
    assertThat(pulled.path("data").path("title").asText()).isEqualTo("editor");
  }

  @Test
  void shouldReturnTheMasterStateToAnRxdbPushOfLowerPriority() {
    // Given an RxDB document of priority 5
    RxdbClient client = stack.rxdb(TestIds.tenant(), SCORES);
    ObjectNode v1 = score("d1", 5, "editor");
    assertThat(client.pushOk(row(null, v1))).isEmpty();

    // When an edit of that document lowers its priority to 2
    JsonNode conflicts = client.pushOk(row(v1, score("d1", 2, "viewer")));

    // Then the answer is the master document, which stays current
    assertThat(conflicts).as("push answer").hasSize(1);
    assertThat(conflicts.get(0).path("id").asText()).isEqualTo("d1");
    assertThat(conflicts.get(0).path("title").asText()).isEqualTo("editor");
    assertThat(conflicts.get(0).path("priority").asInt()).isEqualTo(5);
    JsonNode pulled = client.pullToEnd(null, 10).latestById().get("d1");
    assertThat(pulled.path("title").asText()).isEqualTo("editor");
  }

  @Test
  void shouldAcceptAHigherPriorityChangeFeedWriteAndServeItToAnRxdbPull() {
    // Given a record of priority 5 written by a dialect A client
    String tenant = TestIds.tenant();
    ChangeFeedClient feed = stack.changeFeed(tenant);
    String create = TestIds.changeId();
    PushAnswers.rev(
        feed.pushOk(change(create, "create", SCORES, "s1", score("s1", 5, "editor"))), create);

    // When a write of priority 7 with an older timestamp arrives
    String higher = TestIds.changeId();
    JsonNode answer =
        feed.pushOk(
            change(higher, "update", SCORES, "s1", score("s1", 7, "owner"))
                .put("timestamp", System.currentTimeMillis() - 30_000));

    // Then it is accepted, and an RxDB client pulls it
    PushAnswers.rev(answer, higher);
    JsonNode pulled = stack.rxdb(tenant, SCORES).pullToEnd(null, 10).latestById().get("s1");
    assertThat(pulled).as("rxdb pull of s1").isNotNull();
    assertThat(pulled.path("title").asText()).isEqualTo("owner");
    assertThat(pulled.path("priority").asInt()).isEqualTo(7);
  }

  @Test
  void shouldAcceptAHigherPriorityRxdbWriteAndServeItToAChangeFeedPull() {
    // Given an RxDB document of priority 5, edited since this client last saw it
    String tenant = TestIds.tenant();
    RxdbClient rxdb = stack.rxdb(tenant, SCORES);
    ObjectNode v1 = score("d1", 5, "editor");
    ObjectNode v2 = score("d1", 5, "editor again");
    assertThat(rxdb.pushOk(row(null, v1))).isEmpty();
    assertThat(rxdb.pushOk(row(v1, v2))).isEmpty();

    // When an RxDB push from the stale state raises it to priority 7
    JsonNode conflicts = rxdb.pushOk(row(v1, score("d1", 7, "owner")));

    // Then the priority decides, not the stale base: it is accepted, and a dialect A client pulls
    // it
    assertThat(conflicts).as("push answer").isEmpty();
    JsonNode pulled = stack.changeFeed(tenant).pullToEnd(null).latestByRecord().get("d1");
    assertThat(pulled).as("change feed pull of d1").isNotNull();
    assertThat(pulled.path("data").path("title").asText()).isEqualTo("owner");
    assertThat(pulled.path("data").path("priority").asInt()).isEqualTo(7);
  }

  private static ObjectNode score(String id, int priority, String title) {
    return doc(id, Map.of("priority", priority, "title", title));
  }
}
