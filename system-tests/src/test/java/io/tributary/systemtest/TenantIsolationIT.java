package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One tenant never reads another's data, by pull, by stream or with the other's cursor. */
class TenantIsolationIT extends StackPerClass {

  private static final String COLLECTION = "todos";

  @Test
  void shouldNeverShowOneTenantsDocumentsToAnotherByPull() {
    // Given tenant X wrote documents, one with an id tenant Y also uses
    String tenantY = TestIds.tenant();
    ChangeFeedClient x = stack.changeFeed(TestIds.tenant());
    ChangeFeedClient y = stack.changeFeed(tenantY);
    x.pushOk(
        change(TestIds.changeId(), "create", COLLECTION, "shared-id", doc("shared-id", "of x")));
    x.pushOk(change(TestIds.changeId(), "create", COLLECTION, "x-only", doc("x-only", "of x")));

    // When Y writes the same id and pulls in both dialects
    y.pushOk(
        change(TestIds.changeId(), "create", COLLECTION, "shared-id", doc("shared-id", "of y")));
    ChangeFeedClient.Page yFeed = y.pullToEnd(null);
    RxdbClient.Page yRx = stack.rxdb(tenantY, COLLECTION).pullToEnd(null, 10);

    // Then Y sees only its own document, and X's is untouched
    assertThat(yFeed.latestByRecord()).containsOnlyKeys("shared-id");
    assertThat(yFeed.latestByRecord().get("shared-id").path("data").path("title").asText())
        .isEqualTo("of y");
    assertThat(yRx.latestById()).containsOnlyKeys("shared-id");
    assertThat(yRx.latestById().get("shared-id").path("title").asText()).isEqualTo("of y");
    assertThat(
            x.pullToEnd(null).latestByRecord().get("shared-id").path("data").path("title").asText())
        .isEqualTo("of x");
  }

  @Test
  void shouldNeverStreamOneTenantsWritesToAnother() {
    // Given tenant Y subscribed to the live stream in both dialects
    String tenantX = TestIds.tenant();
    String tenantY = TestIds.tenant();
    ChangeFeedClient y = stack.changeFeed(tenantY);
    try (SseStream yFeed = y.stream(null);
        SseStream yRx = stack.rxdb(tenantY, COLLECTION).pullStream(null)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> yFeed.statusOrNull() != null && yRx.statusOrNull() != null);

      // When X writes, then Y writes a marker
      stack
          .changeFeed(tenantX)
          .pushOk(change(TestIds.changeId(), "create", COLLECTION, "x-doc", doc("x-doc", "of x")));
      assertThat(stack.rxdb(tenantX, COLLECTION).pushOk(row(null, doc("x-rx", "of x")))).isEmpty();
      y.pushOk(
          change(TestIds.changeId(), "create", COLLECTION, "y-marker", doc("y-marker", "of y")));

      // Then Y's streams deliver its marker and nothing of X
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  yFeed.events().toString().contains("y-marker")
                      && yRx.events().toString().contains("y-marker"));
      assertThat(yFeed.events().toString())
          .doesNotContain("x-doc")
          .doesNotContain("x-rx")
          .doesNotContain("of x");
      assertThat(yRx.events().toString())
          .doesNotContain("x-doc")
          .doesNotContain("x-rx")
          .doesNotContain("of x");
    }
  }

  @Test
  void shouldRefuseAnotherTenantsCursorWithBadRequest() {
    // Given a cursor tenant X got from a pull
    ChangeFeedClient x = stack.changeFeed(TestIds.tenant());
    x.pushOk(change(TestIds.changeId(), "create", COLLECTION, "r1", doc("r1", "of x")));
    String xCursor = x.pullToEnd(null).cursor();
    String xRxCursor = stack.rxdb(TestIds.tenant(), COLLECTION).pullToEnd(null, 10).cursor();

    // When tenant Y presents it
    String tenantY = TestIds.tenant();
    ApiResponse feed = stack.changeFeed(tenantY).pull(xCursor, 10);
    ApiResponse rx = stack.rxdb(tenantY, COLLECTION).pull(xRxCursor, 10);

    // Then it is refused as a malformed cursor with an error body
    assertThat(feed.status()).as("%s", feed).isEqualTo(400);
    assertThat(feed.errorCode()).as("%s", feed).isNotBlank();
    assertThat(feed.body()).doesNotContain("of x");
    assertThat(rx.status()).as("%s", rx).isEqualTo(400);
    assertThat(rx.errorCode()).as("%s", rx).isNotBlank();
  }
}
