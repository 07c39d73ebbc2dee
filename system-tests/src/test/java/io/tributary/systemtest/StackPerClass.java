package io.tributary.systemtest;

import io.tributary.kafka.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs all its tests against one {@link TributaryStack} of its own on the shared
 * broker: started before the first test, closed after the last. A subclass says what stack it needs
 * by overriding {@link #configure}.
 */
@ExtendWith(SharedKafka.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StackPerClass {

  /** This class's stack; set before any test runs. */
  protected TributaryStack stack;

  /**
   * Customises the stack before it starts; by default one projector and one ingest instance.
   *
   * @return the builder to start, usually {@code builder} itself
   */
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder;
  }

  @BeforeAll
  void startStack(EmbeddedKafka kafka) {
    stack = configure(TributaryStack.builder(kafka)).start();
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }
}
