FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Sign-ins and sessions live in /app/data (a volume); only the node user may read them.
RUN mkdir -p /app/data && chown node:node /app/data && chmod 700 /app/data
USER node
CMD ["node", "dist/apps/api/src/main.js"]
