package io.tributary.protocol.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Dialect B: answer of {@code GET /v1/rxdb/{collection}/pull} and {@code data} of a pullStream
 * event (other than {@code "RESYNC"}).
 *
 * @param documents stored fields plus {@code id} and {@code _deleted}
 */
public record RxdbPullResponse(List<ObjectNode> documents, RxdbCheckpoint checkpoint) {}
