# crownpath: the CLI and HTTP API in one image.
#   docker compose up crownpath      (see docker-compose.yml)
#   docker run --rm -p 127.0.0.1:8080:8080 -v $PWD/auth.json:/config/auth.json:ro crownpath
FROM node:20-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends build-essential python3 \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production \
    CROWNPATH_DB=/data/crownpath.db
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/queries ./queries
COPY --from=build /app/examples ./examples
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["node", "bin/crownpath.js"]
# Inside a container the server must listen on all interfaces for port
# publishing to work, and `serve` refuses a non-loopback bind without
# authentication, so the image expects an auth config at /config/auth.json
# (e.g. {"tokens": true}; see `crownpath serve --help`). docker-compose.yml
# mounts it and publishes the port on 127.0.0.1 only.
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--auth-config", "/config/auth.json"]
