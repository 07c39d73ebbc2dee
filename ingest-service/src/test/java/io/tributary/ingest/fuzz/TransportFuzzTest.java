package io.tributary.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing of what comes before a handler: methods a route does not accept (405 {@code
 * method_not_allowed}), request lines and header blocks too long for the HTTP codec (414 and 431)
 * and request heads it cannot read (400). Every answer has the JSON error body (a HEAD's has none),
 * within {@link EndpointFuzzTest#TIMEOUT_MS}, and writes nothing. Same tries as {@link
 * EndpointFuzzTest}: 200 per property, 10,000 with {@code -Dfuzz.long=true}.
 */
class TransportFuzzTest {

  /** Every route of the public API and the methods it accepts. */
  static final Map<String, Set<String>> ROUTES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("/v1/sync", Set.of("HEAD")),
              Map.entry("/v1/sync/push", Set.of("POST")),
              Map.entry("/v1/sync/pull", Set.of("GET", "POST")),
              Map.entry("/v1/sync/stream", Set.of("GET")),
              Map.entry("/v1/sync/ws", Set.of("GET")),
              Map.entry("/v1/rxdb/todos/push", Set.of("POST")),
              Map.entry("/v1/rxdb/todos/pull", Set.of("GET")),
              Map.entry("/v1/rxdb/todos/pullStream", Set.of("GET")),
              Map.entry("/v1/admin/evict", Set.of("POST")),
              Map.entry("/v1/admin/stats", Set.of("GET")),
              Map.entry("/v1/admin/history", Set.of("GET")),
              Map.entry("/health/live", Set.of("GET")),
              Map.entry("/health/ready", Set.of("GET")),
              Map.entry("/metrics", Set.of("GET"))));

  private static final List<String> METHODS =
      List.of(
          "GET",
          "POST",
          "HEAD",
          "PUT",
          "DELETE",
          "PATCH",
          "OPTIONS",
          "TRACE",
          "CONNECT",
          "PROPFIND",
          "FOO");

  /** Netty's default limit of a header block ({@code HttpServerOptions#getMaxHeaderSize}). */
  private static final int MAX_HEADER_BYTES = 8192;

  private static FuzzServer server;
  private static RawHttp http;

  @BeforeContainer
  static void start() throws Exception {
    server = new FuzzServer();
    http = new RawHttp(server.api.port(), EndpointFuzzTest.TIMEOUT_MS);
  }

  @AfterContainer
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void aMethodTheRouteDoesNotAcceptAnswers405(
      @ForAll("wrongMethods") Map.Entry<String, String> call,
      @ForAll("headers") RequestInputs.Headers headers,
      @ForAll("maybeBodies") byte[] body)
      throws Exception {
    String method = call.getValue();
    boolean head = method.equals("HEAD");
    int before = server.api.produced.size();

    RawHttp.Response r = send(method, call.getKey(), headers, body);

    assertThat(r.status())
        .as("status of %s %s: %s", method, call.getKey(), r.text())
        .isEqualTo(405);
    assertThat(r.header("content-type")).startsWith("application/json");
    String allow = r.header("allow");
    assertThat(allow).as("Allow of %s %s", method, call.getKey()).isNotBlank();
    assertThat(List.of(allow.split(", ")))
        .doesNotContain(method)
        .allSatisfy(m -> assertThat(m).isIn("GET", "HEAD", "POST"));
    if (!head) {
      JsonNode error = Json.mapper().readTree(r.body()).path("error");
      Checks.errorBody(error);
      assertThat(error.path("code").asText()).isEqualTo("method_not_allowed");
    }
    Checks.nothingWritten(written(before));
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void aRequestLineTooLongAnswers414WithTheErrorBody(
      @ForAll("rightMethods") Map.Entry<String, String> call,
      @ForAll("longQueries") String query,
      @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    int before = server.api.produced.size();

    RawHttp.Response r = send(call.getValue(), call.getKey() + query, headers, null);

    assertThat(r.status()).as("status: %s", r.text()).isEqualTo(414);
    Checks.protocolAnswer(r, false);
    Checks.nothingWritten(written(before));
  }

  @Property(shrinking = ShrinkingMode.BOUNDED)
  void headersTooLargeAnswer431WithTheErrorBody(
      @ForAll("rightMethods") Map.Entry<String, String> call,
      @ForAll("largeHeaderBlocks") List<byte[]> padding,
      @ForAll("headers") RequestInputs.Headers headers)
      throws Exception {
    int before = server.api.produced.size();
    List<byte[]> lines = new java.util.ArrayList<>(headers.lines(false));
    lines.addAll(padding);

    RawHttp.Response r =
        http.send(call.getValue(), call.getKey().getBytes(StandardCharsets.UTF_8), lines, null);

    assertThat(r.status()).as("status: %s", r.text()).isEqualTo(431);
    // The request line was read, so a HEAD is known as one: its answer has no body.
    if (call.getValue().equals("HEAD")) {
      assertThat(r.header("content-type")).startsWith("application/json");
    } else {
      Checks.protocolAnswer(r, false);
    }
    Checks.nothingWritten(written(before));
  }

  /**
   * A request head with one thing HTTP/1.1 forbids (a bad method token, header line, version or
   * length) is answered with a status PROTOCOL.md lists (or 405 for a method no route has) and the
   * error body, never a bare codec answer, a 500 or a hang.
   */
  @Property(shrinking = ShrinkingMode.BOUNDED)
  void anUnreadableRequestHeadIsAnsweredWithTheErrorBody(
      @ForAll("brokenHeads") byte[] head, @ForAll("maybeBodies") byte[] body) throws Exception {
    int before = server.api.produced.size();
    RawHttp.Response r;
    try {
      r = http.sendRaw(head, body);
    } catch (RawHttp.Hang e) {
      throw new AssertionError("hang: " + new String(head, StandardCharsets.ISO_8859_1), e);
    }

    if (r.status() == 405) {
      Checks.errorBody(Json.mapper().readTree(r.body()).path("error"));
    } else {
      Checks.protocolAnswer(r, false);
    }
    Checks.nothingWritten(written(before));
  }

  // ---- generators

  @Provide
  Arbitrary<Map.Entry<String, String>> wrongMethods() {
    return Arbitraries.of(ROUTES.keySet())
        .flatMap(
            path ->
                Arbitraries.of(METHODS.stream().filter(m -> !ROUTES.get(path).contains(m)).toList())
                    .map(m -> Map.entry(path, m)));
  }

  @Provide
  Arbitrary<Map.Entry<String, String>> rightMethods() {
    return Arbitraries.of(ROUTES.keySet())
        .flatMap(path -> Arbitraries.of(ROUTES.get(path)).map(m -> Map.entry(path, m)));
  }

  @Provide
  Arbitrary<RequestInputs.Headers> headers() {
    return RequestInputs.headers();
  }

  @Provide
  Arbitrary<byte[]> maybeBodies() {
    return Arbitraries.oneOf(
        Arbitraries.just((byte[]) null),
        JsonInputs.mutated(BodyInputs.syncPushBody()),
        JsonInputs.mutated(BodyInputs.rxdbRows()));
  }

  /** A query that makes the request line longer than the codec's 4096 bytes. */
  @Provide
  Arbitrary<String> longQueries() {
    Arbitrary<Integer> length =
        Arbitraries.oneOf(
            Arbitraries.of(
                EndpointFuzzTest.TRANSPORT_MAX_REQUEST_LINE,
                EndpointFuzzTest.TRANSPORT_MAX_REQUEST_LINE + 1,
                65_536),
            Arbitraries.integers().between(EndpointFuzzTest.TRANSPORT_MAX_REQUEST_LINE, 20_000));
    return Combinators.combine(
            Arbitraries.of("cursor", "collections", "limit", "x"),
            length,
            Arbitraries.of("a", "%41", "é", ","))
        .as(
            (name, n, unit) -> {
              String value = unit.repeat(n / unit.length() + 1);
              return "?" + name + "=" + value;
            });
  }

  /** Extra header lines that take the header block over the codec's 8192 bytes. */
  @Provide
  Arbitrary<List<byte[]>> largeHeaderBlocks() {
    Arbitrary<byte[]> one =
        Arbitraries.integers()
            .between(MAX_HEADER_BYTES, 3 * MAX_HEADER_BYTES)
            .map(n -> ("X-Padding: " + "p".repeat(n)).getBytes(StandardCharsets.ISO_8859_1));
    Arbitrary<List<byte[]>> many =
        Arbitraries.integers()
            .between(100, 1_000)
            .map(
                size -> {
                  List<byte[]> lines = new java.util.ArrayList<>();
                  // Count the values only: the names and separators are a margin over the limit.
                  for (int total = 0; total <= MAX_HEADER_BYTES; total += size) {
                    lines.add(
                        ("X-Pad-" + lines.size() + ": " + "q".repeat(size))
                            .getBytes(StandardCharsets.ISO_8859_1));
                  }
                  return lines;
                });
    return Arbitraries.oneOf(one.map(List::of), many);
  }

  /** A complete request head (it ends with the blank line) with one thing HTTP/1.1 forbids. */
  @Provide
  Arbitrary<byte[]> brokenHeads() {
    Arbitrary<String> path = Arbitraries.of(ROUTES.keySet());
    Arbitrary<String> method =
        Arbitraries.of("G ET", "GET\u0000", "GÉT", "(GET)", "GET\t", "", "\u0001", "PO\"ST");
    // Only versions the codec cannot parse: a well-formed unknown one ("HTTP/1.2", "http/1.1",
    // "HTTX/1.1") is read, then refused by Vert.x with a bare 501 before any handler of ours.
    Arbitrary<String> version = Arbitraries.of("HTTP/1.1x", "HTTP/1", "HTTP/a.b", "HTTP/1.1 x", "");
    Arbitrary<String> headerLine =
        Arbitraries.of(
            "Bad Name: x",
            "NoColon",
            ": empty-name",
            "X-Ctl\u0001: x",
            "X-Nul: a\u0000b",
            " folded: x",
            "Content-Length: -1",
            "Content-Length: abc",
            "Content-Length: 1\r\nContent-Length: 2",
            "Content-Length: 99999999999999999999",
            "Transfer-Encoding: chunked, identity",
            "Host: a\r\nHost: b");
    Arbitrary<String> badMethod =
        Combinators.combine(method, path).as((m, p) -> m + " " + p + " HTTP/1.1\r\nHost: h\r\n");
    Arbitrary<String> badVersion =
        Combinators.combine(path, version).as((p, v) -> "GET " + p + " " + v + "\r\nHost: h\r\n");
    Arbitrary<String> badHeader =
        Combinators.combine(Arbitraries.of("GET", "POST"), path, headerLine)
            .as((m, p, h) -> m + " " + p + " HTTP/1.1\r\nHost: h\r\n" + h + "\r\n");
    return Arbitraries.oneOf(badMethod, badVersion, badHeader)
        .map(h -> (h + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
  }

  // ---- plumbing

  private static RawHttp.Response send(
      String method, String target, RequestInputs.Headers headers, byte[] body) throws Exception {
    try {
      return http.send(
          method, target.getBytes(StandardCharsets.UTF_8), headers.lines(body != null), body);
    } catch (RawHttp.Hang e) {
      throw new AssertionError("hang: " + method + " " + target + ": " + e.getMessage(), e);
    }
  }

  private static List<ChangeRecord> written(int before) {
    return List.copyOf(server.api.produced.subList(before, server.api.produced.size()));
  }
}
