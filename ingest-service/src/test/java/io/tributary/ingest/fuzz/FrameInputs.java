package io.tributary.ingest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * WebSocket frames of {@code /v1/sync/ws}: auth frames with every kind of token and shape, and push
 * / pull / unknown / garbage frames after it, as text or binary, some mutated or oversized.
 */
final class FrameInputs {

  private FrameInputs() {}

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
                AuthInputs.authorization(),
                RequestInputs.protocolVersion(),
                Arbitraries.of("authorization", "Authorization", "AUTHORIZATION", "auth"))
            .as(
                (a, p, name) -> {
                  List<String> fields = new ArrayList<>();
                  if (a != null) {
                    fields.add(JsonInputs.quote(name) + ":" + JsonInputs.quote(a));
                  }
                  if (p != null) {
                    fields.add("\"Tributary-Protocol\":" + JsonInputs.quote(p));
                  }
                  return JsonInputs.obj(fields);
                });
    Arbitrary<String> frame =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8, headers.map(h -> "{\"type\":\"auth\",\"payload\":" + h + "}")),
            net.jqwik.api.Tuple.of(
                1, headers.map(h -> "{\"type\":\"auth\",\"requestId\":1,\"payload\":" + h + "}")),
            net.jqwik.api.Tuple.of(
                1, JsonInputs.json(2).map(j -> "{\"type\":\"auth\",\"payload\":" + j + "}")));
    return mutatedFrames(frame, 12);
  }

  /** A frame after auth: push or pull with near-valid payloads, unknown types, garbage. */
  static Arbitrary<Frame> socketFrame() {
    Arbitrary<String> requestId =
        Arbitraries.oneOf(
            Arbitraries.integers().map(String::valueOf),
            BodyInputs.changeId(),
            Arbitraries.of("null", "{}", "[1]", "1e400", "true"));
    Arbitrary<String> typeAndPayload =
        Arbitraries.oneOf(
            BodyInputs.syncPushBody().map(b -> "\"type\":\"push\",\"payload\":" + b),
            BodyInputs.pullBody().map(b -> "\"type\":\"pull\",\"payload\":" + b),
            Arbitraries.just("\"type\":\"pull\""),
            Arbitraries.of("auth", "push_result", "server_push", "PUSH", "", "error")
                .flatMap(
                    t ->
                        JsonInputs.json(2)
                            .map(j -> "\"type\":" + JsonInputs.quote(t) + ",\"payload\":" + j)),
            JsonInputs.json(1).map(t -> "\"type\":" + t));
    Arbitrary<String> frame =
        Combinators.combine(
                JsonInputs.field("requestId", requestId, JsonInputs.json(1)), typeAndPayload)
            .as((id, tp) -> "{" + (id.isEmpty() ? "" : id + ",") + tp + "}");
    return mutatedFrames(frame, 6);
  }

  private static Arbitrary<Frame> mutatedFrames(Arbitrary<String> frame, int asIsWeight) {
    Arbitrary<Frame> asIs = frame.map(f -> new Frame(false, f.getBytes(StandardCharsets.UTF_8)));
    Arbitrary<Frame> binary = JsonInputs.mutated(frame).map(b -> new Frame(true, b));
    Arbitrary<Frame> text =
        JsonInputs.mutated(frame)
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
