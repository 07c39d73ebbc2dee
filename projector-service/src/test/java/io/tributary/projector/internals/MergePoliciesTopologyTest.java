package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.FieldMerge;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Outcome.Status;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counters and field-merge through the projector's topology, store and output topics. */
class MergePoliciesTopologyTest {

  @TempDir Path stateDir;

  private static ObjectNode increment(String field, long n) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putObject(field).put("$increment", n);
    return node;
  }

  @Test
  void shouldApplyAnIncrementOnceWhenItsChangeIsPushedTwice() {
    try (DriverFixture projector =
        new DriverFixture(PolicyRegistry.uniform(new LastWriterWins()), stateDir)) {
      // Given a post
      projector.send(Changes.write("t1", "posts", "p", "c0").data("title", "hi"));
      projector.outcomes();

      // When one increment is pushed twice (a retry) and another once
      Changes plusTwo = Changes.write("t1", "posts", "p", "inc-1").json(increment("likes", 2));
      projector.send(plusTwo);
      projector.send(plusTwo.reply("corr-retry", 0));
      projector.send(Changes.write("t1", "posts", "p", "inc-2").json(increment("likes", 3)));

      // Then the retry is answered like the first push, and the stored and emitted counter is 5
      List<KeyValue<String, Outcome>> outcomes = projector.outcomes();
      assertThat(outcomes).extracting(kv -> kv.value.status()).containsOnly(Status.ACCEPTED);
      assertThat(outcomes.get(1).value.rev()).isEqualTo(outcomes.get(0).value.rev());
      assertThat(outcomes.get(1).key).isEqualTo("corr-retry");
      DocumentVersion post = projector.scan("t1", -1, 10).versions().get(0);
      assertThat(post.data().get("likes").isIntegralNumber()).isTrue();
      assertThat(post.data().get("likes").asLong()).isEqualTo(5);
      assertThat(post.data().get("title").asText()).isEqualTo("hi");
      List<KeyValue<String, DocumentVersion>> emitted = projector.documents();
      assertThat(emitted.get(emitted.size() - 1).value.data().get("likes").asLong()).isEqualTo(5);
    }
  }

  @Test
  void shouldKeepEditsOfDifferentFieldsUnderFieldMerge() {
    try (DriverFixture projector =
        new DriverFixture(PolicyRegistry.uniform(new FieldMerge()), stateDir)) {
      // Given a card both clients saw
      ObjectNode seen = Changes.fields("id", "c", "title", "Draft", "done", "no");
      projector.send(Changes.write("t1", "cards", "c", "c0").data("title", "Draft", "done", "no"));

      // When each edits a different field from that state, the later clock arriving first
      projector.send(
          Changes.write("t1", "cards", "c", "alice")
              .data("title", "Final", "done", "no")
              .base(Base.state(seen, false))
              .clock(3000));
      projector.send(
          Changes.write("t1", "cards", "c", "bob")
              .data("title", "Draft", "done", "yes")
              .base(Base.state(seen, false))
              .clock(2000));

      // Then no change is a conflict and the stored card holds both edits, clocks hidden in state
      assertThat(projector.outcomes())
          .extracting(kv -> kv.value.status())
          .containsOnly(Status.ACCEPTED);
      DocumentVersion card = projector.scan("t1", -1, 10).versions().get(0);
      assertThat(card.data()).isEqualTo(Changes.fields("id", "c", "title", "Final", "done", "yes"));
      assertThat(card.fieldStamps().fields()).containsKeys("title", "done");
    }
  }
}
