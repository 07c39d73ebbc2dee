package io.tributary.ingest.live;

import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.protocol.model.DocumentVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live subscribers of this instance, indexed by tenant. Thread-safe. */
public final class SubscriberRegistry {

  private final Map<String, Set<LiveSubscriber>> byTenant = new ConcurrentHashMap<>();
  private final IngestMetrics metrics;

  /** Registers the subscribers gauge per transport; counted at scrape time. */
  public SubscriberRegistry(IngestMetrics metrics) {
    this.metrics = metrics;
    for (String transport : new String[] {"sse", "websocket"}) {
      metrics.liveSubscribers(transport, this, r -> r.count(transport));
    }
  }

  /** Versions just written to a subscriber (for the fan-out delay). */
  void delivered(List<DocumentVersion> versions) {
    metrics.delivered(versions);
  }

  private int count(String transport) {
    int n = 0;
    for (Set<LiveSubscriber> set : byTenant.values()) {
      for (LiveSubscriber s : set) {
        if (transport.equals(s.transport())) {
          n++;
        }
      }
    }
    return n;
  }

  public void register(LiveSubscriber subscriber) {
    byTenant
        .computeIfAbsent(subscriber.tenant(), t -> ConcurrentHashMap.newKeySet())
        .add(subscriber);
  }

  public void unregister(LiveSubscriber subscriber) {
    byTenant.computeIfPresent(
        subscriber.tenant(),
        (t, set) -> {
          set.remove(subscriber);
          return set.isEmpty() ? null : set;
        });
  }

  /**
   * Whether some stream of {@code tenant} is open here now: versions of other tenants need not even
   * be decoded, as {@link #publish} would drop them.
   */
  public boolean listensTo(String tenant) {
    return byTenant.containsKey(tenant);
  }

  /** Hands each subscriber the versions of its tenant, in order. */
  public void publish(List<DocumentVersion> versions) {
    if (byTenant.isEmpty()) {
      return;
    }
    Map<String, List<DocumentVersion>> grouped = new HashMap<>();
    for (DocumentVersion v : versions) {
      if (byTenant.containsKey(v.tenant())) {
        grouped.computeIfAbsent(v.tenant(), t -> new ArrayList<>()).add(v);
      }
    }
    grouped.forEach(
        (tenant, list) -> {
          Set<LiveSubscriber> subscribers = byTenant.get(tenant);
          if (subscribers != null) {
            List<DocumentVersion> batch = List.copyOf(list);
            subscribers.forEach(s -> s.offer(batch));
          }
        });
  }

  /** Ends every stream of {@code tenant}: it was reset. */
  public void resetTenant(String tenant) {
    Set<LiveSubscriber> subscribers = byTenant.get(tenant);
    if (subscribers != null) {
      List.copyOf(subscribers).forEach(LiveSubscriber::tenantReset);
    }
  }

  public int size() {
    return byTenant.values().stream().mapToInt(Set::size).sum();
  }

  /** Ends every stream (service shutdown). */
  public void shutdownAll() {
    byTenant.values().forEach(set -> set.forEach(LiveSubscriber::shutdown));
  }
}
