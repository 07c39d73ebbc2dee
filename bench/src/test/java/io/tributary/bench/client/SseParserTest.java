package io.tributary.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private final List<String> events = new ArrayList<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final SseParser parser =
      new SseParser((e, d) -> events.add(e + "=" + d), comments::incrementAndGet);

  private void feed(String s) {
    parser.feed(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldDispatchEventsAndCountComments() {
    feed(": connected\n\nevent: changes\ndata: {\"a\":1}\n\n: heartbeat\n\n");

    assertThat(events).containsExactly("changes={\"a\":1}");
    assertThat(comments).hasValue(2);
  }

  @Test
  void shouldJoinLinesSplitAcrossChunksIncludingMultiByteCharacters() {
    byte[] all = "event: changes\r\ndata: é\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : all) {
      parser.feed(new byte[] {b});
    }

    assertThat(events).containsExactly("changes=é");
  }

  @Test
  void shouldJoinMultipleDataLinesAndDefaultTheEventName() {
    feed("data: one\ndata: two\n\n");

    assertThat(events).containsExactly("message=one\ntwo");
  }

  @Test
  void shouldIgnoreABlankLineWithoutData() {
    feed("event: changes\n\n");

    assertThat(events).isEmpty();
  }
}
