# The projector service (Kafka Streams topology and its query endpoint) as an image, built from this
# repository by Maven. Build context: the repository root (docker-compose.yml does this; by hand:
#   docker build -f deploy/docker/projector.Dockerfile -t tributary-projector .)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The module, the modules it needs (-am), and its runtime dependencies in target/dependency.
RUN mvn -B -ntp -pl projector-service -am -DskipTests package \
      dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/lib \
 && cp projector-service/target/tributary-projector-service-*.jar projector-service/target/dependency/*.jar /out/lib/

FROM eclipse-temurin:17-jre
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tributary \
 && useradd --system --uid 10001 --gid tributary --home-dir /app --no-create-home tributary \
 && mkdir -p /var/lib/tributary/streams \
 && chown -R tributary:tributary /var/lib/tributary
COPY --from=build /out/lib/ /app/lib/
COPY deploy/docker/logback.xml /app/logback.xml
USER tributary
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dlogback.configurationFile=/app/logback.xml" \
    TRIBUTARY_PROJECTOR_STATE_DIR=/var/lib/tributary/streams
# The state stores: mount a persistent volume here so a restart does not restore from Kafka.
VOLUME /var/lib/tributary/streams
EXPOSE 8081
# TRIBUTARY_PROJECTOR_HTTP_PORT moves the port; keep the check in step when you change it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${TRIBUTARY_PROJECTOR_HTTP_PORT:-8081}/health/ready" > /dev/null || exit 1
ENTRYPOINT ["java", "-cp", "/app/lib/*", "io.tributary.projector.ProjectorMain"]
