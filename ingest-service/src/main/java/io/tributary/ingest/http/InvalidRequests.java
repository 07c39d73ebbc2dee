package io.tributary.ingest.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP codec could not read (installed with {@code
 * HttpServer#invalidRequestHandler}), which never reach the router: a request line longer than the
 * server's {@code maxInitialLineLength} gets 414, a header block larger than its {@code
 * maxHeaderSize} 431, anything else (a bad header line, method or version) 400. Unlike Vert.x's
 * default handler, each answer has the PROTOCOL.md error body; the code is {@code bad_request}, as
 * PROTOCOL.md has none for 414 and 431. The connection is closed after the answer: the codec cannot
 * tell where the next request would start. Stateless; thread-safe.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  private final int maxRequestLineBytes;
  private final int maxHeaderBytes;

  /** For a server built with {@code options}: the messages name its limits. */
  public InvalidRequests(HttpServerOptions options) {
    this.maxRequestLineBytes = options.getMaxInitialLineLength();
    this.maxHeaderBytes = options.getMaxHeaderSize();
  }

  @Override
  public void handle(HttpServerRequest request) {
    ApiError error = toApiError(request.decoderResult().cause());
    var response = request.response();
    error.headers().forEach(response::putHeader);
    response
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(FailureHandler.body(error))
        .onComplete(done -> request.connection().close());
  }

  /** The answer to a request that failed to decode with {@code cause}. */
  ApiError toApiError(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return new ApiError(
          414,
          "bad_request",
          "The request line is longer than "
              + maxRequestLineBytes
              + " bytes; shorten the query (a dialect A pull takes its parameters in a POST body).");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new ApiError(
          431,
          "bad_request",
          "The request headers are larger than "
              + maxHeaderBytes
              + " bytes in all; send fewer or shorter headers.");
    }
    return ApiError.badRequest(
        "The request is not valid HTTP/1.1 (request line or headers); check what the client sends.");
  }
}
