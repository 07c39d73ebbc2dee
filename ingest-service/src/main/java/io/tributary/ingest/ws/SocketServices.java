package io.tributary.ingest.ws;

import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.auth.TokenVerifier;
import io.tributary.ingest.live.SubscriberRegistry;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.sync.SyncPullFlow;
import io.tributary.ingest.sync.SyncPushFlow;

/**
 * What every connection of {@code /v1/sync/ws} shares, built once by {@link SyncSocketHandler}.
 *
 * @param heartbeatMs interval of the WebSocket pings that keep idle connections open
 * @param maxFrameBytes larger client messages close the connection with 1009
 */
record SocketServices(
    TokenVerifier verifier,
    SyncPushFlow push,
    SyncPullFlow pull,
    SubscriberRegistry registry,
    TenantRateLimits limits,
    IngestMetrics metrics,
    long heartbeatMs,
    long maxFrameBytes) {}
