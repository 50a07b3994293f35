#!/usr/bin/env bash
# Stops what e2e/env/up.sh started: removes the test containers (label io.bosun.test), then stops the
# loopback sshd and the test dockerd by their pidfiles. Images, the data-root, the image caches, the
# ssh keys and the bridge stay, so the next up.sh is quick.
set -euo pipefail
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

SELF=$(basename "$0")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=/run/bosun-test

[ "$(id -u)" -eq 0 ] || { echo "$SELF: ERROR: the test engine runs as root: run sudo $0" >&2; exit 1; }

# shellcheck source=e2e/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# stop NAME PIDFILE MATCH SECONDS
stop() {
  local name=$1 pidfile=$2 match=$3 limit=$4 pid _
  if ! pid=$(live_pid "$pidfile" "$match"); then
    rm -f "$pidfile"
    echo "$SELF: $name is not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 $((limit * 4))); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$SELF: $name (pid $pid) ignored SIGTERM for ${limit}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pidfile"
  echo "$SELF: stopped $name (pid $pid)"
}

"$HERE/clean-test-containers.sh"
# dockerd stops running containers itself on shutdown, but gives each one 10 s to honour SIGTERM, and
# busybox sh or sleep as PID 1 never does: kill what still runs (the containers stay, exited).
if curl -sf --max-time 3 --unix-socket "$STATE/docker.sock" http://localhost/_ping >/dev/null 2>&1; then
  running=$(/usr/bin/docker -H "unix://$STATE/docker.sock" ps -q)
  if [ -n "$running" ]; then
    printf '%s\n' "$running" | xargs /usr/bin/docker -H "unix://$STATE/docker.sock" kill >/dev/null 2>&1 || true
    echo "$SELF: killed $(printf '%s\n' "$running" | wc -l) running container(s) without the test label"
  fi
fi
stop sshd "$STATE/ssh/sshd.pid" sshd 10
stop dockerd "$STATE/dockerd.pid" dockerd 60
