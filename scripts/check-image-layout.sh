#!/usr/bin/env bash
# Rebuilds the Docker image's runtime layout without Docker (this machine has
# no engine): the build stage's steps (npm ci, build, prune), then the runtime
# stage's copies (package.json, node_modules, dist, bin; /app/.data owned by
# the unprivileged user), and runs the server and the CLI from it as that
# user, as `docker run` / `docker compose exec api …` would.
#
#   scripts/check-image-layout.sh            # embedded mode only
#   DATABASE_URL=postgres://… scripts/check-image-layout.sh   # also the server-mode CLI (migrate)
#
# Needs root (to run as another user) and the real datasets for the import step.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/hrd-image-XXXXXX)"
RUN_AS="${RUN_AS:-nobody}"
PORT="${PORT:-3987}"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken: set PORT" >&2; exit 1; fi
trap '[ -z "${SERVER_PID:-}" ] || kill "$SERVER_PID" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

echo "== build stage in $WORK/build"
mkdir -p "$WORK/build"
cd "$ROOT"
cp -r package.json package-lock.json tsconfig.json tsconfig.build.json nest-cli.json .swcrc bin src migrations "$WORK/build/"
mkdir -p "$WORK/build/scripts" && cp scripts/build.js scripts/widget-bundle.js "$WORK/build/scripts/"
cd "$WORK/build"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
npm prune --omit=dev --no-audit --no-fund --loglevel=error

echo "== runtime stage in $WORK/app (no src/, no dev dependencies, runs as $RUN_AS)"
mkdir -p "$WORK/app"
cp -r package.json node_modules dist bin "$WORK/app/"
mkdir -p "$WORK/app/.data" && chown "$RUN_AS" "$WORK/app/.data"
chmod 755 "$WORK"
test ! -e "$WORK/app/src" && test ! -e "$WORK/app/node_modules/typescript" && test ! -e "$WORK/app/node_modules/ts-node"
as_user() { (cd "$WORK/app" && runuser -u "$RUN_AS" -- env -i PATH="$PATH" NODE_ENV=production HOST=127.0.0.1 PORT="$PORT" "$@"); }

echo "== CLI before any start: keys create on an empty embedded folder"
as_user node bin/harm-reduction-directory.js keys create --name image-admin --scope admin | tee "$WORK/key.txt"
KEY="$(sed -n 's/^Key (shown once, store it now): //p' "$WORK/key.txt")"
echo "(key ${KEY:0:10}…, ${#KEY} characters)"

echo "== server (embedded, as $RUN_AS)"
# setpriv execs (runuser would stay the parent), so $! is the server itself and `kill` stops it
(cd "$WORK/app" && exec setpriv --reuid="$RUN_AS" --regid="$(id -g "$RUN_AS")" --clear-groups \
  env -i PATH="$PATH" NODE_ENV=production HOST=127.0.0.1 PORT="$PORT" node --max-old-space-size=512 dist/src/main.js >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health/ready"; echo

echo "== CLI while the server runs (goes through it)"
DALLAS="$ROOT/../shared/data/dallas-naloxone-2026/naloxone_locations.geojson"
if [ -f "$DALLAS" ]; then
  cp "$DALLAS" "$WORK/dallas.geojson" && chmod 644 "$WORK/dallas.geojson"
  as_user node bin/harm-reduction-directory.js import --format geojson "$WORK/dallas.geojson" | head -3
else
  echo "(skipped the import: $DALLAS is missing)"
fi
as_user node bin/harm-reduction-directory.js keys list
echo "== the admin key created before the start writes through the server"
curl -s -w '\nPOST /v1/organizations -> %{http_code}\n' -H "authorization: Bearer $KEY" -H 'content-type: application/json' \
  -d '{"name":"Image layout check organization (fictional)","description":"Written by scripts/check-image-layout.sh."}' "http://127.0.0.1:$PORT/v1/organizations"
echo "== data folder owner"
ls -la "$WORK/app/.data"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

if [ -n "${DATABASE_URL:-}" ]; then
  echo "== server-mode CLI: migrate against DATABASE_URL"
  (cd "$WORK/app" && runuser -u "$RUN_AS" -- env -i PATH="$PATH" NODE_ENV=production DATABASE_URL="$DATABASE_URL" node bin/harm-reduction-directory.js migrate)
fi
echo "== image layout check passed"
