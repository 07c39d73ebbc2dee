package io.tributary.projector.internals;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of {@code changes} that cannot be decoded is a poison record, not a retry case: log
 * where it is (never its payload, which may hold user data) and go on with the next one.
 */
public final class SkipUndecodableRecords implements DeserializationExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(SkipUndecodableRecords.class);

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn(
        "Skipped an undecodable record at {}-{} offset {} ({}); it stays in the topic for"
            + " inspection",
        context.topic(),
        context.partition(),
        context.offset(),
        exception.getClass().getSimpleName());
    return Response.resume();
  }
}
