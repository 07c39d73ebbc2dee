package io.tributary.projector.internals;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tributary.protocol.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** JSON answers of the query endpoint, errors in PROTOCOL.md's shape. */
final class HttpReplies {

  private HttpReplies() {}

  static void json(RoutingContext ctx, int status, Object body) {
    byte[] bytes;
    try {
      bytes = Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      ctx.fail(500, e);
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(bytes));
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    if (status == 503) {
      ctx.response().putHeader("retry-after", "1");
    }
    json(ctx, status, Map.of("error", Map.of("code", code, "message", message)));
  }
}
