# The gateway image: built on node:20-bookworm-slim, production dependencies only, run as a non-root user.
# Started exactly as the tests start it: node_modules/.bin/tsx src/main.ts (tsx is a runtime dependency).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/schema ./schema
COPY --from=build --chown=node:node /app/src ./src
COPY --from=build --chown=node:node /app/web/dist ./web/dist
USER node
EXPOSE 4000
# Liveness only; orchestrators should use GET /readyz for readiness (503 while shutting down).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Exec form: tsx is PID 1 and relays SIGTERM to the Node process, which shuts down gracefully and exits 0.
CMD ["node_modules/.bin/tsx", "src/main.ts"]
