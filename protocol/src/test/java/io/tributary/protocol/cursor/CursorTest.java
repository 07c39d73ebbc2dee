package io.tributary.protocol.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void shouldNeverMoveBackwards() {
    Cursor c = Cursor.of(0, Map.of(1, 10L));

    assertThat(c.advance(1, 5)).isSameAs(c);
    assertThat(c.advance(1, 11).position(1)).isEqualTo(11);
    assertThat(c.advance(2, 0).position(2)).isZero();
  }

  @Test
  void shouldReportNothingForUnseenPartitions() {
    assertThat(Cursor.BEGINNING.position(7)).isEqualTo(Cursor.NOTHING);
    assertThat(Cursor.BEGINNING.isBeginning()).isTrue();
  }

  @Test
  void shouldDropNothingEntriesSoEqualCursorsAreEqual() {
    assertThat(Cursor.of(0, Map.of(3, Cursor.NOTHING))).isEqualTo(Cursor.BEGINNING);
  }

  @Test
  void shouldRejectNegativeValues() {
    assertThatThrownBy(() -> Cursor.of(-1, Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cursor.of(0, Map.of(-1, 2L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cursor.of(0, Map.of(1, -2L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCoverCursorsAtOrBehindIt() {
    Cursor ahead = Cursor.of(0, Map.of(0, 5L, 1, 5L));

    assertThat(ahead.covers(Cursor.of(0, Map.of(0, 5L)))).isTrue();
    assertThat(ahead.covers(Cursor.of(0, Map.of(1, 6L)))).isFalse();
    assertThat(ahead.covers(Cursor.of(0, Map.of(2, 0L)))).isFalse();
  }
}
