package io.tributary.ingest.live;

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

  public int size() {
    return byTenant.values().stream().mapToInt(Set::size).sum();
  }

  /** Ends every stream (service shutdown). */
  public void shutdownAll() {
    byTenant.values().forEach(set -> set.forEach(LiveSubscriber::shutdown));
  }
}
