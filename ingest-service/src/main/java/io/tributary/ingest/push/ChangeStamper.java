package io.tributary.ingest.push;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.collections.CollectionRules;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.model.ChangeRecord;
import java.util.Map;

/**
 * Turns a validated item into the {@link ChangeRecord} the projector resolves: stamps it with the
 * server's hybrid logical clock, fixes its last-writer-wins time, and writes the server time into
 * the collection's timestamp field when it has one. Thread-safe.
 */
public final class ChangeStamper {

  private final HybridLogicalClock clock;
  private final long maxSkewMs;
  private final CollectionRules collections;

  /**
   * @param collections where to find each collection's {@code timestampField}
   */
  public ChangeStamper(HybridLogicalClock clock, long maxSkewMs, CollectionRules collections) {
    this.clock = clock;
    this.maxSkewMs = maxSkewMs;
    this.collections = collections;
  }

  /** A stamper for collections without timestamp fields. */
  public ChangeStamper(HybridLogicalClock clock, long maxSkewMs) {
    this(clock, maxSkewMs, CollectionRules.from(Map.of()));
  }

  public ChangeRecord stamp(
      PushItem item, String tenant, String correlationId, int replyPartition) {
    long hlc = clock.now();
    long serverMillis = HybridLogicalClock.millis(hlc);
    long lwwTime = HybridLogicalClock.lwwTime(item.clientTimestamp(), serverMillis, maxSkewMs);
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        item.changeId(),
        tenant,
        item.collection(),
        item.recordId(),
        item.type(),
        withServerTime(item.collection(), item.data(), serverMillis),
        item.base(),
        hlc,
        lwwTime,
        item.clientTimestamp(),
        correlationId,
        replyPartition);
  }

  /**
   * {@code data} with the collection's timestamp field overwritten; a delete without data stays.
   */
  private ObjectNode withServerTime(String collection, ObjectNode data, long serverMillis) {
    String field = collections.of(collection).timestampField();
    if (field == null || data == null) {
      return data;
    }
    ObjectNode stamped = data.deepCopy();
    stamped.put(field, serverMillis);
    return stamped;
  }
}
