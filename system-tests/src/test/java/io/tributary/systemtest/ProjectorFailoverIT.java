package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two projector instances share the partitions; pulls reach each partition's owner, and stay
 * correct when one instance leaves and its partitions move (503 with Retry-After while they move,
 * never a wrong answer).
 */
class ProjectorFailoverIT extends StackPerClass {

  private static final String COLLECTION = "todos";
  private static final int RECORDS = 24;

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.projectors(2);
  }

  @Test
  void shouldServeEveryDocumentAtItsLatestVersionFromOwnersBeforeAndAfterOneProjectorLeaves() {
    // Given both projectors own partitions, and records spread over all partitions
    await("both projectors own partitions")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> new HashSet<>(owners().values()).size() == 2);
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    List<String> ids = IntStream.range(0, RECORDS).mapToObj(i -> "rec-" + i).toList();
    writeAll(client, ids, "v1");
    assertAllAt(client.pullToEnd(null), ids, "v1");
    writeAll(client, ids, "v2");

    // When one projector closes and its partitions move to the other
    stack.closeProjector(0);

    // Then pulls answer 503 with Retry-After at most while moving, then every record at v2
    List<ApiResponse> refusals = new CopyOnWriteArrayList<>();
    await("every record pullable after failover")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertAllAt(pullRecordingRefusals(client, refusals), ids, "v2"));
    assertThat(refusals)
        .allSatisfy(
            r -> {
              assertThat(r.status()).as("%s", r).isEqualTo(503);
              assertThat(r.header("Retry-After")).as("Retry-After on %s", r).isPresent();
            });
    // and writes after the move land and are pulled too
    writeAll(client, ids, "v3");
    assertAllAt(client.pullToEnd(null), ids, "v3");
    assertThat(owners().values()).containsOnly(stack.projector(1).queryEndpoint());
  }

  private static ChangeFeedClient.Page pullRecordingRefusals(
      ChangeFeedClient client, List<ApiResponse> refusals) {
    try {
      return client.pullToEnd(null);
    } catch (ChangeFeedClient.PullFailed e) {
      refusals.add(e.response());
      throw new AssertionError("pull refused: " + e.response());
    }
  }

  /** Writes {@code title} to every record, retrying a 503/504 with the same change id. */
  private static void writeAll(ChangeFeedClient client, List<String> ids, String title) {
    ObjectNode[] changes =
        ids.stream()
            .map(id -> change(TestIds.changeId(), "update", COLLECTION, id, doc(id, title)))
            .toArray(ObjectNode[]::new);
    await("write " + title)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              ApiResponse r = client.push(changes);
              if (r.status() == 503 || r.status() == 504) {
                return false;
              }
              assertThat(r.status()).as("%s", r).isEqualTo(200);
              assertThat(r.json().path("accepted")).as("%s", r).hasSize(ids.size());
              return true;
            });
  }

  private static void assertAllAt(ChangeFeedClient.Page page, List<String> ids, String title) {
    Map<String, JsonNode> latest = page.latestByRecord();
    assertThat(latest).containsOnlyKeys(ids);
    assertThat(latest.values())
        .allSatisfy(c -> assertThat(c.path("data").path("title").asText()).isEqualTo(title));
    Set<String> seen = new HashSet<>();
    page.changes()
        .forEach(
            c ->
                assertThat(seen.add(c.path("recordId").asText() + c.path("id").asText())).isTrue());
  }

  /** Partition → owner endpoint, from any live projector's internal endpoint. */
  private Map<Integer, String> owners() {
    for (int i = stack.projectorCount() - 1; i >= 0; i--) {
      try {
        Api internal = new Api(URI.create("http://" + stack.projector(i).queryEndpoint()));
        ApiResponse r = internal.get("/internal/v1/owners", null);
        if (r.status() == 200) {
          Map<Integer, String> owners = new TreeMap<>();
          r.json()
              .path("owners")
              .properties()
              .forEach(e -> owners.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
          return owners;
        }
      } catch (RuntimeException e) {
        // that instance is gone: ask the next one
      }
    }
    throw new AssertionError("no projector answered /internal/v1/owners");
  }
}
