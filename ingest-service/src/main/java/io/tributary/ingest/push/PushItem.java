package io.tributary.ingest.push;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeType;

/**
 * One validated change of a push, before it is stamped.
 *
 * @param index position of the item in the request
 * @param changeId the client's change id, or a generated one
 * @param data fields without reserved ones, with {@code id} set to the record id; null only for a
 *     delete that carried no data
 * @param clientTimestamp the client's timestamp in epoch milliseconds, or null
 */
public record PushItem(
    int index,
    String changeId,
    String collection,
    String recordId,
    ChangeType type,
    ObjectNode data,
    Base base,
    Long clientTimestamp) {}
