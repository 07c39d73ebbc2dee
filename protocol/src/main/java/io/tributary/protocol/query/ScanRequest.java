package io.tributary.protocol.query;

import java.util.List;
import java.util.Map;

/**
 * The API tier's request to a projector instance: the versions of one tenant after the given
 * positions, in the partitions that instance owns. Body of {@code POST /internal/v1/scan}.
 *
 * @param collections collections to include; null or empty means all of the tenant's
 * @param after partition → last position the client has seen ({@code -1} for none)
 * @param limit at most this many versions per partition; 0 asks only for watermarks
 */
public record ScanRequest(
    String tenant, List<String> collections, Map<Integer, Long> after, int limit) {}
