package io.tributary.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protocol.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/** Reading JSON request bodies and writing JSON answers. */
public final class Bodies {

  private Bodies() {}

  /**
   * The request body as a JSON tree.
   *
   * @throws ApiError 400 {@code invalid_json} when it is missing or not JSON
   */
  public static JsonNode json(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiError.invalidJson();
    }
    try {
      return Json.mapper().readTree(body.getBytes());
    } catch (IOException e) {
      throw ApiError.invalidJson();
    }
  }

  /** Answers {@code status} with {@code value} as JSON. */
  public static void send(RoutingContext ctx, int status, Object value) {
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(Json.mapper().writeValueAsBytes(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an answer", e);
    }
  }

  /** An optional integer query parameter; 400 when it is not an integer. */
  public static Integer intParam(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name + " must be an integer.");
    }
  }
}
