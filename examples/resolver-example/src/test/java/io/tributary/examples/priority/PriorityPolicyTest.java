package io.tributary.examples.priority;

import static io.tributary.examples.priority.Fixtures.delete;
import static io.tributary.examples.priority.Fixtures.fields;
import static io.tributary.examples.priority.Fixtures.live;
import static io.tributary.examples.priority.Fixtures.tombstone;
import static io.tributary.examples.priority.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.merge.Decision;
import io.tributary.protocol.model.DocumentVersion;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriorityPolicyTest {

  private final PriorityPolicy policy = new PriorityPolicy(PriorityPolicy.DEFAULT_FIELD, Set.of());

  @Test
  void shouldWriteTheFirstVersionOfADocument() {
    // Given no document, When a write arrives
    ObjectNode data = fields(1, "first");
    Decision decision = policy.decide(null, write("c1", 100, data));

    // Then it is written as it came
    assertThat(decision).isEqualTo(new Decision.Write(data, false));
  }

  @Test
  void shouldRefuseAWriteOfLowerPriorityAsAConflict() {
    // Given a document of priority 5
    DocumentVersion current = live("c1", 100, fields(5, "boss"));

    // When a later write of priority 2 arrives
    Decision decision = policy.decide(current, write("c2", 200, fields(2, "intern")));

    // Then the client must resolve it
    assertThat(decision).isEqualTo(new Decision.Conflict());
  }

  @Test
  void shouldWriteAHigherPriorityEvenWithAnEarlierTimestamp() {
    // Given a document of priority 2
    DocumentVersion current = live("c1", 200, fields(2, "intern"));

    // When a write of priority 5 with an older timestamp arrives
    ObjectNode data = fields(5, "boss");
    Decision decision = policy.decide(current, write("c2", 100, data));

    // Then it replaces the document
    assertThat(decision).isEqualTo(new Decision.Write(data, false));
  }

  @Test
  void shouldLetTheLaterWriteWinBetweenEqualPriorities() {
    DocumentVersion current = live("c1", 100, fields(3, "first"));
    ObjectNode later = fields(3, "later");

    assertThat(policy.decide(current, write("c2", 200, later)))
        .isEqualTo(new Decision.Write(later, false));
    assertThat(policy.decide(current, write("c0", 50, fields(3, "earlier"))))
        .isEqualTo(new Decision.Superseded());
  }

  @Test
  void shouldCompareDecimalPrioritiesExactly() {
    DocumentVersion current =
        live("c1", 100, JsonNodeFactory.instance.objectNode().put("priority", 1.5));

    assertThat(
            policy.decide(
                current,
                write("c2", 200, JsonNodeFactory.instance.objectNode().put("priority", 1))))
        .isEqualTo(new Decision.Conflict());
  }

  @Test
  void shouldCountAMissingOrNonNumericPriorityAsZero() {
    // Given a document of priority 1
    DocumentVersion current = live("c1", 100, fields(1, "ranked"));

    // When writes without a usable priority arrive, Then they rank below it
    ObjectNode missing = JsonNodeFactory.instance.objectNode().put("title", "unranked");
    ObjectNode text = JsonNodeFactory.instance.objectNode().put("priority", "9");
    assertThat(policy.decide(current, write("c2", 200, missing)))
        .isEqualTo(new Decision.Conflict());
    assertThat(policy.decide(current, write("c3", 200, text))).isEqualTo(new Decision.Conflict());
  }

  @Test
  void shouldLetADeleteWinOverAnyPriority() {
    // Given a document of the highest priority
    DocumentVersion current = live("c1", 200, fields(Long.MAX_VALUE, "top"));

    // When an older delete arrives
    Decision decision = policy.decide(current, delete("c2", 100));

    // Then the document becomes a tombstone
    assertThat(decision).isEqualTo(new Decision.Write(JsonNodeFactory.instance.objectNode(), true));
  }

  @Test
  void shouldRecreateADeletedDocumentWhateverThePriority() {
    DocumentVersion current = tombstone("c1", 200);
    ObjectNode data = fields(-1, "again");

    assertThat(policy.decide(current, write("c2", 100, data)))
        .isEqualTo(new Decision.Write(data, false));
  }

  @Test
  void shouldReadThePriorityFromTheConfiguredField() {
    PriorityPolicy byRank = new PriorityPolicy("rank", Set.of());
    DocumentVersion current =
        live("c1", 100, JsonNodeFactory.instance.objectNode().put("rank", 4).put("priority", 0));

    assertThat(
            byRank.decide(
                current,
                write(
                    "c2",
                    200,
                    JsonNodeFactory.instance.objectNode().put("rank", 3).put("priority", 9))))
        .isEqualTo(new Decision.Conflict());
  }
}
