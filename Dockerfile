# Node 24, the active LTS (Node 20's support ended on 30 April 2026). The native packages load on it
# without a compiler: @resvg/resvg-js is N-API (engines ">= 10", a prebuilt linux-x64-gnu package),
# msgpackr-extract ships an N-API build (node.napi.glibc.node) that node-gyp-build picks for any ABI.
# Build stage: installs everything, type-checks and compiles.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY handlers ./handlers
RUN npm run build

# Runtime stage: production dependencies, the compiled code, the form and directory data, the texts, the console's stylesheet and script.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY flows ./flows
COPY locales ./locales
COPY src/console/assets ./src/console/assets
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What `npm start` runs, without npm in between, so SIGTERM reaches the bot and it closes Redis cleanly.
CMD ["node", "dist/src/main.js"]
