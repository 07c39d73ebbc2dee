package io.tributary.ingest.push;

import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.model.ChangeRecord;

/**
 * Turns a validated item into the {@link ChangeRecord} the projector resolves: stamps it with the
 * server's hybrid logical clock and fixes its last-writer-wins time. Thread-safe.
 */
public final class ChangeStamper {

  private final HybridLogicalClock clock;
  private final long maxSkewMs;

  public ChangeStamper(HybridLogicalClock clock, long maxSkewMs) {
    this.clock = clock;
    this.maxSkewMs = maxSkewMs;
  }

  public ChangeRecord stamp(
      PushItem item, String tenant, String correlationId, int replyPartition) {
    long hlc = clock.now();
    long lwwTime =
        HybridLogicalClock.lwwTime(
            item.clientTimestamp(), HybridLogicalClock.millis(hlc), maxSkewMs);
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        item.changeId(),
        tenant,
        item.collection(),
        item.recordId(),
        item.type(),
        item.data(),
        item.base(),
        hlc,
        lwwTime,
        item.clientTimestamp(),
        correlationId,
        replyPartition);
  }
}
