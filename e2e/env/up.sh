#!/usr/bin/env bash
# Brings the Bosun test environment up (DESIGN.md §6): Debian packages, an isolated Docker engine on
# its own socket, data-root and bridge, the fixture images, a loopback sshd and Chromium; then writes
# /run/bosun-test/env.sh and env.json for the tests. Idempotent: when everything is up it only checks.
#   e2e/env/up.sh            bring up (as root)
#   e2e/env/up.sh --verify   also re-run the fixture smoke checks (they run anyway after a build/start)
# Knobs: BOSUN_TEST_BRIDGE_CIDR (default 172.29.0.1/16), BOSUN_TEST_DEBIAN_MIRROR.
set -Eeuo pipefail

SELF=$(basename "$0")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=/run/bosun-test
SOCK=$STATE/docker.sock
DOCKER_URL=unix://$SOCK
DATA_ROOT=/var/lib/bosun-test-docker
CACHE=/var/cache/bosun-test
BRIDGE=bosun-test0
BRIDGE_CIDR=${BOSUN_TEST_BRIDGE_CIDR:-172.29.0.1/16}
SSH_DIR=$STATE/ssh
SSH_PORT=2222
SSH_KEY=$SSH_DIR/id_ed25519
SSH_KNOWN_HOSTS=$SSH_DIR/known_hosts
SSH_CONFIG=$SSH_DIR/sshd_config
SSH_HOST_KEY=$SSH_DIR/ssh_host_ed25519_key
CHROMIUM=/usr/bin/chromium
TEST_LABEL=io.bosun.test
IMG_BUSYBOX=local/busybox:1
IMG_NGINX=local/debian-nginx:1
IMG_NOSHELL=local/noshell:1
IMG_TOOLBOX=local/toolbox:1
# Bump the revision when the Debian recipe below changes: the cached rootfs and the image (which
# carries the revision in its environment, as BOSUN_FIXTURE) are then rebuilt.
DEBIAN_REVISION=2
DEBIAN_TAR=$CACHE/debian-nginx-bookworm-v$DEBIAN_REVISION.tar
PACKAGES=(docker.io chromium openssh-server busybox-static debootstrap fonts-wqy-microhei fonts-dejavu-core fonts-liberation curl
  ca-certificates iproute2 openssl xvfb xauth)

VERIFY=0
case "${1:-}" in
  '') ;;
  --verify) VERIFY=1 ;;
  -h | --help)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "$SELF: unknown argument '$1' (try --help)" >&2
    exit 2
    ;;
esac

say() { echo "$SELF: $*"; }
die() {
  echo "$SELF: ERROR: $*" >&2
  exit 1
}
# die with the tail of a log file
die_log() {
  local log=$1
  shift
  echo "$SELF: ERROR: $*" >&2
  if [ -s "$log" ]; then
    echo "---- last lines of $log ----" >&2
    tail -n 25 "$log" >&2
    echo "----" >&2
  fi
  exit 1
}
trap 'echo "$SELF: ERROR: unexpected failure at line $LINENO: $BASH_COMMAND (logs are under $STATE)" >&2' ERR

T0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }'; }

# ---------------------------------------------------------------- packages
ensure_packages() {
  local missing=() p status log
  command -v dpkg-query >/dev/null 2>&1 || die "this needs a Debian-based system (dpkg/apt); see /work/shared/reference/test-environment.md"
  for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "$SELF: missing Debian packages: ${missing[*]}. Install them, then run me again as root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  mkdir -p "$STATE"
  log=$STATE/apt.log
  : >"$log"
  say "installing Debian packages: ${missing[*]} (log $log)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -qq update >>"$log" 2>&1 ||
    die_log "$log" "apt-get update failed: check the mirrors in /etc/apt/sources.list.d/ and the network"
  apt-get -qq install -y --no-install-recommends -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold "${missing[@]}" >>"$log" 2>&1 ||
    die_log "$log" "apt-get install ${missing[*]} failed: see the log above"
}

# ---------------------------------------------------------------- docker helpers
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
DOCKER_CLI=/usr/bin/docker # docker.io's CLI: the one this script installs, whatever else is on PATH
d() { "$DOCKER_CLI" -H "$DOCKER_URL" "$@"; }
engine_ping() { curl -sf --max-time 3 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }
have_image() { d image inspect "$1" >/dev/null 2>&1; }
# shellcheck source=e2e/env/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WORK=''
MOUNTS=()
CLEANUP_CONTAINERS=()
cleanup() {
  local m
  for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  if [ ${#CLEANUP_CONTAINERS[@]} -gt 0 ]; then d rm -f "${CLEANUP_CONTAINERS[@]}" >/dev/null 2>&1 || true; fi
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then rm -rf --one-file-system "$WORK"; fi
}
trap cleanup EXIT
# sets WORK (not through $(...): a subshell's assignment would not reach the EXIT trap)
ensure_work() {
  if [ -z "$WORK" ]; then WORK=$(mktemp -d /var/tmp/bosun-up.XXXXXX); fi
}

# ---------------------------------------------------------------- engine
# The engine gets its own bridge so it never shares docker0 with another engine on the machine.
ensure_bridge() {
  local clash
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    clash=$( (ip -4 route show match "$BRIDGE_CIDR"; ip -4 route show root "$BRIDGE_CIDR") | grep -v '^default' || true)
    [ -z "$clash" ] || die "the test bridge subnet $BRIDGE_CIDR overlaps a route here ($clash): set BOSUN_TEST_BRIDGE_CIDR to a free one, e.g. 10.213.0.1/16"
    ip link add name "$BRIDGE" type bridge || die "cannot create bridge $BRIDGE (ip link add): this needs root and CAP_NET_ADMIN"
  fi
  if ! ip -4 addr show dev "$BRIDGE" | grep -q "inet $BRIDGE_CIDR "; then
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE" || die "cannot give $BRIDGE the address $BRIDGE_CIDR: remove it with 'ip link del $BRIDGE' and run me again"
  fi
  ip link set "$BRIDGE" up
}

ENGINE_STARTED=0
ensure_engine() {
  local pid flags log i
  if engine_ping; then
    say "engine: already running ($DOCKER_URL)"
    return 0
  fi
  log=$STATE/dockerd.log
  if pid=$(live_pid "$STATE/dockerd.pid" dockerd); then
    say "engine: dockerd (pid $pid) is up but not answering yet; waiting"
    for i in $(seq 1 60); do
      engine_ping && return 0
      sleep 1
    done
    die_log "$log" "dockerd (pid $pid) does not answer on $SOCK: run e2e/env/down.sh, then $SELF again"
  fi
  rm -f "$STATE/dockerd.pid"
  ensure_bridge
  mkdir -p "$STATE/exec" "$DATA_ROOT"
  # An empty config file: an /etc/docker/daemon.json written for the machine's own engine must not apply.
  echo '{}' >"$STATE/daemon.json"
  flags=(
    --host "$DOCKER_URL"
    --data-root "$DATA_ROOT"
    --exec-root "$STATE/exec"
    --pidfile "$STATE/dockerd.pid"
    --config-file "$STATE/daemon.json"
    --bridge "$BRIDGE"
    --containerd-namespace bosun-test
    --containerd-plugins-namespace bosun-test-plugins
  )
  if ! iptables -w 5 -t nat -S >/dev/null 2>&1; then
    # Without iptables, 127.0.0.1-published ports still work through docker-proxy.
    say "engine: iptables does not work here; starting dockerd with --iptables=false"
    flags+=(--iptables=false --ip-masq=false)
  fi
  if [ -f "$log" ] && [ "$(stat -c %s "$log")" -gt 20000000 ]; then mv -f "$log" "$log.old"; fi
  echo "==== $(date -Is) $SELF starts: dockerd ${flags[*]}" >>"$log"
  # 9>&-: the daemon must not inherit (and hold forever) the lock on up.lock
  setsid dockerd "${flags[@]}" >>"$log" 2>&1 </dev/null 9>&- &
  pid=$!
  for i in $(seq 1 120); do
    engine_ping && break
    sleep 0.5
    kill -0 "$pid" 2>/dev/null || live_pid "$STATE/dockerd.pid" dockerd >/dev/null ||
      die_log "$log" "dockerd exited while starting: see the log above"
  done
  engine_ping || die_log "$log" "dockerd did not answer $SOCK/_ping within 60 s: see the log above; stop it with e2e/env/down.sh"
  ENGINE_STARTED=1
  say "engine: started dockerd (pid $pid) on $DOCKER_URL, bridge $BRIDGE $BRIDGE_CIDR (log $log)"
}

# ---------------------------------------------------------------- images
BUILT=()

build_busybox() {
  local w
  ensure_work
  w=$WORK
  "$ROOT/assets/toolbox/build-rootfs.sh" "$w/busybox-rootfs" >/dev/null
  tar --numeric-owner --owner=0 --group=0 -C "$w/busybox-rootfs" -c . |
    d import -c 'CMD ["sh"]' - "$IMG_BUSYBOX" >/dev/null
}

build_toolbox() {
  local w ctx
  ensure_work
  w=$WORK
  ctx=$w/toolbox-context
  mkdir -p "$ctx"
  "$ROOT/assets/toolbox/build-rootfs.sh" "$w/toolbox-rootfs" >/dev/null
  tar --numeric-owner --owner=0 --group=0 -C "$w/toolbox-rootfs" -cf "$ctx/rootfs.tar" .
  cp "$ROOT/assets/toolbox/Dockerfile" "$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 d build -q -t "$IMG_TOOLBOX" "$ctx" >"$w/toolbox-build.log" 2>&1 ||
    die_log "$w/toolbox-build.log" "building $IMG_TOOLBOX failed"
}

# One static busybox named /httpd and nothing else: busybox runs the applet named like its file.
build_noshell() {
  local w bb=/bin/busybox
  ensure_work
  w=$WORK
  mkdir -p "$w/noshell"
  cp "$bb" "$w/noshell/httpd"
  chmod 0755 "$w/noshell/httpd"
  tar --numeric-owner --owner=0 --group=0 -C "$w/noshell" -c httpd |
    d import -c 'ENTRYPOINT ["/httpd"]' -c 'CMD ["-f","-p","8080"]' -c 'EXPOSE 8080' - "$IMG_NOSHELL" >/dev/null
}

debian_mirror() {
  local m=${BOSUN_TEST_DEBIAN_MIRROR:-}
  if [ -z "$m" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
    # deb822: the URIs of the first stanza whose Suites list plain "bookworm"
    m=$(awk 'BEGIN { RS = ""; FS = "\n" }
      { uri = ""; ok = 0
        for (i = 1; i <= NF; i++) {
          n = split($i, f, /[ \t]+/)
          if (f[1] == "URIs:") uri = f[2]
          if (f[1] == "Suites:") for (j = 2; j <= n; j++) if (f[j] == "bookworm") ok = 1
        }
        if (ok && uri != "") { print uri; exit } }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$m" ] && [ -r /etc/apt/sources.list ]; then
    m=$(awk '$1 == "deb" && $0 !~ /\[/ && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

# debootstrap + nginx in a chroot, tarred to $DEBIAN_TAR; the slow part of a cold start (about 1-2 min).
build_debian_tar() {
  local w r mirror log in_chroot
  ensure_work
  w=$WORK
  r=$w/debian-rootfs
  log=$STATE/debian-nginx-build.log
  mirror=$(debian_mirror)
  : >"$log"
  say "images: debootstrap --variant=minbase bookworm from $mirror, then nginx (1-2 min; log $log)"
  debootstrap --variant=minbase bookworm "$r" "$mirror" >>"$log" 2>&1 ||
    die_log "$log" "debootstrap failed: check that $mirror answers (curl -sI $mirror/dists/bookworm/Release)"
  printf '#!/bin/sh\n# no service may start while the image is built\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
  chmod 0755 "$r/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  mount -t proc proc "$r/proc"
  MOUNTS+=("$r/proc")
  in_chroot=(chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LC_ALL=C)
  "${in_chroot[@]}" apt-get -q update >>"$log" 2>&1 ||
    die_log "$log" "apt-get update inside the Debian rootfs failed: check that $mirror answers"
  "${in_chroot[@]}" apt-get -q install -y --no-install-recommends nginx bash procps less >>"$log" 2>&1 ||
    die_log "$log" "apt-get install nginx bash procps less inside the Debian rootfs failed"
  "${in_chroot[@]}" apt-get clean >>"$log" 2>&1
  if "${in_chroot[@]}" dpkg -s locales >/dev/null 2>&1; then
    die "the Debian rootfs has the locales package; the fixture must not (locale tests rely on C.UTF-8 only)"
  fi
  umount "$r/proc"
  MOUNTS=()
  rm -f "$r/usr/sbin/policy-rc.d"
  rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin "$r"/var/log/apt/* "$r"/tmp/*
  rm -f "$r"/var/log/dpkg.log "$r"/var/log/alternatives.log "$r"/var/log/bootstrap.log
  : >"$r/etc/resolv.conf"
  echo localhost >"$r/etc/hostname"
  mkdir -p "$CACHE"
  tar --numeric-owner -C "$r" --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' \
    -cf "$DEBIAN_TAR.tmp" .
  mv -f "$DEBIAN_TAR.tmp" "$DEBIAN_TAR"
  rm -rf --one-file-system "$r"
}

build_nginx() {
  if [ -s "$DEBIAN_TAR" ]; then
    say "images: importing $IMG_NGINX from the cached rootfs $DEBIAN_TAR"
  else
    build_debian_tar
  fi
  d import -c 'CMD ["nginx","-g","daemon off;"]' -c 'EXPOSE 80' -c "ENV BOSUN_FIXTURE=debian-$DEBIAN_REVISION" \
    "$DEBIAN_TAR" "$IMG_NGINX" >/dev/null
}

# Whether the Debian image was made from the current recipe (an older one lacks what tests now use).
nginx_current() {
  d image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$IMG_NGINX" 2>/dev/null |
    grep -qx "BOSUN_FIXTURE=debian-$DEBIAN_REVISION"
}

# ensure_image NAME BUILD [IS_CURRENT]: builds NAME unless present (and current, when a check is given).
ensure_image() {
  local name=$1 fn=$2 current=${3:-} t
  if have_image "$name"; then
    if [ -z "$current" ] || "$current"; then return 0; fi
    say "images: $name comes from an older recipe: rebuilding it"
    d rmi -f "$name" >/dev/null
  fi
  t=$(date +%s.%N)
  "$fn"
  have_image "$name" || die "building $name finished but the engine does not list it"
  BUILT+=("$name")
  say "images: built $name in $(elapsed "$t")"
}

ensure_images() {
  ensure_image "$IMG_BUSYBOX" build_busybox
  ensure_image "$IMG_TOOLBOX" build_toolbox
  ensure_image "$IMG_NOSHELL" build_noshell
  ensure_image "$IMG_NGINX" build_nginx nginx_current
  [ ${#BUILT[@]} -gt 0 ] || say "images: $IMG_BUSYBOX $IMG_NGINX $IMG_NOSHELL $IMG_TOOLBOX present"
}

# ---------------------------------------------------------------- smoke checks
host_port() { d inspect -f "{{(index (index .NetworkSettings.Ports \"$2\") 0).HostPort}}" "$1"; }
# curl URL until it answers with HTTP code $2 (10 s)
wait_http() {
  local url=$1 want=$2 code i
  for i in $(seq 1 40); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    [ "$code" = "$want" ] && return 0
    sleep 0.25
  done
  echo "$code"
  return 1
}

verify_images() {
  local t cid ip port got
  t=$(date +%s.%N)
  # shellcheck disable=SC2016 # expanded by the container's sh
  d run --rm --label "$TEST_LABEL=1" "$IMG_BUSYBOX" \
    sh -c '[ "$(id -un)" = root ] && [ "$HOME" = /root ] && [ -d /tmp ] && [ -x /bin/busybox ]' ||
    die "$IMG_BUSYBOX does not run sh as root with HOME=/root: remove it (docker -H $DOCKER_URL rmi $IMG_BUSYBOX) and run me again"

  cid=$(d run -d --label "$TEST_LABEL=1" -p 127.0.0.1:0:80 "$IMG_NGINX")
  CLEANUP_CONTAINERS+=("$cid")
  ip=$(d inspect -f '{{.NetworkSettings.IPAddress}}' "$cid")
  [ -n "$ip" ] || die "the nginx container got no address on the default bridge: see $STATE/dockerd.log"
  port=$(host_port "$cid" 80/tcp)
  got=$(wait_http "http://127.0.0.1:$port/" 200) ||
    die "nginx published on 127.0.0.1:$port does not answer (HTTP '$got'): see $STATE/dockerd.log and 'docker logs $cid'"
  curl -s "http://127.0.0.1:$port/" | grep -q 'Welcome to nginx' || die "127.0.0.1:$port does not serve the nginx welcome page"
  d exec "$cid" bash -c 'command -v ps >/dev/null && command -v less >/dev/null && ! dpkg -s locales >/dev/null 2>&1' ||
    die "$IMG_NGINX lacks bash/procps/less or has the locales package: remove it and $DEBIAN_TAR, then run me again"
  [ "$(d image inspect -f '{{index .Config.Labels "io.bosun.toolbox"}}' "$IMG_TOOLBOX")" = 1 ] ||
    die "$IMG_TOOLBOX has no io.bosun.toolbox=1 label: remove it and run me again"
  d run --rm --label "$TEST_LABEL=1" --network "container:$cid" --pid "container:$cid" "$IMG_TOOLBOX" \
    sh -c 'wget -qO- http://127.0.0.1/ | grep -q nginx && ps | grep -q "nginx: master"' ||
    die "the toolbox cannot reach nginx through shared network/PID namespaces"
  d rm -f "$cid" >/dev/null

  cid=$(d run -d --label "$TEST_LABEL=1" -p 127.0.0.1:0:8080 "$IMG_NOSHELL")
  CLEANUP_CONTAINERS+=("$cid")
  port=$(host_port "$cid" 8080/tcp)
  got=$(wait_http "http://127.0.0.1:$port/httpd" 200) ||
    die "$IMG_NOSHELL published on 127.0.0.1:$port does not serve (HTTP '$got'): remove the image and run me again"
  if d exec "$cid" sh -c true >/dev/null 2>&1; then die "$IMG_NOSHELL has a shell; it must not"; fi
  d rm -f "$cid" >/dev/null
  CLEANUP_CONTAINERS=()
  say "verify: OK in $(elapsed "$t"): busybox runs as root; nginx has $ip on $BRIDGE and answers on a 127.0.0.1 port; the toolbox sees it as a sidecar; noshell serves with no shell"
}

# ---------------------------------------------------------------- sshd
SSH_OPTS=(-F /dev/null -i "$SSH_KEY" -p "$SSH_PORT" -o UserKnownHostsFile="$SSH_KNOWN_HOSTS"
  -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=5 -o LogLevel=ERROR)
ssh_probe() { ssh "${SSH_OPTS[@]}" root@127.0.0.1 true </dev/null >/dev/null 2>&1; }

ensure_ssh_files() {
  mkdir -p "$SSH_DIR"
  chmod 0700 "$SSH_DIR"
  [ -s "$SSH_HOST_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C bosun-test-host -f "$SSH_HOST_KEY"
  [ -s "$SSH_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C bosun-test-client -f "$SSH_KEY"
  chmod 0600 "$SSH_HOST_KEY" "$SSH_KEY"
  install -m 0600 "$SSH_KEY.pub" "$SSH_DIR/authorized_keys"
  echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$SSH_HOST_KEY.pub")" >"$SSH_KNOWN_HOSTS"
  chmod 0644 "$SSH_KNOWN_HOSTS"
  cat >"$SSH_CONFIG" <<EOF
# Loopback sshd for Bosun's tests (written by e2e/env/up.sh). Key auth only, root only.
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $SSH_HOST_KEY
PidFile $SSH_DIR/sshd.pid
AuthorizedKeysFile $SSH_DIR/authorized_keys
AllowUsers root
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
X11Forwarding no
PrintMotd no
Subsystem sftp internal-sftp
EOF
}

ensure_sshd() {
  local pid i log=$SSH_DIR/sshd.log
  ensure_ssh_files
  if ssh_probe; then
    say "sshd: already answering on 127.0.0.1:$SSH_PORT"
    return 0
  fi
  if pid=$(live_pid "$SSH_DIR/sshd.pid" sshd); then
    say "sshd: pid $pid runs but refuses the test key; restarting it"
    kill "$pid"
    for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  if [ -n "$(ss -Hltn "sport = :$SSH_PORT" 2>/dev/null)" ]; then
    die "port $SSH_PORT is taken by another process (see: ss -ltnp 'sport = :$SSH_PORT'); stop it and run me again"
  fi
  mkdir -p /run/sshd
  chmod 0755 /run/sshd
  /usr/sbin/sshd -t -f "$SSH_CONFIG" >"$log" 2>&1 || die_log "$log" "sshd -t rejects $SSH_CONFIG"
  echo "==== $(date -Is) $SELF starts sshd" >>"$log"
  setsid /usr/sbin/sshd -D -e -f "$SSH_CONFIG" >>"$log" 2>&1 </dev/null 9>&- &
  pid=$!
  for i in $(seq 1 40); do
    ssh_probe && break
    sleep 0.25
    kill -0 "$pid" 2>/dev/null || live_pid "$SSH_DIR/sshd.pid" sshd >/dev/null ||
      die_log "$log" "sshd exited while starting"
  done
  ssh_probe || die_log "$log" "sshd (pid $pid) does not accept the test key on 127.0.0.1:$SSH_PORT"
  say "sshd: started (pid $pid) on 127.0.0.1:$SSH_PORT, key auth only (log $log)"
}

# ---------------------------------------------------------------- chromium, env files
CHROMIUM_VERSION=''
check_chromium() {
  # stderr dropped: Debian's wrapper can print a harmless test error when /dev/shm is mounted twice
  CHROMIUM_VERSION=$("$CHROMIUM" --version 2>/dev/null) ||
    die "$CHROMIUM --version fails: reinstall it (apt-get install --reinstall chromium)"
  case $CHROMIUM_VERSION in
    Chromium*) ;;
    *) die "$CHROMIUM --version printed '$CHROMIUM_VERSION', not a Chromium version" ;;
  esac
}

json_str() {
  local s=${1//\\/\\\\}
  printf '"%s"' "${s//\"/\\\"}"
}

write_env() {
  local fp keys=() vals=() i sh json
  fp=$(ssh-keygen -l -E sha256 -f "$SSH_HOST_KEY.pub" | awk '{print $2}')
  keys=(BOSUN_TEST_DOCKER_HOST BOSUN_TEST_DOCKER_SOCKET BOSUN_TEST_SSH_HOST BOSUN_TEST_SSH_PORT
    BOSUN_TEST_SSH_USER BOSUN_TEST_SSH_KEY BOSUN_TEST_SSH_KNOWN_HOSTS BOSUN_TEST_SSH_HOST_FINGERPRINT
    BOSUN_TEST_SSH_DOCKER_SOCKET BOSUN_CHROMIUM BOSUN_TEST_LABEL BOSUN_TEST_IMAGE_BUSYBOX
    BOSUN_TEST_IMAGE_NGINX BOSUN_TEST_IMAGE_NOSHELL BOSUN_TEST_IMAGE_TOOLBOX)
  vals=("$DOCKER_URL" "$SOCK" 127.0.0.1 "$SSH_PORT"
    root "$SSH_KEY" "$SSH_KNOWN_HOSTS" "$fp"
    "$SOCK" "$CHROMIUM" "$TEST_LABEL" "$IMG_BUSYBOX"
    "$IMG_NGINX" "$IMG_NOSHELL" "$IMG_TOOLBOX")
  sh="# Bosun test environment, written by e2e/env/up.sh: source it."$'\n'
  json='{'
  for i in "${!keys[@]}"; do
    sh+="export ${keys[$i]}=$(printf '%q' "${vals[$i]}")"$'\n'
    [ "$i" -eq 0 ] || json+=','
    json+=$'\n'"  $(json_str "${keys[$i]}"): $(json_str "${vals[$i]}")"
  done
  json+=$'\n}\n'
  printf '%s' "$sh" >"$STATE/env.sh.tmp"
  printf '%s' "$json" >"$STATE/env.json.tmp"
  chmod 0644 "$STATE/env.sh.tmp" "$STATE/env.json.tmp"
  mv -f "$STATE/env.sh.tmp" "$STATE/env.sh"
  mv -f "$STATE/env.json.tmp" "$STATE/env.json"
  SSH_FP=$fp
}

# ---------------------------------------------------------------- main
ensure_packages
[ "$(id -u)" -eq 0 ] || die "the test engine, sshd and image builds need root: run sudo $0"
mkdir -p "$STATE" "$CACHE"
chmod 0755 "$STATE"
exec 9>"$STATE/up.lock"
if ! flock -n 9; then
  say "another up.sh is running; waiting for it (up to 15 min)"
  flock -w 900 9 || die "another up.sh still holds $STATE/up.lock after 15 min: check 'ps aux | grep up.sh'"
fi

ensure_engine
ensure_images
if [ "$VERIFY" = 1 ] || [ "$ENGINE_STARTED" = 1 ] || [ ${#BUILT[@]} -gt 0 ]; then verify_images; fi
ensure_sshd
check_chromium
write_env

ENGINE_VERSION=$(d version -f '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo '?')
say "ready in $(elapsed "$T0"):"
echo "  engine   $DOCKER_URL  Docker $ENGINE_VERSION, bridge $BRIDGE $BRIDGE_CIDR"
echo "  images   $IMG_BUSYBOX $IMG_NGINX $IMG_NOSHELL $IMG_TOOLBOX"
echo "  sshd     root@127.0.0.1:$SSH_PORT  key $SSH_KEY  host key $SSH_FP"
echo "  browser  $CHROMIUM ($CHROMIUM_VERSION)"
echo "  env      source $STATE/env.sh  (or read $STATE/env.json)"
