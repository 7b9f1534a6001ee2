# Hearth background worker (BullMQ). Build from the repo root:
#   docker build -f docker/worker.Dockerfile -t hearth-worker .
# Configuration from the environment (see .env.example); migrations are applied by the web image.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json ./
# Dev dependencies stay: the worker runs TypeScript through tsx.
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN bash scripts/db/generate.sh

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY --from=build --chown=node:node /app /app
USER node
# = `npx tsx worker/main.ts` as a single process, so SIGTERM reaches the worker's graceful shutdown
# (`npm exec` does not forward signals).
CMD ["node", "--import", "tsx", "worker/main.ts"]
