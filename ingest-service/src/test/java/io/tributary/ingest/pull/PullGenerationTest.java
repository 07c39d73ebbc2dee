package io.tributary.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.query.PartitionSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a pull treats a cursor's generation against the tenant's generation in each partition. */
class PullGenerationTest {

  private static Map<Integer, PartitionSlice> slices(long... generations) {
    Map<Integer, PartitionSlice> out = new java.util.TreeMap<>();
    for (int p = 0; p < generations.length; p++) {
      out.put(p, new PartitionSlice(List.of(), 10, true, generations[p]));
    }
    return out;
  }

  @Test
  void shouldKeepACursorOfTheTenantsGeneration() {
    Cursor seen = Cursor.of(2, Map.of(0, 5L));
    assertThat(PullService.inGeneration(seen, slices(2, 2))).isEqualTo(seen);
  }

  @Test
  void shouldRefuseACursorOfAnEarlierOrLaterGenerationWith410() {
    for (Cursor stale : List.of(Cursor.of(0, Map.of(0, 5L)), Cursor.of(3, Map.of(1, 1L)))) {
      assertThatThrownBy(() -> PullService.inGeneration(stale, slices(2, 2)))
          .isInstanceOfSatisfying(
              ApiError.class,
              e -> {
                assertThat(e.status()).isEqualTo(410);
                assertThat(e.code()).isEqualTo("tenant_reset");
              });
    }
  }

  @Test
  void shouldGiveACursorThatSawNothingTheTenantsGeneration() {
    assertThat(PullService.inGeneration(Cursor.BEGINNING, slices(4, 4)))
        .isEqualTo(Cursor.beginning(4));
    assertThat(PullService.inGeneration(Cursor.beginning(1), slices(0, 0)))
        .isEqualTo(Cursor.BEGINNING);
  }

  @Test
  void shouldAnswer503WhileAResetHasReachedSomePartitionsOnly() {
    assertThatThrownBy(() -> PullService.inGeneration(Cursor.BEGINNING, slices(1, 0)))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.headers()).containsKey("Retry-After");
            });
  }
}
