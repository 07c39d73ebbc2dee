package io.tributary.ingest.pull;

import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.model.DocumentVersion;
import java.util.List;

/**
 * One page of a pull: versions in merge order, the cursor after them, and whether more wait.
 *
 * @param cursor never behind the cursor the page was pulled from
 */
public record Page(List<DocumentVersion> versions, Cursor cursor, boolean hasMore) {}
