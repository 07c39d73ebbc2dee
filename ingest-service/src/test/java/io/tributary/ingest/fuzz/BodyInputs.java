package io.tributary.ingest.fuzz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Request bodies, near-valid: documents (sizes around the 4096-byte document and 8192-byte body
 * limits), dialect A changes and push / pull bodies, RxDB push rows, batch sizes, change ids.
 */
final class BodyInputs {

  private BodyInputs() {}

  /** A document: an object with an id (usually), stored fields, increments, reserved fields. */
  static Arbitrary<String> document() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.of("title", "done", "count", "updatedAt", "_deleted", "_rev", "_meta", "id")
                .flatMap(k -> JsonInputs.json(1).map(v -> JsonInputs.quote(k) + ":" + v)),
            Arbitraries.of("\"count\":{\"$increment\":")
                .flatMap(p -> JsonInputs.numberLiteral().map(n -> p + n + "}")),
            Arbitraries.of("\"title\":")
                .flatMap(p -> padding().map(n -> p + JsonInputs.quote("t".repeat(n)))));
    return Combinators.combine(
            Arbitraries.oneOf(
                IdInputs.recordId().map(id -> "\"id\":" + JsonInputs.quote(id)),
                Arbitraries.just("")),
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

  static Arbitrary<String> changeId() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 1_000_000_000).map(n -> JsonInputs.quote("c-" + n)),
        JsonInputs.nastyString().map(JsonInputs::quote),
        Arbitraries.of("1", "null", "{}", "[]"));
  }

  /** A dialect A change, near-valid. */
  static Arbitrary<String> syncChange() {
    List<Arbitrary<String>> fields =
        List.of(
            JsonInputs.field("id", changeId(), JsonInputs.json(1)),
            JsonInputs.field(
                "collection", IdInputs.collectionName().map(JsonInputs::quote), JsonInputs.json(1)),
            JsonInputs.field(
                "recordId", IdInputs.recordId().map(JsonInputs::quote), JsonInputs.json(1)),
            JsonInputs.field(
                "type",
                Arbitraries.of("create", "update", "delete").map(JsonInputs::quote),
                Arbitraries.oneOf(
                    JsonInputs.nastyString().map(JsonInputs::quote), JsonInputs.json(1))),
            JsonInputs.field("data", document(), JsonInputs.json(2)),
            JsonInputs.field(
                "prevData",
                Arbitraries.oneOf(document(), Arbitraries.just("null")),
                JsonInputs.json(2)),
            JsonInputs.field(
                "baseRev", Arbitraries.of("\"0-1\"", "\"1-7\"", "null"), JsonInputs.json(1)),
            JsonInputs.field(
                "timestamp",
                Arbitraries.oneOf(
                    Arbitraries.just(String.valueOf(System.currentTimeMillis())),
                    Arbitraries.just(JsonInputs.quote(Instant.now().toString()))),
                Arbitraries.oneOf(
                    JsonInputs.numberLiteral(), JsonInputs.nastyString().map(JsonInputs::quote))),
            JsonInputs.field("status", Arbitraries.just("\"pending\""), JsonInputs.json(1)));
    return Combinators.combine(fields).as(JsonInputs::obj);
  }

  static Arbitrary<String> syncPushBody() {
    Arbitrary<String> changes =
        Arbitraries.oneOf(syncChange(), JsonInputs.json(1))
            .list()
            .ofMaxSize(7)
            .map(l -> "{\"changes\":[" + String.join(",", l) + "]}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, changes), net.jqwik.api.Tuple.of(2, JsonInputs.json(3)));
  }

  static Arbitrary<String> pullBody() {
    Arbitrary<String> collections =
        IdInputs.collectionName()
            .map(JsonInputs::quote)
            .list()
            .ofMaxSize(3)
            .map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> valid =
        Combinators.combine(
                JsonInputs.field(
                    "cursor", IdInputs.cursor().map(JsonInputs::quote), JsonInputs.json(1)),
                JsonInputs.field("collections", collections, JsonInputs.json(1)),
                JsonInputs.field("batchSize", batchSize(), JsonInputs.json(1)))
            .as((a, b, c) -> JsonInputs.obj(List.of(a, b, c)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, valid), net.jqwik.api.Tuple.of(2, JsonInputs.json(3)));
  }

  static Arbitrary<String> batchSize() {
    return Arbitraries.oneOf(
        Arbitraries.of("0", "-1", "1", "100", "1000", "1001", "2147483647", "2147483648", "1.5"),
        JsonInputs.numberLiteral());
  }

  /** RxDB push rows, near-valid. */
  static Arbitrary<String> rxdbRows() {
    Arbitrary<String> row =
        Combinators.combine(
                JsonInputs.field(
                    "assumedMasterState",
                    Arbitraries.oneOf(document(), Arbitraries.just("null")),
                    JsonInputs.json(2)),
                JsonInputs.field("newDocumentState", document(), JsonInputs.json(2)),
                JsonInputs.field("changeId", changeId(), JsonInputs.json(1)))
            .as((a, b, c) -> JsonInputs.obj(List.of(a, b, c)));
    Arbitrary<String> rows =
        Arbitraries.oneOf(row, row, row, JsonInputs.json(1))
            .list()
            .ofMaxSize(7)
            .map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, rows), net.jqwik.api.Tuple.of(2, JsonInputs.json(3)));
  }
}
