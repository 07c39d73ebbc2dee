package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A collection's {@code timestampField} is set by the server to its receive time on every write,
 * whatever the client sent, in both dialects; and under {@code client-resolves} it is left out when
 * an RxDB client's assumed master state is compared with the current document.
 */
class TimestampFieldIT extends StackPerClass {

  private static final String NOTES = "notes";
  private static final String FIELD = "updatedAt";
  private static final long CLIENT_TIME = 1_000L;

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    String key = "collection." + NOTES + ".timestamp.field";
    return builder
        .policy(NOTES, "client-resolves")
        .ingestSetting(key, FIELD)
        .projectorSetting(key, FIELD);
  }

  @Test
  void shouldOverwriteTheTimestampFieldWithTheServerTimeInDialectA() {
    // Given a client that sends its own, old updatedAt
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    long before = System.currentTimeMillis();

    // When it creates a note
    String id = TestIds.changeId();
    JsonNode answer =
        client.pushOk(
            change(id, "create", NOTES, "n1", doc("n1", Map.of("title", "a", FIELD, CLIENT_TIME))));

    // Then the stored note carries the server's time, not the client's
    assertThat(PushAnswers.accepted(answer, id)).isPresent();
    long stored =
        client.pullToEnd(null).latestByRecord().get("n1").path("data").path(FIELD).asLong();
    assertThat(stored).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
  }

  @Test
  void shouldOverwriteTheTimestampFieldAndIgnoreItInTheAssumedStateInDialectB() {
    // Given an RxDB client that created a note with its own updatedAt
    String tenant = TestIds.tenant();
    RxdbClient rx = stack.rxdb(tenant, NOTES);
    long before = System.currentTimeMillis();
    ObjectNode created = doc("n1", Map.of("title", "first", FIELD, CLIENT_TIME));
    assertThat(rx.pushOk(row(null, created))).isEmpty();

    // When it updates the note assuming the master state is what it sent (its own updatedAt)
    ObjectNode updated = doc("n1", Map.of("title", "second", FIELD, CLIENT_TIME));
    JsonNode conflicts = rx.pushOk(row(created, updated));

    // Then there is no conflict, and the stored note has the new title and the server's time
    assertThat(conflicts).isEmpty();
    JsonNode stored = rx.pullToEnd(null, 100).latestById().get("n1");
    assertThat(stored.path("title").asText()).isEqualTo("second");
    assertThat(stored.path(FIELD).asLong())
        .isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
  }

  @Test
  void shouldStillReportAConflictWhenAnotherFieldOfTheAssumedStateDiffers() {
    // Given a stored note
    String tenant = TestIds.tenant();
    RxdbClient rx = stack.rxdb(tenant, NOTES);
    assertThat(rx.pushOk(row(null, doc("n2", Map.of("title", "first"))))).isEmpty();

    // When a client assumes another title
    JsonNode conflicts =
        rx.pushOk(row(doc("n2", Map.of("title", "stale")), doc("n2", Map.of("title", "mine"))));

    // Then it gets the master document, with the server's timestamp
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.at("/0/title").asText()).isEqualTo("first");
    assertThat(conflicts.at("/0/" + FIELD).asLong()).isGreaterThan(CLIENT_TIME);
  }
}
