package io.tributary.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseFramesTest {

  @Test
  void shouldFrameNamedEventWithBlankLineTerminator() {
    assertThat(SseFrames.event("changes", "{\"a\":1}"))
        .isEqualTo("event: changes\ndata: {\"a\":1}\n\n");
  }

  @Test
  void shouldSplitMultiLineDataIntoSeveralDataLines() {
    assertThat(SseFrames.data("one\ntwo\r\nthree"))
        .isEqualTo("data: one\ndata: two\ndata: three\n\n");
  }

  @Test
  void shouldWriteCommentsThatCannotBreakTheStream() {
    assertThat(SseFrames.comment("heart\nbeat")).isEqualTo(": heart beat\n\n");
  }
}
