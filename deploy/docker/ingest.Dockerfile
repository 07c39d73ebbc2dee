# The ingest service (public HTTP API) as an image, built from this repository by Maven.
# Build context: the repository root (docker-compose.yml does this; by hand:
#   docker build -f deploy/docker/ingest.Dockerfile -t tributary-ingest .)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The module, the modules it needs (-am), and its runtime dependencies in target/dependency.
RUN mvn -B -ntp -pl ingest-service -am -DskipTests package \
      dependency:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/lib \
 && cp ingest-service/target/tributary-ingest-service-*.jar ingest-service/target/dependency/*.jar /out/lib/

FROM eclipse-temurin:17-jre
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tributary \
 && useradd --system --uid 10001 --gid tributary --home-dir /app --no-create-home tributary
COPY --from=build /out/lib/ /app/lib/
COPY deploy/docker/logback.xml /app/logback.xml
USER tributary
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dlogback.configurationFile=/app/logback.xml"
EXPOSE 8080
# TRIBUTARY_HTTP_PORT moves the port; keep the check in step when you change it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${TRIBUTARY_HTTP_PORT:-8080}/health/ready" > /dev/null || exit 1
ENTRYPOINT ["java", "-cp", "/app/lib/*", "io.tributary.ingest.IngestMain"]
