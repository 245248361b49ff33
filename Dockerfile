# podsensei: one image for the bot (`serve`) and the worker (`worker`).
# Multi-stage: compile TypeScript with dev dependencies, then ship only production
# dependencies and dist/, running as the unprivileged `node` user (uid 1000).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY worker ./worker
RUN npm run build

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:20-bookworm-slim
# The cluster picture is rasterised with the DejaVu fonts.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root bin ./bin
COPY --chown=root:root content ./content
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["node", "bin/podsensei.mjs"]
CMD ["serve"]
