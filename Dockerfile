# Production image: compiled JavaScript, production dependencies only, non-root.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json .swcrc ./
COPY scripts/build.js scripts/widget-bundle.js ./scripts/
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_LEVEL=log LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# The CLI on the PATH: `docker compose exec api harm-reduction-directory keys create …`
RUN ln -s /app/bin/harm-reduction-directory.js /usr/local/bin/harm-reduction-directory \
 # embedded mode (no DATABASE_URL) keeps its files in /app/.data, owned by the user that runs the app
 && mkdir -p /app/.data && chown node:node /app/.data
VOLUME ["/app/.data"]
USER node
EXPOSE 3000
# start-period: the first start migrates (and, embedded, unpacks PostGIS) before it is ready
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Heap cap: see README "Running against PostgreSQL + PostGIS" (search RSS ~190 MB instead of ~360 MB under load)
CMD ["node", "--max-old-space-size=512", "--max-semi-space-size=32", "dist/src/main.js"]
