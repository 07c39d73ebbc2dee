package io.tributary.projector.internals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of {@code changes} that cannot be decoded is a poison record, not a retry case: log
 * where it is (never its payload, which may hold user data), copy it to the dead-letter topic
 * ({@code errors.dead.letter.queue.topic.name}) with headers saying where it came from and why,
 * count it, and go on with the next one.
 */
public final class SkipUndecodableRecords implements DeserializationExceptionHandler {

  /** The config key under which the projector hands this handler its {@link ProcessedChanges}. */
  public static final String METRICS_CONFIG = "tributary.dead.letters.metrics";

  static final String REASON_HEADER = "tributary-dlq-reason";
  static final String SOURCE_HEADER = "tributary-dlq-source";
  static final String ERROR_HEADER = "tributary-dlq-error";

  private static final Logger log = LoggerFactory.getLogger(SkipUndecodableRecords.class);

  private String deadLetters;
  private ProcessedChanges metrics = ProcessedChanges.NONE;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    deadLetters = topic instanceof String name && !name.isEmpty() ? name : null;
    if (configs.get(METRICS_CONFIG) instanceof ProcessedChanges configured) {
      metrics = configured;
    }
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String source = context.topic() + "-" + context.partition() + "@" + context.offset();
    log.warn(
        "Set aside an undecodable record at {} ({}){}",
        source,
        exception.getClass().getSimpleName(),
        deadLetters == null ? "; it stays in the topic" : "; copied to " + deadLetters);
    metrics.deadLettered("undecodable");
    if (deadLetters == null) {
      return Response.resume();
    }
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(REASON_HEADER, bytes("undecodable"));
    headers.add(SOURCE_HEADER, bytes(source));
    headers.add(ERROR_HEADER, bytes(exception.getClass().getName()));
    return Response.resume(
        List.of(new ProducerRecord<>(deadLetters, null, record.key(), record.value(), headers)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
