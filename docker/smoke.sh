#!/usr/bin/env bash
# Builds docker/compose.yml's images with podman, runs the stack (PostgreSQL, Redis, the migrate
# step, two gateways, nginx), checks it end to end (docker/smoke-check.ts) and tears it all down
# again, volumes included, whether the checks pass or not. `npm run docker:smoke`; needs root,
# podman, podman-compose and (for the base image, if missing) debootstrap. docs/deploy.md.
#
# Settings (environment), all optional:
#   SMOKE_PROJECT        compose project name (default p2p-board-smoke: apart from a real stack)
#   SMOKE_FRONT_PORT, SMOKE_GATEWAY1_PORT, SMOKE_GATEWAY2_PORT
#                        loopback ports for the front and each gateway (13080, 13081, 13082)
#   SMOKE_REBUILD_BASE=1 make the Debian base image again even if it exists
#   SMOKE_KEEP=1         leave the stack running after the checks (then stop it yourself: the
#                        script prints how)
#   CONTAINERS_CONF      podman's settings (default docker/podman/containers.conf)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
cd "$repo"

project=${SMOKE_PROJECT:-p2p-board-smoke}
front_port=${SMOKE_FRONT_PORT:-13080}
export SMOKE_GATEWAY1_PORT=${SMOKE_GATEWAY1_PORT:-13081}
export SMOKE_GATEWAY2_PORT=${SMOKE_GATEWAY2_PORT:-13082}
base_image=${BASE_IMAGE:-localhost/p2p-board/debian-base:trixie}

# podman's settings for this run only; nothing on the host is changed (docs/deploy.md, Podman).
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/podman/containers.conf}
# The stack's configuration: a fresh password each run, the demo community, plain HTTP.
POSTGRES_PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export POSTGRES_PASSWORD
export BASE_IMAGE=$base_image
export SEED_DEMO=true
export COOKIE_SECURE=false
export FRONT_PORT=127.0.0.1:$front_port
export ALLOWED_ORIGINS=http://127.0.0.1:$front_port,http://localhost:$front_port
export LOG_LEVEL=${LOG_LEVEL:-warn}

t_start=$(date +%s)
logs=$(mktemp -d)
say() { printf 'smoke [%4ss] %s\n' "$(($(date +%s) - t_start))" "$*"; }
fail() {
  say "FAILED: $*"
  exit 1
}

for tool in podman podman-compose; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install podman podman-compose)"
done
[ "$(id -u)" = 0 ] || fail "run as root (rootful podman)"
# podman-compose lets docker/.env override the environment, which would change this run's settings.
[ ! -e "$here/.env" ] || fail "docker/.env exists; podman-compose would let it override the smoke's settings: move it aside"
for port in "$front_port" "$SMOKE_GATEWAY1_PORT" "$SMOKE_GATEWAY2_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "port $port is in use; set SMOKE_*_PORT"; fi
done

compose() {
  podman-compose -p "$project" -f "$here/compose.yml" -f "$here/compose.smoke.yml" "$@" >>"$logs/compose.log" 2>&1
}
container() { echo "${project}_$1_1"; }
services=(postgres redis migrate gateway1 gateway2 front)
copied_certs=()

teardown() {
  local status=$?
  set +e
  if [ "$status" != 0 ]; then
    for s in "${services[@]}"; do
      if podman container exists "$(container "$s")"; then
        echo "----- last log lines of $s"
        podman logs --tail 25 "$(container "$s")" 2>&1
      fi
    done
    echo "----- last lines of podman-compose's output"
    tail -n 40 "$logs/compose.log"
  fi
  if [ "${SMOKE_KEEP:-}" = 1 ] && [ "$status" = 0 ]; then
    say "left running (SMOKE_KEEP=1); remove it with: export CONTAINERS_CONF=$CONTAINERS_CONF;" \
      "POSTGRES_PASSWORD=x podman-compose -p $project -f docker/compose.yml down -v;" \
      "podman network rm ${project}_default"
  else
    say "tearing down"
    timeout 120 podman-compose -p "$project" -f "$here/compose.yml" -f "$here/compose.smoke.yml" down -v -t 20 \
      >>"$logs/compose.log" 2>&1
    # What `down` may leave: any container or volume of the project, and its network.
    podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}' | xargs -r podman rm -f >/dev/null 2>&1
    podman volume ls --filter "label=io.podman.compose.project=$project" --format '{{.Name}}' | xargs -r podman volume rm -f >/dev/null 2>&1
    podman network rm -f "${project}_default" >/dev/null 2>&1
    left=$(podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}')
    [ -z "$left" ] || say "still there after teardown: $left"
  fi
  rm -rf "$logs"
  [ "${#copied_certs[@]}" = 0 ] || rm -f "${copied_certs[@]}"
  say "$([ "$status" = 0 ] && echo 'PASSED' || echo 'FAILED') in $(($(date +%s) - t_start)) s"
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# Waits (at most $2 seconds) for the health check compose.yml gives container $1 to pass.
wait_healthy() {
  local name end
  name=$(container "$1")
  end=$(($(date +%s) + $2))
  until timeout 20 podman healthcheck run "$name" >/dev/null 2>&1; do
    [ "$(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || fail "$1 is not running"
    [ "$(date +%s)" -lt "$end" ] || fail "$1 not healthy within $2 s"
    sleep 2
  done
  say "$1 healthy"
}

# 1. The Debian base image, from Debian's packages.
if [ "${SMOKE_REBUILD_BASE:-}" = 1 ] || ! podman image exists "$base_image"; then
  say "making the base image $base_image with debootstrap"
  t=$(date +%s)
  timeout 1200 "$here/make-base-image.sh" >"$logs/base.log" 2>&1 || {
    tail -n 30 "$logs/base.log"
    fail "make-base-image.sh"
  }
  say "base image made in $(($(date +%s) - t)) s"
fi

# 2. The images (podman's layer cache makes a rebuild of unchanged sources quick). The gateway's
# build fetches npm packages; it trusts what this host trusts locally (a TLS-inspecting proxy's
# authority, say) through docker/ca-certificates, for this build only.
for crt in /usr/local/share/ca-certificates/*.crt; do
  [ -f "$crt" ] || continue
  dest=$here/ca-certificates/smoke-host-$(basename "$crt")
  cp "$crt" "$dest"
  copied_certs+=("$dest")
done
say "building the images"
t=$(date +%s)
timeout 2400 podman-compose -p "$project" -f "$here/compose.yml" -f "$here/compose.smoke.yml" build \
  >"$logs/build.log" 2>&1 || {
  tail -n 40 "$logs/build.log"
  fail "podman-compose build"
}
# podman-compose 1.0 exits 0 even when a build fails; each command's own status is in its output.
if grep -q '^exit code: [1-9]' "$logs/build.log"; then
  tail -n 40 "$logs/build.log"
  fail "podman-compose build: a podman build failed"
fi
say "images built in $(($(date +%s) - t)) s"

# 3. The stack, in the order compose.yml's depends_on conditions give. podman-compose 1.0 starts
# services in dependency order but does not wait for conditions, so each step is waited for here.
compose down -v -t 5 || true
say "starting postgres and redis"
compose up -d --no-build postgres redis
wait_healthy postgres 120
wait_healthy redis 60

say "running the migrate step"
compose up -d --no-build migrate
code=$(timeout 300 podman wait "$(container migrate)") || fail "migrate did not finish within 300 s"
[ "$code" = 0 ] || fail "migrate exited with $code"
say "migrate step done: $(podman logs "$(container migrate)" 2>&1 | tail -n 3 | tr '\n' ' ' | cut -c1-200)"

say "starting gateway1 and gateway2"
compose up -d --no-build gateway1 gateway2
wait_healthy gateway1 120
wait_healthy gateway2 120

say "starting the front"
compose up -d --no-build front
end=$(($(date +%s) + 60))
until curl -fsS -m 5 "http://127.0.0.1:$front_port/api/health" >/dev/null 2>&1; do
  [ "$(date +%s)" -lt "$end" ] || fail "the front does not answer on 127.0.0.1:$front_port within 60 s"
  sleep 1
done
say "front answers on http://127.0.0.1:$front_port"

# 4. What a member does: sign in, post through gateway1, hear it on gateway2 and through the front.
say "checking the stack (docker/smoke-check.ts)"
FRONT_URL=http://127.0.0.1:$front_port \
  GATEWAY1_URL=http://127.0.0.1:$SMOKE_GATEWAY1_PORT \
  GATEWAY2_URL=http://127.0.0.1:$SMOKE_GATEWAY2_PORT \
  SWC_NODE_PROJECT=tsconfig.json timeout 180 node -r @swc-node/register "$here/smoke-check.ts" ||
  fail "docker/smoke-check.ts"

# 5. A gateway that stops (here: SIGTERM to its process, from inside) is started again by its
# restart policy, and the checks pass again with the new process.
restarts=$(podman inspect -f '{{.RestartCount}}' "$(container gateway2)")
podman exec "$(container gateway2)" sh -c 'kill -TERM 1'
end=$(($(date +%s) + 60))
until [ "$(podman inspect -f '{{.RestartCount}}' "$(container gateway2)")" -gt "$restarts" ]; do
  [ "$(date +%s)" -lt "$end" ] || fail "gateway2 was not restarted within 60 s"
  sleep 1
done
say "gateway2 stopped and was restarted by its restart policy"
wait_healthy gateway2 120
say "checking the stack again"
FRONT_URL=http://127.0.0.1:$front_port \
  GATEWAY1_URL=http://127.0.0.1:$SMOKE_GATEWAY1_PORT \
  GATEWAY2_URL=http://127.0.0.1:$SMOKE_GATEWAY2_PORT \
  SWC_NODE_PROJECT=tsconfig.json timeout 180 node -r @swc-node/register "$here/smoke-check.ts" ||
  fail "docker/smoke-check.ts after gateway2's restart"

# 6. The backup command docs/deploy.md gives, and the migrations it ran once.
podman exec "$(container postgres)" pg_dump -U p2p -d p2p --format=custom >"$logs/backup.dump" ||
  fail "pg_dump in the postgres container"
say "pg_dump of the database: $(wc -c <"$logs/backup.dump") bytes"
migrations=$(podman exec "$(container postgres)" psql -U p2p -d p2p -Atc 'SELECT count(*) FROM migrations')
say "migrations recorded: $migrations"
