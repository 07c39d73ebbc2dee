package io.tributary.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Splits a server-sent event stream into events and comments, whatever the chunk boundaries. Not
 * thread-safe: feed it from one thread (a connection's event loop).
 */
public final class SseParser {

  private final BiConsumer<String, String> onEvent;
  private final Runnable onComment;
  private byte[] pending = new byte[0];
  private String event = "message";
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  /**
   * @param onEvent receives (event name, data) of each dispatched event
   * @param onComment runs for each comment line (heartbeats are comments)
   */
  public SseParser(BiConsumer<String, String> onEvent, Runnable onComment) {
    this.onEvent = onEvent;
    this.onComment = onComment;
  }

  /** Feeds the next bytes of the stream; a line split across chunks waits for its end. */
  public void feed(byte[] chunk) {
    // '\n' never occurs inside a multi-byte UTF-8 sequence, so lines can be cut on bytes.
    byte[] all = Arrays.copyOf(pending, pending.length + chunk.length);
    System.arraycopy(chunk, 0, all, pending.length, chunk.length);
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
        line(new String(all, start, end - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    pending = Arrays.copyOfRange(all, start, all.length);
  }

  private void line(String line) {
    if (line.isEmpty()) {
      if (hasData) {
        onEvent.accept(event, data.toString());
      }
      event = "message";
      data.setLength(0);
      hasData = false;
    } else if (line.startsWith(":")) {
      onComment.run();
    } else {
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        event = value;
      } else if (field.equals("data")) {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
    }
  }
}
