/**
 * JSON shapes of the public sync API: dialect A ({@code /v1/sync}, change feed) and dialect B
 * ({@code /v1/rxdb/{collection}}, RxDB document replication), and the error body both share.
 * Immutable records serialised with {@link io.tributary.protocol.json.Json#mapper()}. Requests are
 * read leniently item by item by the API tier, so a bad item never fails its batch; the records
 * here describe the well-formed shapes.
 */
package io.tributary.protocol.wire;
