package dev.composefix.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileTest {

  @Test
  void lastUserOfTheLastStage() {
    Dockerfile d =
        Dockerfile.parse(
            """
        FROM golang:1.23 AS build
        USER 2000
        RUN go build

        FROM gcr.io/distroless/static:nonroot
        COPY --from=build /out /app
        USER 65532:65532
        """,
            Map.of());
    Dockerfile.Stage s = d.stage(null);
    assertEquals("65532:65532", d.user(s));
    assertEquals("gcr.io/distroless/static:nonroot", d.baseImage(s));
    assertEquals("2000", d.user(d.stage("build")));
    assertEquals("2000", d.user(d.stage("BUILD")), "stage names are case-insensitive");
    assertNull(d.stage("nope"));
  }

  @Test
  void stagesInheritFromEarlierStages() {
    Dockerfile d =
        Dockerfile.parse(
            """
        FROM alpine:3.20 AS base
        RUN addgroup -S -g 1500 app && adduser -S -D -u 1500 -G app app
        USER app
        FROM base AS runtime
        COPY . /srv
        """,
            Map.of());
    Dockerfile.Stage rt = d.stage("runtime");
    assertEquals("app", d.user(rt));
    assertEquals("alpine:3.20", d.baseImage(rt));
    assertEquals("1500", d.idOf(rt, "app", false));
    assertEquals("1500", d.idOf(rt, "app", true));
  }

  @Test
  void continuationLinesCommentsAndArgs() {
    Dockerfile d =
        Dockerfile.parse(
            """
        # syntax=docker/dockerfile:1
        ARG BASE=debian:12
        FROM ${BASE}
        ARG UID=1001
        ARG GID=1001
        RUN groupadd --gid ${GID} app \\
        # a comment inside the instruction
         && useradd --uid $UID --gid app \\
              --create-home --shell /bin/false app
        USER ${UID}:${GID}
        """,
            Map.of());
    Dockerfile.Stage s = d.stage(null);
    assertEquals("debian:12", d.baseImage(s));
    assertEquals("1001:1001", d.user(s));
    assertEquals("1001", d.idOf(s, "app", false));
    assertEquals("1001", d.idOf(s, "app", true));
  }

  @Test
  void buildArgsOverrideDefaults() {
    Dockerfile d =
        Dockerfile.parse(
            """
        FROM debian:12
        ARG APP_UID=1000
        USER $APP_UID
        """,
            Map.of("APP_UID", "4242"));
    assertEquals("4242", d.user(d.stage(null)));
  }

  @Test
  void anUnresolvedVariableIsNotAUser() {
    Dockerfile d =
        Dockerfile.parse(
            """
        FROM debian:12
        ARG APP_UID
        USER $APP_UID
        """,
            Map.of());
    assertEquals("$", d.user(d.stage(null)));
  }

  @Test
  void noUserMeansTheBaseImageDecides() {
    Dockerfile d = Dockerfile.parse("FROM python:3.12-slim\nCOPY . /app\n", Map.of());
    assertNull(d.user(d.stage(null)));
  }

  @Test
  void pathsTheImageHandsToItsUser() {
    Dockerfile d =
        Dockerfile.parse(
            """
        FROM alpine:3.20
        RUN mkdir -p /data/cache /srv/logs && chown -R app:app /data
        RUN chown app /srv/logs
        COPY --chown=app:app config/ /etc/app/
        """,
            Map.of());
    Dockerfile.Stage s = d.stage(null);
    assertTrue(d.ownsPath(s, "/data"));
    assertTrue(d.ownsPath(s, "/data/cache/"), "created, and chowned -R above it");
    assertTrue(d.ownsPath(s, "/srv/logs"));
    assertTrue(d.ownsPath(s, "/etc/app"));
    assertFalse(d.ownsPath(s, "/data/other"), "never created in the image");
    assertFalse(d.ownsPath(s, "/srv"));
  }

  @Test
  void debianAdduserAndUseraddOptions() {
    Dockerfile d =
        Dockerfile.parse(
            """
        FROM debian:12
        RUN adduser --system --uid 999 --group --disabled-password --gecos "" svc
        RUN useradd -r -u 1234 -g users -s /sbin/nologin worker
        """,
            Map.of());
    Dockerfile.Stage s = d.stage(null);
    assertEquals("999", d.idOf(s, "svc", false));
    assertEquals("1234", d.idOf(s, "worker", false));
    assertNull(d.idOf(s, "users", true));
  }

  @Test
  void backtickEscapeDirective() {
    Dockerfile d =
        Dockerfile.parse(
            "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER `\n  ContainerUser\n",
            Map.of());
    assertEquals("ContainerUser", d.user(d.stage(null)));
  }
}
