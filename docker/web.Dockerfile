# Hearth web app (Next.js). Build from the repo root:
#   docker build -f docker/web.Dockerfile -t hearth-web .
# Runtime: applies pending migrations, then serves on :3000 (configuration from the environment, see .env.example).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json ./
# Dev dependencies stay: tsx runs the migrations at start-up.
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN bash scripts/db/generate.sh
# The build needs no configuration: the environment is read and validated when the server starts.
RUN node_modules/.bin/next build web

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 PORT=3000
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# = `npx tsx scripts/db/migrate.ts deploy && npx tsx web/server.ts` (Hearth's server around Next), without npx in between:
# `npm exec` does not pass SIGTERM on, so `docker stop` would wait 10 s and then SIGKILL the server.
CMD ["sh", "-c", "node --import tsx scripts/db/migrate.ts deploy && exec node --import tsx web/server.ts -p 3000 -H 0.0.0.0"]
