package io.tributary.protocol.wire;

import java.util.List;

/** Dialect A: {@code data} of an SSE {@code changes} event; {@code cursor} covers the changes. */
public record SyncStreamEvent(List<SyncChange> changes, String cursor) {}
