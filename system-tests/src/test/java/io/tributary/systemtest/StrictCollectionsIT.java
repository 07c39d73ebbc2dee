package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Strict mode: only configured collections exist. Others are answered 404 {@code
 * unknown_collection} by dialect B's endpoints and by pulls naming them, and per item by dialect
 * A's push, whose other items go through.
 */
class StrictCollectionsIT extends StackPerClass {

  private static final String KNOWN = "todos";
  private static final String UNKNOWN = "scratch";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    // The collections JSON configures "todos" (as TRIBUTARY_COLLECTIONS would)
    String collections = "{\"" + KNOWN + "\": {\"policy\": \"lww\"}}";
    return builder
        .ingestSetting("collections.strict", "true")
        .ingestSetting("collections", collections)
        .projectorSetting("collections.strict", "true")
        .projectorSetting("collections", collections);
  }

  @Test
  void shouldRefuseAnUnknownCollectionPerItemAndAcceptTheRestOfTheDialectABatch() {
    // Given a batch with a change to a configured and to an unconfigured collection
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    String known = TestIds.changeId();
    String unknown = TestIds.changeId();

    // When it is pushed
    JsonNode answer =
        client.pushOk(
            change(known, "create", KNOWN, "r1", doc("r1", "kept")),
            change(unknown, "create", UNKNOWN, "r2", doc("r2", "refused")));

    // Then the first is accepted, the second is an unknown_collection error, and only the first
    // is written
    assertThat(PushAnswers.accepted(answer, known)).isPresent();
    assertThat(PushAnswers.error(answer, unknown).orElseThrow().path("code").asText())
        .isEqualTo("unknown_collection");
    assertThat(client.pullToEnd(null).latestByRecord()).containsOnlyKeys("r1");
  }

  @Test
  void shouldAnswer404ToADialectAPullNamingAnUnknownCollection() {
    // Given a tenant's token
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);

    // When it pulls a configured and an unconfigured collection
    ApiResponse r =
        stack
            .api()
            .postJson("/v1/sync/pull", token, Map.of("collections", List.of(KNOWN, UNKNOWN)));
    ApiResponse ok =
        stack.api().postJson("/v1/sync/pull", token, Map.of("collections", List.of(KNOWN)));

    // Then 404 unknown_collection, while the configured collection alone pulls fine
    assertThat(r.status()).as("pull %s", r).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("unknown_collection");
    assertThat(ok.status()).as("pull %s", ok).isEqualTo(200);
  }

  @Test
  void shouldAnswer404ToEveryDialectBEndpointOfAnUnknownCollection() {
    // Given a tenant's RxDB clients of a configured and an unconfigured collection
    String tenant = TestIds.tenant();
    RxdbClient unknown = stack.rxdb(tenant, UNKNOWN);
    RxdbClient known = stack.rxdb(tenant, KNOWN);

    // When the unconfigured one pushes, pulls and opens its stream
    ApiResponse push = unknown.push(row(null, doc("x1", "refused")));
    ApiResponse pull = unknown.pull(null, 10);
    ApiResponse stream =
        stack.api().get("/v1/rxdb/" + UNKNOWN + "/pullStream", stack.tokens().readWrite(tenant));

    // Then each is a 404 unknown_collection, and the configured collection still works
    for (ApiResponse r : List.of(push, pull, stream)) {
      assertThat(r.status()).as("answer %s", r).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("unknown_collection");
    }
    assertThat(known.pushOk(row(null, doc("k1", "kept")))).isEmpty();
    assertThat(known.pullToEnd(null, 10).latestById()).containsOnlyKeys("k1");
  }
}
