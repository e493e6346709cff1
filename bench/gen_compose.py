#!/usr/bin/env python3
"""Writes a large, realistic synthetic compose file for benchmarks.

usage: gen_compose.py LINES [SEED] > compose.yaml

The file looks like the big real ones: shared blocks under x- keys with anchors, services that
pull them in through merge keys (<<: *x) and aliases (hundreds of them), comments, block and flow
lists, environment maps, depends_on in both forms, healthchecks, some services already hardened
and some not, so every rule finds work. Deterministic for a given LINES and SEED.
"""
import random
import sys

HEADER = """\
# Synthetic compose file for composefix benchmarks (bench/gen_compose.py).
version: "3.8"

x-logging: &default-logging
  driver: json-file
  options:
    max-size: "10m"
    max-file: "3"

x-env: &common-env
  TZ: Europe/Berlin
  LOG_LEVEL: info   # raise to debug when needed
  METRICS_ENABLED: "true"

x-healthcheck: &http-health
  test: ["CMD", "curl", "-fsS", "http://localhost:8080/health"]
  interval: 30s
  timeout: 5s
  retries: 3

x-base: &base
  restart: unless-stopped
  logging: *default-logging
  networks:
    - backend

x-plain-logs: &plain-logs
  # json-file without rotation, shared by every build service below
  logging:
    driver: json-file

x-worker: &worker
  <<: *base
  environment: *common-env
  security_opt:
    - no-new-privileges:true

services:
"""

FOOTER = """\
networks:
  backend:
  frontend:
    driver: bridge

volumes:
"""

IMAGES = ["nginx:1.27", "postgres:16", "redis:7.4-alpine", "ghcr.io/acme/api:2.3.1",
          "python:3.12-slim", "node:22-alpine", "grafana/grafana:11.2.0", "traefik:v3.1",
          "rabbitmq:3.13-management", "minio/minio:RELEASE.2024-10-02T17-50-41Z"]


def service(i, rng, names):
    kind = i % 5
    name = f"svc-{i:05d}"
    img = IMAGES[rng.randrange(len(IMAGES))]
    out = []
    if i % 7 == 0:
        out.append(f"  # service {i}: part of group {i // 50}")
    out.append(f"  {name}:")
    if kind == 0:
        # fully explicit, nothing shared, nothing hardened: every rule fixes it
        out += [f"    image: {img}",
                f"    container_name: {name}",
                "    ports:",
                f"      - \"{8000 + i % 1000}:80\"",
                "    environment:",
                f"      APP_NAME: {name}",
                "      APP_ENV: production  # keep in sync with the chart",
                f"      DATABASE_URL: postgres://app@db-{i % 13}:5432/app",
                "    volumes:",
                f"      - data-{i % 50}:/var/lib/app",
                "      - ./config/app.yaml:/etc/app.yaml:ro"]
    elif kind == 1:
        # merges the base block: restart and logging come from the anchor
        out += ["    <<: *base",
                f"    image: {img}",
                "    environment: *common-env",
                "    healthcheck: *http-health",
                "    command: [\"serve\", \"--port\", \"8080\"]"]
    elif kind == 2:
        # merges the worker block (already hardened)
        out += ["    <<: *worker",
                f"    image: {img}",
                "    deploy:",
                "      resources:",
                "        limits:",
                "          cpus: \"0.50\"",
                "          memory: 256M"]
    elif kind == 3:
        # logging given but without rotation, flow-style ports, labels
        out += [f"    image: {img}",
                "    ports: [\"9090\", \"9091\"]",
                "    logging:",
                "      driver: json-file",
                "    labels:",
                f"      com.example.team: team-{i % 9}",
                "      com.example.tier: 'backend'",
                "    read_only: true",
                "    tmpfs:",
                "      - /tmp"]
    else:
        # depends_on in list or map form, build instead of image
        out += ["    <<: *plain-logs",
                "    build:",
                "      context: ./app",
                "      dockerfile: Dockerfile",
                "      args:",
                f"        VERSION: \"1.{i % 40}.0\""]
        if names:
            deps = rng.sample(names[-20:], min(2, len(names[-20:])))
            if i % 2:
                out.append("    depends_on:")
                out += [f"      - {d}" for d in deps]
            else:
                out.append("    depends_on:")
                for d in deps:
                    out += [f"      {d}:", "        condition: service_started"]
        out += ["    environment:",
                "      <<: *common-env",
                f"      WORKER_ID: \"{i}\""]
    out.append("")
    names.append(name)
    return out


def main():
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
    lines = HEADER.splitlines()
    names = []
    i = 0
    while len(lines) + len(FOOTER.splitlines()) + 50 < target:
        lines += service(i, rng, names)
        i += 1
    lines += FOOTER.splitlines()
    lines += [f"  data-{v}:" for v in range(50)]
    sys.stdout.write("\n".join(lines[:max(target, len(lines))]) + "\n")


if __name__ == "__main__":
    main()
