package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.merge.Decision;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Outcome.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Poison changes are set aside, counted, and processing goes on. */
class DeadLetterTest {

  @TempDir Path stateDir;

  private final List<String> deadLettered = new ArrayList<>();
  private final ProcessedChanges counting =
      new ProcessedChanges() {
        @Override
        public void processed(Outcome.Status status, String policy) {}

        @Override
        public void deadLettered(String reason) {
          deadLettered.add(reason);
        }
      };

  @Test
  void shouldCopyAnUndecodableRecordToTheDeadLetterTopicAndGoOn() {
    PolicyRegistry lww = PolicyRegistry.uniform(new LastWriterWins());
    try (DriverFixture projector = new DriverFixture(lww, stateDir, counting)) {
      projector.sendRaw(
          "t1/todos/a".getBytes(StandardCharsets.UTF_8),
          "{not json".getBytes(StandardCharsets.UTF_8));
      projector.send(Changes.write("t1", "todos", "b", "c1"));

      List<TestRecord<byte[], byte[]>> dead = projector.rawRecords(DriverFixture.DEAD_LETTERS);
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
      assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("t1/todos/a");
      assertThat(header(dead.get(0), SkipUndecodableRecords.REASON_HEADER))
          .isEqualTo("undecodable");
      assertThat(header(dead.get(0), SkipUndecodableRecords.SOURCE_HEADER))
          .startsWith(DriverFixture.PREFIX + "changes-0@");
      assertThat(deadLettered).containsExactly("undecodable");
      assertThat(projector.outcomes())
          .singleElement()
          .satisfies(kv -> assertThat(kv.value.status()).isEqualTo(Status.ACCEPTED));
    }
  }

  @Test
  void shouldRejectAChangeWhosePolicyThrowsAndGoOn() {
    ConflictPolicy lww = new LastWriterWins();
    // A resolver with a bug: it throws on collection "broken"
    ConflictPolicy buggy =
        new ConflictPolicy() {
          @Override
          public String name() {
            return "buggy";
          }

          @Override
          public Decision decide(DocumentVersion current, ChangeRecord change) {
            if (change.collection().equals("broken")) {
              throw new IllegalStateException("this resolver is broken");
            }
            return lww.decide(current, change);
          }
        };
    PolicyRegistry policies = PolicyRegistry.uniform(buggy);
    try (DriverFixture projector = new DriverFixture(policies, stateDir, counting)) {
      projector.send(Changes.write("t1", "broken", "a", "c1").data("v", "1"));
      projector.send(Changes.write("t1", "todos", "b", "c2").data("v", "2"));

      List<KeyValue<String, Outcome>> outcomes = projector.outcomes();
      assertThat(outcomes).hasSize(2);
      Outcome rejected = outcomes.get(0).value;
      assertThat(rejected.status()).isEqualTo(Status.REJECTED);
      assertThat(rejected.errorCode()).isEqualTo("resolver_failed");
      assertThat(rejected.message()).doesNotContain("\"v\"");
      assertThat(outcomes.get(1).value.status()).isEqualTo(Status.ACCEPTED);
      assertThat(projector.scan("t1", -1, 10).versions())
          .extracting(DocumentVersion::id)
          .containsExactly("b");
      assertThat(deadLettered).containsExactly("resolver_failed");

      // the same change id pushed again is answered the same, not applied
      projector.send(Changes.write("t1", "broken", "a", "c1").data("v", "1"));
      assertThat(projector.outcomes().get(0).value.errorCode()).isEqualTo("resolver_failed");
    }
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
