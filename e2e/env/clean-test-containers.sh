#!/usr/bin/env bash
# Removes everything tests left on the test engine: containers labelled io.bosun.test (any value;
# tests use io.bosun.test=1), with their anonymous volumes, then unused networks and volumes with the
# same label. Images stay. Safe to run any time; does nothing when the engine is down.
set -euo pipefail

SELF=$(basename "$0")
SOCK=/run/bosun-test/docker.sock
DOCKER_URL=unix://$SOCK
LABEL=io.bosun.test
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
d() { /usr/bin/docker -H "$DOCKER_URL" "$@"; }

if ! curl -sf --max-time 3 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; then
  echo "$SELF: the test engine ($DOCKER_URL) is not running: nothing to clean"
  exit 0
fi

ids=$(d ps -aq --no-trunc --filter "label=$LABEL") ||
  { echo "$SELF: ERROR: cannot list containers on $DOCKER_URL: see /run/bosun-test/dockerd.log" >&2; exit 1; }
count=$(printf '%s' "$ids" | grep -c . || true)
if [ "$count" -gt 0 ]; then
  # batches in parallel: removing hundreds of containers one by one takes minutes on 2 cores
  printf '%s\n' "$ids" | xargs -r -n 50 -P 4 /usr/bin/docker -H "$DOCKER_URL" rm -f -v >/dev/null ||
    { echo "$SELF: ERROR: some $LABEL containers could not be removed: run 'docker -H $DOCKER_URL ps -a --filter label=$LABEL' to see them" >&2; exit 1; }
fi
d network prune -f --filter "label=$LABEL" >/dev/null
d volume prune -f --filter "label=$LABEL" >/dev/null
echo "$SELF: removed $count test container(s) and unused $LABEL networks/volumes from $DOCKER_URL"
