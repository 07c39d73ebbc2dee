package io.tributary.ingest.push;

import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.Outcome;

/** A produced change and the projector's outcome for it. */
public record ChangeResult(PushItem item, ChangeRecord record, Outcome outcome) {}
