package io.tributary.ingest.fuzz;

import io.tributary.ingest.ApiHarness;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.cursor.CursorCodec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Names and positions a client sends: collection names and path segments, record ids, and cursors
 * (the tenant's own, another tenant's, tampered, truncated, random, absurd positions), at and
 * beyond the rules.
 */
final class IdInputs {

  private static final CursorCodec CURSORS = new CursorCodec(ApiHarness.CURSOR_SECRET);

  private IdInputs() {}

  static Arbitrary<String> collectionName() {
    return Arbitraries.oneOf(
        Arbitraries.of("todos", "notes", "typed", "stamped", "a", "a".repeat(64), "z9_-"),
        Arbitraries.of("a".repeat(65), "Todos", "1abc", "_x", "-x", "a.b", "a b", "é", ""),
        Arbitraries.strings().withChars("abcz09_-A.").ofMinLength(1).ofMaxLength(70),
        JsonInputs.nastyString());
  }

  static Arbitrary<String> recordId() {
    return Arbitraries.oneOf(
        Arbitraries.of("r1", "conflict", "rejected", "x".repeat(256)),
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
        JsonInputs.nastyString());
  }

  /** A path segment for a collection: valid, beyond the rules, percent-encoded oddities. */
  static Arbitrary<String> collectionSegment() {
    return Arbitraries.oneOf(
        collectionName()
            .filter(c -> !c.isEmpty())
            .map(c -> URLEncoder.encode(c, StandardCharsets.UTF_8).replace("+", "%20")),
        Arbitraries.of("%2e%2e", "..", "%2F", "t%C3%A9", "%FF", "%00", "a%zz", "todos;x=1"));
  }

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
            .as((g, a, b) -> validCursor(AuthInputs.TENANT, g, a, b));
    Arbitrary<String> foreign =
        Combinators.combine(offset, offset)
            .as((a, b) -> validCursor(AuthInputs.OTHER_TENANT, 0, a, b));
    Arbitrary<String> otherPartitions =
        Arbitraries.integers()
            .between(0, 1_000_000)
            .map(p -> CURSORS.encode(AuthInputs.TENANT, Cursor.of(0, Map.of(p, 4L))));
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
        own, foreign, otherPartitions, tampered, truncated, random, JsonInputs.nastyString());
  }
}
