package io.tributary.bench.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;

/**
 * Non-blocking HTTP/1.1 client with keep-alive connections to one server, as many clients share it.
 * Thread-safe; answers complete on Vert.x event loops.
 */
public final class HttpLoad implements AutoCloseable {

  /** A complete answer. */
  public record Reply(int status, Buffer body) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final String host;
  private final int port;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8080}
   * @param maxConnections connections the pool may open
   */
  public HttpLoad(Vertx vertx, String baseUrl, int maxConnections) {
    URI uri = URI.create(baseUrl);
    this.vertx = vertx;
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDefaultHost(host)
                .setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(maxConnections));
  }

  public Vertx vertx() {
    return vertx;
  }

  public Future<Reply> send(HttpMethod method, String path, String token, String json) {
    RequestOptions options =
        new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(path);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (json != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client
        .request(options)
        .compose(
            req ->
                (json == null ? req.send() : req.send(Buffer.buffer(json)))
                    .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), body))));
  }

  public Future<Reply> post(String path, String token, String json) {
    return send(HttpMethod.POST, path, token, json);
  }

  /** Opens a streaming GET and hands back the response once its head has arrived. */
  public Future<HttpClientResponse> stream(String path, String token) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(host)
            .setPort(port)
            .setURI(path)
            .putHeader("Accept", "text/event-stream");
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return client.request(options).compose(req -> req.send());
  }

  @Override
  public void close() {
    client.close().await();
  }
}
