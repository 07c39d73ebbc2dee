package io.tributary.ingest.fuzz;

import io.tributary.ingest.ApiHarness;
import io.tributary.ingest.Tokens;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.cursor.CursorCodec;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The fuzzer's generators: JSON texts (valid, near-valid, deeply nested, wrong types, numbers at
 * the edges, unicode and control characters, invalid UTF-8, duplicate keys), sizes around the
 * limits, headers, tokens, cursors, ids and collection names at and beyond the rules.
 */
final class Inputs {

  static final String TENANT = "fuzz";
  static final String OTHER_TENANT = "other";
  private static final CursorCodec CURSORS = new CursorCodec(ApiHarness.CURSOR_SECRET);

  private Inputs() {}

  // ---- strings, names, numbers

  /** Strings that stress decoders and validators. */
  static Arbitrary<String> nastyString() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            " ",
            "a",
            "todos",
            "x".repeat(256),
            "x".repeat(257),
            "é",
            "日本語",
            "\uD83D\uDE00",
            "\uD800",
            "\uDFFF",
            "a\u0000b",
            "\u0007\u001b[31m",
            "line\nbreak",
            "tab\t",
            "\u202Eevil",
            "\uFEFF",
            "../../etc/passwd",
            "%00",
            "%zz",
            "null",
            "true",
            "{\"a\":1}",
            "$increment",
            "_deleted"),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().all().ofMinLength(250).ofMaxLength(300),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5));
  }

  static Arbitrary<String> collectionName() {
    return Arbitraries.oneOf(
        Arbitraries.of("todos", "notes", "typed", "stamped", "a", "a".repeat(64), "z9_-"),
        Arbitraries.of("a".repeat(65), "Todos", "1abc", "_x", "-x", "a.b", "a b", "é", ""),
        Arbitraries.strings().withChars("abcz09_-A.").ofMinLength(1).ofMaxLength(70),
        nastyString());
  }

  static Arbitrary<String> recordId() {
    return Arbitraries.oneOf(
        Arbitraries.of("r1", "conflict", "rejected", "x".repeat(256)),
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
        nastyString());
  }

  /** Number literals at the edges, some of them not JSON at all. */
  static Arbitrary<String> numberLiteral() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "0",
            "-0",
            "1",
            "-1",
            "0.5",
            "1e308",
            "1e309",
            "-1e309",
            "1e-400",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "123456789012345678901234567890123456789012345678901234567890",
            "1E+2",
            "NaN",
            "Infinity",
            "-Infinity",
            "01",
            "1.",
            ".5",
            "0x10",
            "1" + "0".repeat(400)),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf));
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  // ---- JSON

  /** Any JSON value (and some non-JSON scalars), up to {@code depth} levels. */
  static Arbitrary<String> json(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.of("null", "true", "false"),
            numberLiteral(),
            nastyString().map(Inputs::quote),
            Arbitraries.of(
                "{\"$increment\":1}", "{\"$increment\":\"1\"}", "{\"$increment\":1e999}"));
    if (depth <= 0) {
      return scalar;
    }
    Arbitrary<String> value = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<String> array = value.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.oneOf(scalar, array, object(value));
  }

  /** An object of well-known and random keys; keys may repeat. */
  static Arbitrary<String> object(Arbitrary<String> value) {
    Arbitrary<String> key =
        Arbitraries.oneOf(
            Arbitraries.of(
                "id",
                "title",
                "collection",
                "recordId",
                "type",
                "data",
                "changes",
                "cursor",
                "_deleted",
                "_rev",
                "$increment",
                "updatedAt"),
            nastyString());
    return Combinators.combine(key, value)
        .as((k, v) -> quote(k) + ":" + v)
        .list()
        .ofMaxSize(5)
        .map(l -> "{" + String.join(",", l) + "}");
  }

  /** Arrays or objects nested far beyond what any client sends. */
  static Arbitrary<String> deeplyNested() {
    return Combinators.combine(
            Arbitraries.integers().between(50, 3000), Arbitraries.of("[", "{\"a\":"))
        .as((n, open) -> open.repeat(n) + "1" + (open.equals("[") ? "]" : "}").repeat(n));
  }

  /** A document: an object with an id (usually), stored fields, increments, reserved fields. */
  static Arbitrary<String> document() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.of("title", "done", "count", "updatedAt", "_deleted", "_rev", "_meta", "id")
                .flatMap(k -> json(1).map(v -> quote(k) + ":" + v)),
            Arbitraries.of("\"count\":{\"$increment\":")
                .flatMap(p -> numberLiteral().map(n -> p + n + "}")),
            Arbitraries.of("\"title\":")
                .flatMap(p -> padding().map(n -> p + quote("t".repeat(n)))));
    return Combinators.combine(
            Arbitraries.oneOf(recordId().map(id -> "\"id\":" + quote(id)), Arbitraries.just("")),
            field.list().ofMaxSize(4))
        .as(
            (id, fields) -> {
              List<String> all = new ArrayList<>();
              if (!id.isEmpty()) {
                all.add(id);
              }
              all.addAll(fields);
              return "{" + String.join(",", all) + "}";
            });
  }

  /** String lengths around the 4096-byte document limit and the 8192-byte body limit. */
  static Arbitrary<Integer> padding() {
    return Arbitraries.oneOf(
        Arbitraries.of(0, 1, 4000, 4060, 4096, 4100, 8150, 8192, 8200, 30_000),
        Arbitraries.integers().between(0, 100));
  }

  /** The text mutated: cut short, a byte changed, invalid UTF-8, a key repeated, wrapped. */
  static Arbitrary<byte[]> mutated(Arbitrary<String> text) {
    Arbitrary<byte[]> asIs = text.map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> cut =
        Combinators.combine(asIs, Arbitraries.doubles().between(0, 1))
            .as((b, f) -> java.util.Arrays.copyOf(b, (int) (b.length * f)));
    Arbitrary<byte[]> badBytes =
        Combinators.combine(
                asIs,
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(
                    new byte[] {(byte) 0xff},
                    new byte[] {(byte) 0xc3, (byte) 0x28},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                    new byte[] {0},
                    new byte[] {(byte) 0xc0, (byte) 0x80},
                    "\"".getBytes(),
                    "}".getBytes()))
            .as(
                (b, f, insert) -> {
                  int at = (int) (b.length * f);
                  ByteArrayOutputStream out = new ByteArrayOutputStream();
                  out.write(b, 0, at);
                  out.writeBytes(insert);
                  out.write(b, at, b.length - at);
                  return out.toByteArray();
                });
    Arbitrary<byte[]> duplicated =
        text.map(
            t ->
                (t.startsWith("{") && t.length() > 2 ? "{\"changes\":1," + t.substring(1) : t)
                    .getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> bom = text.map(t -> ("\uFEFF" + t).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> utf16 = text.map(t -> t.getBytes(StandardCharsets.UTF_16));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, asIs),
        net.jqwik.api.Tuple.of(2, cut),
        net.jqwik.api.Tuple.of(2, badBytes),
        net.jqwik.api.Tuple.of(1, duplicated),
        net.jqwik.api.Tuple.of(1, bom),
        net.jqwik.api.Tuple.of(1, utf16),
        net.jqwik.api.Tuple.of(1, deeplyNested().map(t -> t.getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(1, json(3).map(t -> t.getBytes(StandardCharsets.UTF_8))));
  }

  /** A field of a near-valid object: mostly valid, sometimes fuzzed, sometimes absent. */
  private static Arbitrary<String> field(
      String name, Arbitrary<String> valid, Arbitrary<String> any) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(7, valid.map(v -> quote(name) + ":" + v)),
        net.jqwik.api.Tuple.of(2, any.map(v -> quote(name) + ":" + v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
  }

  private static String obj(List<String> fields) {
    return "{" + fields.stream().filter(f -> !f.isEmpty()).collect(Collectors.joining(",")) + "}";
  }

  static Arbitrary<String> changeId() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 1_000_000_000).map(n -> quote("c-" + n)),
        nastyString().map(Inputs::quote),
        Arbitraries.of("1", "null", "{}", "[]"));
  }

  /** A dialect A change, near-valid. */
  static Arbitrary<String> syncChange() {
    List<Arbitrary<String>> fields =
        List.of(
            field("id", changeId(), json(1)),
            field("collection", collectionName().map(Inputs::quote), json(1)),
            field("recordId", recordId().map(Inputs::quote), json(1)),
            field(
                "type",
                Arbitraries.of("create", "update", "delete").map(Inputs::quote),
                Arbitraries.oneOf(nastyString().map(Inputs::quote), json(1))),
            field("data", document(), json(2)),
            field("prevData", Arbitraries.oneOf(document(), Arbitraries.just("null")), json(2)),
            field("baseRev", Arbitraries.of("\"0-1\"", "\"1-7\"", "null"), json(1)),
            field(
                "timestamp",
                Arbitraries.oneOf(
                    Arbitraries.just(String.valueOf(System.currentTimeMillis())),
                    Arbitraries.just(quote(Instant.now().toString()))),
                Arbitraries.oneOf(numberLiteral(), nastyString().map(Inputs::quote))),
            field("status", Arbitraries.just("\"pending\""), json(1)));
    return Combinators.combine(fields).as(Inputs::obj);
  }

  static Arbitrary<String> syncPushBody() {
    Arbitrary<String> changes =
        Arbitraries.oneOf(syncChange(), json(1))
            .list()
            .ofMaxSize(7)
            .map(l -> "{\"changes\":[" + String.join(",", l) + "]}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, changes), net.jqwik.api.Tuple.of(2, json(3)));
  }

  static Arbitrary<String> pullBody() {
    Arbitrary<String> collections =
        collectionName()
            .map(Inputs::quote)
            .list()
            .ofMaxSize(3)
            .map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> valid =
        Combinators.combine(
                field("cursor", cursor().map(Inputs::quote), json(1)),
                field("collections", collections, json(1)),
                field("batchSize", batchSize(), json(1)))
            .as((a, b, c) -> obj(List.of(a, b, c)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, valid), net.jqwik.api.Tuple.of(2, json(3)));
  }

  static Arbitrary<String> batchSize() {
    return Arbitraries.oneOf(
        Arbitraries.of("0", "-1", "1", "100", "1000", "1001", "2147483647", "2147483648", "1.5"),
        numberLiteral());
  }

  /** RxDB push rows, near-valid. */
  static Arbitrary<String> rxdbRows() {
    Arbitrary<String> row =
        Combinators.combine(
                field(
                    "assumedMasterState",
                    Arbitraries.oneOf(document(), Arbitraries.just("null")),
                    json(2)),
                field("newDocumentState", document(), json(2)),
                field("changeId", changeId(), json(1)))
            .as((a, b, c) -> obj(List.of(a, b, c)));
    Arbitrary<String> rows =
        Arbitraries.oneOf(row, row, row, json(1))
            .list()
            .ofMaxSize(7)
            .map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, rows), net.jqwik.api.Tuple.of(2, json(3)));
  }

  // ---- cursors

  static String validCursor(String tenant, long generation, long p0, long p1) {
    return CURSORS.encode(tenant, Cursor.of(generation, Map.of(0, p0, 1, p1)));
  }

  /** Cursors: the tenant's own, another tenant's, tampered, truncated, random, absurd positions. */
  static Arbitrary<String> cursor() {
    Arbitrary<Long> offset =
        Arbitraries.oneOf(
            Arbitraries.of(-1L, 0L, 3L, 5L, 9L, Long.MAX_VALUE - 1),
            Arbitraries.longs().between(-1, 1_000));
    Arbitrary<String> own =
        Combinators.combine(Arbitraries.of(0L, 0L, 1L, 7L), offset, offset)
            .as((g, a, b) -> validCursor(TENANT, g, a, b));
    Arbitrary<String> foreign =
        Combinators.combine(offset, offset).as((a, b) -> validCursor(OTHER_TENANT, 0, a, b));
    Arbitrary<String> otherPartitions =
        Arbitraries.integers()
            .between(0, 1_000_000)
            .map(p -> CURSORS.encode(TENANT, Cursor.of(0, Map.of(p, 4L))));
    Arbitrary<String> tampered =
        Combinators.combine(
                own, Arbitraries.integers().between(0, 1000), Arbitraries.chars().range('-', 'z'))
            .as(
                (c, i, ch) -> {
                  char[] a = c.toCharArray();
                  a[i % a.length] = ch;
                  return new String(a);
                });
    Arbitrary<String> truncated =
        Combinators.combine(own, Arbitraries.integers().between(0, 1000))
            .as((c, i) -> c.substring(0, i % c.length()));
    Arbitrary<String> random =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(60)
            .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    return Arbitraries.oneOf(
        own, foreign, otherPartitions, tampered, truncated, random, nastyString());
  }

  // ---- requests: query strings, headers, tokens

  /** A query parameter, encoded properly or sent as raw (possibly broken) percent-escapes. */
  static Arbitrary<String> param(String name, Arbitrary<String> value) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(
            8, value.map(v -> name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.of("%", "%zz", "%FF%FE", "%C3", "%00", "a+b", "%E2%82", "%ED%A0%80")
                .map(v -> name + "=" + v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
  }

  static String query(List<String> params) {
    String q = params.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining("&"));
    return q.isEmpty() ? "" : "?" + q;
  }

  /** A path segment for a collection: valid, beyond the rules, percent-encoded oddities. */
  static Arbitrary<String> collectionSegment() {
    return Arbitraries.oneOf(
        collectionName()
            .filter(c -> !c.isEmpty())
            .map(c -> URLEncoder.encode(c, StandardCharsets.UTF_8).replace("+", "%20")),
        Arbitraries.of("%2e%2e", "..", "%2F", "t%C3%A9", "%FF", "%00", "a%zz", "todos;x=1"));
  }

  private static String tokenWith(
      String tenant,
      String scope,
      java.util.function.UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> edit) {
    return Tokens.token(tenant, scope, edit);
  }

  /**
   * The Authorization header, or none: valid tokens of several scopes, and every kind of bad one.
   */
  static Arbitrary<String> authorization() {
    Arbitrary<String> scope =
        Arbitraries.of(
            "sync:read sync:write",
            "sync:read sync:write admin",
            "sync:read",
            "sync:write",
            "admin",
            "",
            "sync:read  sync:write");
    Arbitrary<String> valid = scope.map(s -> "Bearer " + Tokens.token(TENANT, s));
    Arbitrary<String> withCols =
        Combinators.combine(scope, collectionName().list().ofMaxSize(2))
            .as((s, cols) -> "Bearer " + Tokens.withCols(TENANT, s, cols));
    Arbitrary<String> bad =
        Arbitraries.of(
            "",
            "Bearer",
            "Bearer ",
            "bearer " + Tokens.token(TENANT, "sync:read sync:write"),
            "Basic dXNlcjpwYXNz",
            "Bearer a.b.c",
            "Bearer ...",
            "Bearer " + "A".repeat(6000),
            "Bearer " + Tokens.unsigned(TENANT, "sync:read sync:write admin"),
            "Bearer "
                + Tokens.signed(
                    Tokens.claims(TENANT, "sync:read sync:write admin").build(),
                    Tokens.OTHER_SECRET),
            "Bearer "
                + tokenWith(
                    TENANT,
                    "sync:read sync:write admin",
                    b -> b.expirationTime(Date.from(Instant.now().minusSeconds(3600)))),
            "Bearer "
                + tokenWith(
                    TENANT,
                    "sync:read sync:write admin",
                    b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))),
            "Bearer "
                + tokenWith(TENANT, "sync:read sync:write admin", b -> b.expirationTime(null)),
            "Bearer " + Tokens.token(null, "sync:read sync:write admin"),
            "Bearer " + tokenWith(TENANT, "sync:read", b -> b.claim("tid", 42)),
            "Bearer " + tokenWith(TENANT, "sync:read", b -> b.claim("scope", List.of("sync:read"))),
            "Bearer " + tokenWith(TENANT, "sync:read", b -> b.claim("cols", "todos")),
            "Bearer " + tokenWith("", "sync:read sync:write", b -> b),
            "Bearer " + tokenWith("\u0000\u00e9", "sync:read sync:write", b -> b),
            "Bearer " + Tokens.token(OTHER_TENANT, "sync:read sync:write admin"));
    Arbitrary<String> tampered =
        Combinators.combine(
                valid, Arbitraries.integers().between(8, 400), Arbitraries.chars().alpha())
            .as(
                (v, i, ch) -> {
                  char[] a = v.toCharArray();
                  a[i % a.length] = ch;
                  return new String(a);
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, valid),
        net.jqwik.api.Tuple.of(2, withCols),
        net.jqwik.api.Tuple.of(4, bad),
        net.jqwik.api.Tuple.of(1, tampered),
        net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
  }

  static Arbitrary<String> contentType() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, Arbitraries.just("application/json")),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.of(
                "application/json; charset=utf-8",
                "APPLICATION/JSON",
                "application/vnd.api+json",
                "application/json; charset=latin1",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "application/jsonx",
                "json",
                "",
                ";;;")),
        net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
  }

  static Arbitrary<String> protocolVersion() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just((String) null)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just("1")),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.of(
                "0", "-1", "2", "99", "", "abc", "1.0", " 1", "99999999999999999999", "0x1", "１")));
  }

  /** Extra header lines: duplicates, odd values, raw bytes. */
  static Arbitrary<List<byte[]>> extraHeaders() {
    Arbitrary<byte[]> line =
        Arbitraries.of(
                "Accept: */*",
                "Accept: text/event-stream",
                "Origin: https://evil.example",
                "Content-Type: text/plain",
                "Authorization: Bearer x",
                "Tributary-Protocol: 1",
                "Tributary-Protocol: 0",
                "Accept-Encoding: gzip",
                "Content-Encoding: gzip",
                "Expect: 100-continue",
                "X-Forwarded-For: 10.0.0.1",
                "Last-Event-ID: \u00ff\u00fe")
            .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    return line.list().ofMaxSize(2);
  }

  /** A request's headers: authorization, content type (for bodies), protocol, extras. */
  record Headers(String authorization, String contentType, String protocol, List<byte[]> extra) {
    List<byte[]> lines(boolean withBody) {
      List<byte[]> out = new ArrayList<>();
      if (authorization != null) {
        out.add(("Authorization: " + authorization).getBytes(StandardCharsets.UTF_8));
      }
      if (withBody && contentType != null) {
        out.add(("Content-Type: " + contentType).getBytes(StandardCharsets.UTF_8));
      }
      if (protocol != null) {
        out.add(("Tributary-Protocol: " + protocol).getBytes(StandardCharsets.UTF_8));
      }
      out.addAll(extra);
      return out;
    }

    @Override
    public String toString() {
      return "Headers[authorization="
          + (authorization == null
              ? null
              : authorization.length() > 60 ? authorization.substring(0, 60) + "…" : authorization)
          + ", contentType="
          + contentType
          + ", protocol="
          + protocol
          + ", extra="
          + extra.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList()
          + "]";
    }
  }

  static Arbitrary<Headers> headers() {
    return Combinators.combine(authorization(), contentType(), protocolVersion(), extraHeaders())
        .as(Headers::new);
  }

  // ---- WebSocket frames

  /** A frame to send: text or binary bytes. */
  record Frame(boolean binary, byte[] bytes) {
    @Override
    public String toString() {
      String text = new String(bytes, StandardCharsets.UTF_8);
      return (binary ? "binary " : "text ")
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  /** The auth frame: valid headers mostly, or every kind of bad token and shape. */
  static Arbitrary<Frame> authFrame() {
    Arbitrary<String> headers =
        Combinators.combine(
                authorization(),
                protocolVersion(),
                Arbitraries.of("authorization", "Authorization", "AUTHORIZATION", "auth"))
            .as(
                (a, p, name) -> {
                  List<String> fields = new ArrayList<>();
                  if (a != null) {
                    fields.add(quote(name) + ":" + quote(a));
                  }
                  if (p != null) {
                    fields.add("\"Tributary-Protocol\":" + quote(p));
                  }
                  return obj(fields);
                });
    Arbitrary<String> frame =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8, headers.map(h -> "{\"type\":\"auth\",\"payload\":" + h + "}")),
            net.jqwik.api.Tuple.of(
                1, headers.map(h -> "{\"type\":\"auth\",\"requestId\":1,\"payload\":" + h + "}")),
            net.jqwik.api.Tuple.of(
                1, json(2).map(j -> "{\"type\":\"auth\",\"payload\":" + j + "}")));
    return mutatedFrames(frame, 12);
  }

  /** A frame after auth: push or pull with near-valid payloads, unknown types, garbage. */
  static Arbitrary<Frame> socketFrame() {
    Arbitrary<String> requestId =
        Arbitraries.oneOf(
            Arbitraries.integers().map(String::valueOf),
            changeId(),
            Arbitraries.of("null", "{}", "[1]", "1e400", "true"));
    Arbitrary<String> typeAndPayload =
        Arbitraries.oneOf(
            syncPushBody().map(b -> "\"type\":\"push\",\"payload\":" + b),
            pullBody().map(b -> "\"type\":\"pull\",\"payload\":" + b),
            Arbitraries.just("\"type\":\"pull\""),
            Arbitraries.of("auth", "push_result", "server_push", "PUSH", "", "error")
                .flatMap(t -> json(2).map(j -> "\"type\":" + quote(t) + ",\"payload\":" + j)),
            json(1).map(t -> "\"type\":" + t));
    Arbitrary<String> frame =
        Combinators.combine(field("requestId", requestId, json(1)), typeAndPayload)
            .as((id, tp) -> "{" + (id.isEmpty() ? "" : id + ",") + tp + "}");
    return mutatedFrames(frame, 6);
  }

  private static Arbitrary<Frame> mutatedFrames(Arbitrary<String> frame, int asIsWeight) {
    Arbitrary<Frame> asIs = frame.map(f -> new Frame(false, f.getBytes(StandardCharsets.UTF_8)));
    Arbitrary<Frame> binary = mutated(frame).map(b -> new Frame(true, b));
    Arbitrary<Frame> text =
        mutated(frame)
            .map(
                b ->
                    new Frame(
                        false,
                        new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(asIsWeight, asIs),
        net.jqwik.api.Tuple.of(2, binary),
        net.jqwik.api.Tuple.of(2, text),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.of(9_000, 20_000)
                .map(
                    n ->
                        new Frame(
                            false,
                            ("{\"type\":\"pull\",\"payload\":{\"cursor\":\""
                                    + "x".repeat(n)
                                    + "\"}}")
                                .getBytes(StandardCharsets.UTF_8)))));
  }
}
