package io.tributary.ingest.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * JSON texts for the fuzzer: strings that stress decoders, numbers at the edges, any JSON value up
 * to a depth, objects with repeated keys, deep nesting, and byte-level mutations of a text (cut
 * short, invalid UTF-8, a BOM, UTF-16, duplicate keys). Also the helpers that build near-valid
 * objects field by field.
 */
final class JsonInputs {

  private JsonInputs() {}

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

  /** Any JSON value (and some non-JSON scalars), up to {@code depth} levels. */
  static Arbitrary<String> json(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.of("null", "true", "false"),
            numberLiteral(),
            nastyString().map(JsonInputs::quote),
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
  static Arbitrary<String> field(String name, Arbitrary<String> valid, Arbitrary<String> any) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(7, valid.map(v -> quote(name) + ":" + v)),
        net.jqwik.api.Tuple.of(2, any.map(v -> quote(name) + ":" + v)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
  }

  static String obj(List<String> fields) {
    return "{" + fields.stream().filter(f -> !f.isEmpty()).collect(Collectors.joining(",")) + "}";
  }
}
