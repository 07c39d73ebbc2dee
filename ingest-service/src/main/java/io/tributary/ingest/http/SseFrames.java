package io.tributary.ingest.http;

/**
 * Server-sent event framing (the WHATWG {@code text/event-stream} format). A pure function: each
 * line of the data becomes its own {@code data:} line, and every event ends with a blank line.
 */
public final class SseFrames {

  private SseFrames() {}

  /** An event with a name ({@code event:} line) and data. */
  public static String event(String name, String data) {
    return "event: " + singleLine(name) + '\n' + dataLines(data) + '\n';
  }

  /** An unnamed event (a {@code message} event for the browser's EventSource). */
  public static String data(String data) {
    return dataLines(data) + '\n';
  }

  /** A comment, ignored by clients: keeps proxies from closing an idle stream. */
  public static String comment(String text) {
    return ": " + singleLine(text) + "\n\n";
  }

  private static String dataLines(String data) {
    StringBuilder out = new StringBuilder(data.length() + 8);
    for (String line : data.split("\r\n|\r|\n", -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.toString();
  }

  private static String singleLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
