# The gateway image: built on node:24-bookworm-slim (a supported LTS), production dependencies only, one Node
# process (`node dist/src/main.js`) as a non-root user. It ships the compiled gateway, the SDL and the built dashboard:
# no TypeScript sources, tests, fixtures or simulators (demo mode needs a checkout: `npm start` there).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:server && rm -rf dist/simulators && npm run build:web && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/schema ./schema
COPY --from=build --chown=node:node /app/web/dist ./web/dist
USER node
EXPOSE 4000
# Liveness only; orchestrators should use GET /readyz for readiness (503 while shutting down).
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Exec form: Node is PID 1 and handles SIGTERM itself (readyz 503, drain, exit 0).
CMD ["node", "dist/src/main.js"]
