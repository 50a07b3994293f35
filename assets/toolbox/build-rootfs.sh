#!/usr/bin/env bash
# Builds the Bosun toolbox root filesystem into OUTDIR: one static busybox, a link per applet,
# and just enough /etc for `id`, `ls -l` and a shell. No root needed; tar it with --owner=0 --group=0.
#   assets/toolbox/build-rootfs.sh OUTDIR            (OUTDIR must be missing or empty)
#   BUSYBOX=/path/to/static/busybox assets/toolbox/build-rootfs.sh OUTDIR
# The image is then `FROM scratch` + this tree (see Dockerfile here), or `docker import`.
set -euo pipefail
umask 022

me=$(basename "$0")
die() {
  echo "$me: $*" >&2
  exit 1
}

[ $# -eq 1 ] || die "usage: $me OUTDIR"
out=$1
bb=${BUSYBOX:-/bin/busybox}

[ -x "$bb" ] || die "no busybox at $bb: install Debian's busybox-static (apt-get install busybox-static) or set BUSYBOX=/path/to/a/static/busybox"
# A dynamically linked busybox would not start in an image without libc.
if command -v ldd >/dev/null 2>&1 && ldd "$bb" >/dev/null 2>&1; then
  die "$bb is dynamically linked: install busybox-static (it replaces the busybox package) or set BUSYBOX to a static build"
fi
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  die "$out exists and is not empty: give a new or empty directory"
fi

mkdir -p "$out"/{bin,etc,root,tmp,usr/bin,var/tmp,proc,sys,dev}
chmod 0700 "$out/root"
chmod 1777 "$out/tmp" "$out/var/tmp"

cp "$bb" "$out/bin/busybox"
chmod 0755 "$out/bin/busybox"
# `busybox --list` names every applet, busybox itself included: linking that one would replace the binary.
count=0
for applet in $("$bb" --list); do
  case $applet in
    busybox | */*) continue ;;
  esac
  ln -s busybox "$out/bin/$applet"
  count=$((count + 1))
done
[ "$count" -gt 100 ] || die "$bb lists only $count applets: that is not a full busybox"
ln -s /bin/busybox "$out/usr/bin/env" # for `#!/usr/bin/env sh` scripts

cat >"$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$out/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
printf 'hosts: files dns\n' >"$out/etc/nsswitch.conf"

echo "$me: $out has busybox $("$bb" 2>&1 | head -n1 | awk '{print $2}') with $count applets"
