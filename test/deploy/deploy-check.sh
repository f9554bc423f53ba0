#!/usr/bin/env bash
# make deploy-check: checks deploy/ offline, without a container engine or
# a cluster (the Makefile first makes sure kubectl exists and builds dist/).
#
#  1. kustomize (kubectl kustomize) renders deploy/base and every example
#     under deploy/examples;
#  2. every rendered object passes kubernetes-models' schema, a strict
#     check of its keys and deploy/'s policy (check-manifests.ts);
#  3. dockerfile-utils lints deploy/Dockerfile without a problem or warning;
#  4. the built service runs the way the image runs it: a copy of what the
#     image holds (package.json, dist/, proto/, production node_modules) in
#     a directory it cannot write, as a non-root user, with only a fresh
#     state directory writable, configured by OFCONNMGR_* variables as the
#     ConfigMap does (mutual TLS, plaintext health listener); buf curl
#     finds health SERVING on the health port, makes a change over mutual
#     TLS (which the state file records), and SIGTERM stops it with status 0.
#
# Environment: KUBECTL (default kubectl).  Exit status 0 when all pass.

set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
KUBECTL=${KUBECTL:-kubectl}
BIN=$repo/node_modules/.bin
# Services under test listen on loopback only; waits are bounded.
START_TIMEOUT_S=20

say() { printf 'deploy-check: %s\n' "$*"; }
fail() { printf 'deploy-check: FAILED: %s\n' "$*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ofconnmgr-deploy-check.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- 1 and 2: render and check the manifests ---------------------------------
command -v "$KUBECTL" >/dev/null || fail "no $KUBECTL (make setup-kubectl installs Debian's kubernetes-client)"
say "kustomize: $("$KUBECTL" version --client 2>/dev/null | head -1)"
for dir in deploy/base deploy/examples/*/; do
  dir=${dir%/}
  out=$work/$(echo "$dir" | tr / _).yaml
  # Newer kustomize warns (on stderr) about the old spellings that kubectl
  # 1.20's kustomize needs; the warnings are shown only if rendering fails.
  if ! "$KUBECTL" kustomize "$dir" >"$out" 2>"$out.err"; then
    cat "$out.err" >&2
    fail "$KUBECTL kustomize $dir"
  fi
  "$BIN/tsx" test/deploy/check-manifests.ts "$dir" <"$out" || fail "manifests of $dir"
done

# --- 3: the Dockerfile ----------------------------------------------------------
lint=$("$BIN/dockerfile-utils" lint deploy/Dockerfile 2>&1) || { echo "$lint" >&2; fail "dockerfile-utils lint deploy/Dockerfile"; }
[ -z "$lint" ] || { echo "$lint" >&2; fail "dockerfile-utils lint deploy/Dockerfile has warnings"; }
say "deploy/Dockerfile: dockerfile-utils lint finds nothing"

# --- 4: the service as the image runs it ----------------------------------------
[ -f dist/cli/main.js ] || fail "no dist/cli/main.js (make build)"
chmod 755 "$work"
app=$work/app
mkdir -p "$app/node_modules"
cp package.json "$app/"
cp -r dist proto "$app/"
# Production dependencies only, as the image's `npm ci --omit=dev` has them.
prod=$(npm ls --omit=dev --all --parseable 2>/dev/null | sed -n "s|^$repo/node_modules/||p" | grep -E '^(@[^/]+/)?[^/]+$' || true)
[ -n "$prod" ] || fail "npm ls --omit=dev listed no production dependency"
for p in $prod; do
  mkdir -p "$app/node_modules/$(dirname "$p")"
  cp -rL "node_modules/$p" "$app/node_modules/$p"
done
chmod -R go-w,a+rX "$app"

# Test PKI: a CA, the server's certificate (localhost, 127.0.0.1), a client's.
tls=$work/tls
mkdir -p "$tls"
pki() { openssl "$@" 2>/dev/null >/dev/null || fail "openssl $1"; }
pki req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=deploy-check-ca \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign -keyout "$tls/ca.key" -out "$tls/ca.crt"
for who in server client; do
  pki req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$who" -keyout "$tls/$who.key" -out "$tls/$who.csr"
  printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$tls/$who.ext"
  pki x509 -req -in "$tls/$who.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 -extfile "$tls/$who.ext" -out "$tls/$who.crt"
done

state=$work/state
mkdir "$state"
if [ "$(id -u)" = 0 ]; then
  # The image's user is 1000; any non-root user shows the same thing.
  uid=65534
  chown "$uid:$uid" "$state" "$tls/server.key"
  chmod 700 "$state"
  chmod 400 "$tls/server.key"
  chmod 444 "$tls/server.crt" "$tls/ca.crt"
  as_user=(setpriv --reuid="$uid" --regid="$uid" --clear-groups)
else
  uid=$(id -u)
  as_user=()
fi
# Not writable by that user: the image's /app.
if [ "${#as_user[@]}" -gt 0 ] && "${as_user[@]}" test -w "$app"; then fail "$app is writable by uid $uid"; fi

log=$work/serve.log
touch "$work/started"
(
  cd "$app"
  exec "${as_user[@]}" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/nonexistent NODE_ENV=production \
    OFCONNMGR_LISTEN=127.0.0.1:0 \
    OFCONNMGR_HEALTH_LISTEN=127.0.0.1:0 \
    OFCONNMGR_STATE_DIR="$state" \
    OFCONNMGR_TLS_CERT="$tls/server.crt" \
    OFCONNMGR_TLS_KEY="$tls/server.key" \
    OFCONNMGR_TLS_CLIENT_CA="$tls/ca.crt" \
    "$(command -v node)" dist/cli/main.js serve
) >"$log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + START_TIMEOUT_S))
until grep -q '^ofconnmgr: state file' "$log"; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; fail "serve exited during start-up"; }
  [ "$SECONDS" -lt "$deadline" ] || { cat "$log" >&2; fail "serve did not start within ${START_TIMEOUT_S}s"; }
  sleep 0.2
done
api=$(sed -n 's/^ofconnmgr: serving .* on \(127\.0\.0\.1:[0-9]*\) (mutual TLS;.*/\1/p' "$log")
health=$(sed -n 's/^ofconnmgr: health .* on \(127\.0\.0\.1:[0-9]*\)$/\1/p' "$log")
[ -n "$api" ] && [ -n "$health" ] || { cat "$log" >&2; fail "serve did not report a mutual-TLS API and a health listener"; }
user=$(ps -o user= -p "$server_pid" | tr -d ' ')
say "serve runs as $user (uid $(ps -o uid= -p "$server_pid" | tr -d ' ')) from a read-only copy of the image's files; API $api (mutual TLS), health $health"

# grpc.health.v1's own proto has a map<> field, which the reflection
# service cannot describe: buf curl reads the schema from the .proto file.
health_proto=$repo/node_modules/grpc-health-check/proto/health/v1/health.proto
curl_health() { "$BIN/buf" curl --protocol grpc --schema "$health_proto" -d '{}' "$@"; }

out=$(curl_health --http2-prior-knowledge "http://$health/grpc.health.v1.Health/Check" 2>&1) || { echo "$out" >&2; fail "buf curl health on $health"; }
echo "$out" | grep -q '"status": *"SERVING"' || { echo "$out" >&2; fail "health on $health is not SERVING"; }
say "buf curl (plaintext) $health /grpc.health.v1.Health/Check: SERVING"

if curl_health --http2-prior-knowledge "http://$api/grpc.health.v1.Health/Check" >/dev/null 2>&1; then fail "the mutual-TLS port $api answered plaintext"; fi
if curl_health --cacert "$tls/ca.crt" "https://localhost:${api##*:}/grpc.health.v1.Health/Check" >/dev/null 2>&1; then
  fail "the mutual-TLS port $api answered a client without a certificate"
fi
mtls=(--cacert "$tls/ca.crt" --cert "$tls/client.crt" --key "$tls/client.key")
out=$(curl_health "${mtls[@]}" "https://localhost:${api##*:}/grpc.health.v1.Health/Check" 2>&1) || { echo "$out" >&2; fail "buf curl health over mutual TLS"; }
echo "$out" | grep -q '"status": *"SERVING"' || { echo "$out" >&2; fail "health over mutual TLS is not SERVING"; }
say "API port: refuses plaintext and a client without a certificate; SERVING over mutual TLS"

# A configuration change over mutual TLS (through reflection) lands in the state file.
out=$("$BIN/buf" curl --protocol grpc "${mtls[@]}" -d '{"bridge":{"name":"br-check"}}' \
  "https://localhost:${api##*:}/ofconnmgr.v1.ConnectionManager/CreateBridge" 2>&1) || { echo "$out" >&2; fail "CreateBridge over mutual TLS"; }
grep -q '"br-check"' "$state/state.json" 2>/dev/null || fail "state file $state/state.json does not hold the new bridge"
# The image's root filesystem is read-only: nothing but the state directory
# may be written, in the copy nor in the usual scratch places.
stray=$(find "$work" /tmp /var/tmp /dev/shm -newer "$work/started" -user "$uid" ! -path "$state" ! -path "$state/*" 2>/dev/null | head -5)
[ -z "$stray" ] || fail "the service wrote outside its state directory: $stray"
say "CreateBridge over mutual TLS: written to the state file, nothing written elsewhere"

kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
[ "$status" = 0 ] || { cat "$log" >&2; fail "serve exited with status $status after SIGTERM"; }
grep -q '^ofconnmgr: stopping$' "$log" || { cat "$log" >&2; fail "serve did not say it was stopping"; }
say "SIGTERM: stopped with status 0"
say "all checks pass"
