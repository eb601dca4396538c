# The emulator in a container: HTTP on 8080, HTTPS on 8443, data (SQLite and TLS files) in the /data volume.

# Build stage: the dev dependencies that compile the TypeScript. On Node 24 the emulator loads better-sqlite3 13
# (see db/database.ts), which ships prebuilt binaries: nothing is compiled, so no compilers are needed here either.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY routes ./routes
COPY db ./db
# Install scripts are skipped: the only one would compile better-sqlite3 12, which Node 24 never loads. Then only
# production dependencies stay, without that package, better-sqlite3 13's C sources, or binaries for other systems.
RUN npm ci --ignore-scripts \
 && npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && rm -rf node_modules/better-sqlite3 node_modules/better-sqlite3-node22/deps node_modules/better-sqlite3-node22/src \
 && find node_modules/better-sqlite3-node22/prebuilds -type f ! -name 'linux-x64.node' ! -name 'linux-arm64.node' -delete \
 && find dist -name '*.map' -delete

FROM node:24-bookworm-slim
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
ENV EMULATOR_HOST=0.0.0.0 \
    EMULATOR_DATA_DIR=/data
USER node
VOLUME ["/data"]
EXPOSE 8080 8443
HEALTHCHECK --interval=5s --timeout=3s --start-period=15s --retries=3 CMD ["node", "dist/src/healthcheck.js"]
# Node is PID 1 and handles SIGTERM itself: requests in flight finish, the database closes, the process exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/cli.js"]
