package io.tributary.systemtest;

import io.tributary.kafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives every test class of the JVM the same single-node Kafka broker.
 *
 * <p>The broker is started on first use, kept in the root {@link ExtensionContext.Store} and closed
 * (with its data directory removed) when the whole test run ends. Test classes keep their data
 * apart with their own {@code topic.prefix} (see {@link TributaryStack}). Inject it as a parameter
 * of a {@code @BeforeAll} or test method: {@code static void start(EmbeddedKafka kafka)}.
 */
public final class SharedKafka implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedKafka.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafka.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(RunningBroker.class, k -> RunningBroker.start(), RunningBroker.class)
        .kafka();
  }

  /** The broker and its data directory; closed by JUnit at the end of the run. */
  static final class RunningBroker implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final Path dataDir;

    private RunningBroker(EmbeddedKafka kafka, Path dataDir) {
      this.kafka = kafka;
      this.dataDir = dataDir;
    }

    static RunningBroker start() {
      try {
        Path dir = Files.createTempDirectory("tributary-systest-kafka");
        return new RunningBroker(EmbeddedKafka.start(dir, 0), dir);
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the broker's temp data dir", e);
      }
    }

    EmbeddedKafka kafka() {
      return kafka;
    }

    @Override
    public void close() {
      kafka.close();
      TempDirs.deleteQuietlyLogged(dataDir);
    }
  }
}
