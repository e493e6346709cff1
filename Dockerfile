# syntax=docker/dockerfile:1.7
# composefix in a container: built with Maven, run on a distroless Java runtime as a non-root user.
# Build:  docker build -t composefix:0.1.0 .
# Run:    docker run --rm --read-only --cap-drop ALL --security-opt no-new-privileges:true \
#           --network none -v "$PWD:/work:ro" composefix:0.1.0
# (compose.yaml beside this file does the same with `docker compose run --rm composefix`.)
# Versions are pinned by tag; let Renovate or Dependabot pin and update the digests.

# --- build: the JDK and Maven stay here ------------------------------------------------------
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first, so that a change in the sources does not download them again
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src ./src
COPY docs/rules ./docs/rules
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

# --- runtime: no shell, no package manager, UID 65532 ----------------------------------------
FROM gcr.io/distroless/java17-debian12:nonroot
COPY --from=build /src/target/composefix.jar /app/composefix.jar
WORKDIR /work
USER nonroot:nonroot
# read-only friendly: no perf data file in /tmp, nothing else is written but the files fixed with --write
ENTRYPOINT ["/usr/bin/java", "-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", \
            "-jar", "/app/composefix.jar"]
CMD ["--dry-run", "."]
