# The emulator in a container: HTTP on 8080, HTTPS on 8443, data (SQLite and TLS files) in the /data volume.

# Build stage: the dev dependencies that compile the TypeScript and bundle the command line (dist/bin/cli.mjs, plus
# chunks: the certificate library's is loaded only when certificates are made), which starts faster than thousands
# of module files. On Node 24 the emulator loads better-sqlite3 13 (see db/database.ts), which ships prebuilt
# binaries: nothing is compiled, so no compilers are needed here either.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY routes ./routes
COPY db ./db
# Install scripts are skipped: the only one that matters would compile better-sqlite3 12, which Node 24 never loads.
# The bundle needs better-sqlite3 13 beside it and nothing else: no sources, no binaries for other systems.
RUN npm ci --ignore-scripts \
 && npm run build \
 && mkdir -p /runtime/node_modules \
 && cp -r node_modules/better-sqlite3-node22 /runtime/node_modules/ \
 && rm -rf /runtime/node_modules/better-sqlite3-node22/deps /runtime/node_modules/better-sqlite3-node22/src \
 && find /runtime/node_modules/better-sqlite3-node22/prebuilds -type f ! -name 'linux-x64.node' ! -name 'linux-arm64.node' -delete \
 && cp -r dist/bin /runtime/bin \
 && cp src/healthcheck.sh /runtime/bin/

FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=build /runtime/node_modules ./node_modules
COPY --from=build /runtime/bin ./dist/bin
RUN mkdir -p /data && chown node:node /data
ENV EMULATOR_HOST=0.0.0.0 \
    EMULATOR_DATA_DIR=/data
USER node
VOLUME ["/data"]
EXPOSE 8080 8443
# The check paces itself (see src/healthcheck.sh): the first run starts 100 ms in and waits for the emulator, so the
# container is healthy as soon as the emulator is ready; later runs check every 30 s. A run lasts at most 32 s.
HEALTHCHECK --interval=100ms --timeout=40s --start-period=15s --retries=3 CMD ["bash", "dist/bin/healthcheck.sh"]
# Node is PID 1 and handles SIGTERM itself: requests in flight finish, the database closes, the process exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/bin/cli.mjs"]
