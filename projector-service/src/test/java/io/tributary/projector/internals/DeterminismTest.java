package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.topic.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void shouldProduceByteIdenticalOutputWhenTheSameInputIsProcessedTwice() {
    // Given the same mixed input for two fresh projectors
    List<Changes> input =
        List.of(
            Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(3000),
            Changes.write("t1", "todos", "a", "c2").data("v", "2").clock(1000),
            Changes.write("t1", "notes", "n", "c3").data("text", "x").clock(2000),
            Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(3000).reply("again", 1),
            Changes.write("t2", "todos", "a", "c4").base(Base.rev("zz")).clock(4000),
            Changes.write("t1", "todos", "a", "c5").delete().clock(5000));

    // When each processes it
    List<List<KeyValue<byte[], byte[]>>> a = run(first, input);
    List<List<KeyValue<byte[], byte[]>>> b = run(second, input);

    // Then both topics got the same bytes in the same order
    assertThat(a.get(0)).isNotEmpty();
    assertThat(a.get(1)).isNotEmpty();
    for (int topic = 0; topic < 2; topic++) {
      assertThat(a.get(topic)).hasSameSizeAs(b.get(topic));
      for (int i = 0; i < a.get(topic).size(); i++) {
        assertThat(a.get(topic).get(i).key).isEqualTo(b.get(topic).get(i).key);
        assertThat(a.get(topic).get(i).value).isEqualTo(b.get(topic).get(i).value);
      }
    }
  }

  private static List<List<KeyValue<byte[], byte[]>>> run(Path dir, List<Changes> input) {
    try (DriverFixture projector =
        new DriverFixture(PolicyRegistry.uniform(new LastWriterWins()), dir)) {
      input.forEach(projector::send);
      List<List<KeyValue<byte[], byte[]>>> out = new ArrayList<>();
      out.add(projector.rawOutput(Topics.OUTCOMES.name(DriverFixture.PREFIX)));
      out.add(projector.rawOutput(Topics.DOCUMENTS.name(DriverFixture.PREFIX)));
      return out;
    }
  }
}
