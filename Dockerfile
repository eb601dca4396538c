# The emulator in a container: HTTP on 8080, HTTPS on 8443, data (SQLite and TLS files) in the /data volume.

# Build stage: the dev dependencies that compile the TypeScript and bundle it per program (dist/bin/cli.mjs,
# dist/bin/healthcheck.mjs, plus shared chunks and the certificate library's, loaded only when certificates are made),
# which starts faster than thousands of module files. On Node 24 the
# emulator loads better-sqlite3 13 (see db/database.ts), which ships prebuilt binaries: nothing is compiled, so no
# compilers are needed here either.
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
 && cp -r dist/bin /runtime/bin

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
HEALTHCHECK --interval=5s --timeout=3s --start-period=15s --retries=3 CMD ["node", "dist/bin/healthcheck.mjs"]
# Node is PID 1 and handles SIGTERM itself: requests in flight finish, the database closes, the process exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/bin/cli.mjs"]
