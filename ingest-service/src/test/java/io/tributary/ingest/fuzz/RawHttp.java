package io.tributary.ingest.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare HTTP/1.1 client over a socket, so the fuzzer can send what well-behaved clients refuse to
 * (raw bytes in paths and headers, invalid UTF-8, duplicate headers). One request per connection
 * ({@code Connection: close}). Every read is bounded: a server that does not answer in time is a
 * {@link Hang}.
 */
final class RawHttp {

  /** The server did not answer (or finish answering) within the time limit. */
  static final class Hang extends Exception {
    Hang(String what) {
      super(what);
    }
  }

  /**
   * An answer. For a server-sent event stream, {@code body} holds what arrived up to the end of the
   * first event; the client then hangs up.
   */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    boolean isEventStream() {
      String type = header("content-type");
      return type != null && type.startsWith("text/event-stream");
    }
  }

  private final int port;
  private final int timeoutMs;

  RawHttp(int port, int timeoutMs) {
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  /**
   * @param target the request target as raw bytes (path and query, sent as given)
   * @param headers header lines without line ends; {@code Host} and {@code Connection} are added
   */
  Response send(String method, byte[] target, List<byte[]> headers, byte[] body)
      throws IOException, Hang {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
    head.write(' ');
    head.writeBytes(target);
    head.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes());
    for (byte[] h : headers) {
      head.writeBytes(h);
      head.writeBytes("\r\n".getBytes());
    }
    if (body != null) {
      head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes());
    }
    head.writeBytes("\r\n".getBytes());
    return sendRaw(head.toByteArray(), body);
  }

  /**
   * Sends {@code head} as it is (request line, header lines and the blank line, or any bytes at
   * all) then {@code body}, and reads the answer.
   */
  Response sendRaw(byte[] head, byte[] body) throws IOException, Hang {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head);
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // The server may answer (413) and hang up before reading the whole body: read its answer.
      }
      return read(socket.getInputStream(), deadline);
    } catch (SocketTimeoutException e) {
      throw new Hang("no complete answer within " + timeoutMs + " ms");
    }
  }

  private Response read(InputStream in, long deadline) throws IOException, Hang {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int headEnd = -1;
    Response partial = null;
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new Hang("the answer did not end within " + timeoutMs + " ms");
      }
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      all.write(buf, 0, n);
      byte[] bytes = all.toByteArray();
      while (headEnd < 0) {
        headEnd = indexOf(bytes, "\r\n\r\n".getBytes(), 0);
        if (headEnd >= 0 && bytes.length > 9 && bytes[9] == '1') {
          // An interim answer (100 Continue): drop it and look for the real one.
          bytes = slice(bytes, headEnd + 4);
          all.reset();
          all.writeBytes(bytes);
          headEnd = -1;
        } else {
          if (headEnd >= 0) {
            partial = parseHead(new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1));
          }
          break;
        }
      }
      if (partial != null && partial.isEventStream()) {
        byte[] body = body(partial, slice(bytes, headEnd + 4));
        if (indexOf(body, "\n\n".getBytes(), 0) >= 0) {
          return new Response(partial.status(), partial.headers(), body);
        }
      }
    }
    if (partial == null) {
      throw new IOException("the connection closed before a complete status and headers");
    }
    byte[] bytes = all.toByteArray();
    return new Response(
        partial.status(), partial.headers(), body(partial, slice(bytes, headEnd + 4)));
  }

  private static Response parseHead(String head) throws IOException {
    String[] lines = head.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP status line: " + lines[0]);
    }
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Response(Integer.parseInt(status[1]), headers, new byte[0]);
  }

  /** The body, de-chunked when the answer is chunked (a chunk cut short is kept as far as read). */
  private static byte[] body(Response head, byte[] raw) {
    if (!"chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < raw.length) {
      int lineEnd = indexOf(raw, "\r\n".getBytes(), at);
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0];
      int size = Integer.parseInt(sizeText.trim(), 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      int end = Math.min(raw.length, start + size);
      out.write(raw, start, end - start);
      at = end + 2;
    }
    return out.toByteArray();
  }

  private static byte[] slice(byte[] bytes, int from) {
    byte[] out = new byte[bytes.length - from];
    System.arraycopy(bytes, from, out, 0, out.length);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
