#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `make fresh-test`: proves the README's two commands on a machine that has nothing else.
# Builds a fresh Debian 12 root with mmdebstrap (variant apt, plus only make, git,
# ca-certificates and sudo) from this machine's own apt sources, clones the committed HEAD into
# it with ../shared beside it, and there, as a new non-root user with sudo, runs:
#   make test         (installs every package it needs, builds, runs the whole suite)
#   make run, twice   (no display: the CLI path; the second run must call no apt at all)
#   sudo make package-test
#   make asan-test    (the core and CLI suites under ASan and UBSan)
#   make fuzz         (each libFuzzer harness for FUZZ_SECONDS, default 10 here)
# Needs root on the host (mmdebstrap, mounts, chroot). Mounts live in a private mount
# namespace, so nothing stays mounted if the script dies. Prints the time of each step.
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
# Physical: a ../shared that is a link is copied as its folder, not as a link that dangles in the root.
shared=$(cd "$repo/../shared" 2>/dev/null && pwd -P) || { echo "error: $repo/../shared is missing" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "error: fresh-test needs root (mmdebstrap and chroot)" >&2; exit 2; }
[[ -z $(git -C "$repo" status --porcelain --untracked-files=no) ]] ||
  echo "note: uncommitted changes are not tested; fresh-test clones HEAD $(git -C "$repo" rev-parse --short HEAD)"

"$repo/tools/install-deps.sh" fresh
started=$(date +%s)
step() { echo "fresh-test: $1 ($(($(date +%s) - started)) s so far)"; }

root=$(mktemp -d "${TMPDIR:-/var/tmp}/cepstra-fresh.XXXXXX")
cleanup() {
  # The chroot's mounts died with their namespace; refuse to delete anything still mounted.
  if findmnt -rn -o TARGET | grep -q "^$root/"; then
    echo "error: $root still has mounts; not deleting it" >&2
  else
    rm -rf "$root"
  fi
}
trap cleanup EXIT

# This machine's enabled apt sources and its Acquire options (a proxy, a snapshot's dates),
# read from /etc/apt so no mirror name is written here.
sources=()
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [[ -s "$file" ]] && sources+=("$file")
done
[[ ${#sources[@]} -gt 0 ]] || { echo "error: no apt sources in /etc/apt" >&2; exit 1; }
aptopts=()
for file in /etc/apt/apt.conf.d/*; do
  grep -q '^[[:space:]]*Acquire' "$file" 2>/dev/null && aptopts+=(--aptopt="$file")
done

step "creating a Debian 12 root in $root"
mmdebstrap --quiet --variant=apt --include=make,git,ca-certificates,sudo "${aptopts[@]}" \
  bookworm "$root" "${sources[@]}"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# A new user, as a person would be: not root, with sudo for apt.
chroot "$root" useradd --create-home --shell /bin/bash newuser
echo 'newuser ALL=(ALL) NOPASSWD: ALL' >"$root/etc/sudoers.d/newuser"
home="$root/home/newuser"
mkdir -p "$home/work"
git clone --quiet --no-local "$repo" "$home/work/main"
git -C "$home/work/main" checkout --quiet "$(git -C "$repo" rev-parse HEAD)"
cp -a "$shared" "$home/work/shared"
chroot "$root" chown -R newuser:newuser /home/newuser/work
step "root ready; running the README's commands inside it"

# The steps inside the root. `make run` without a display takes the CLI path; its second call
# must not run apt (install-deps.sh prints "Installing" whenever it does).
inside='
set -euo pipefail
cd ~/work/main
t0=$(date +%s); say() { echo "fresh-test (inside): $1 ($(($(date +%s) - t0)) s)"; }
unset DISPLAY WAYLAND_DISPLAY
make test
say "make test passed"
make run
second=$(make run 2>&1) || { echo "$second"; exit 1; }
echo "$second"
if grep -q "Installing missing Debian packages" <<<"$second"; then
  echo "FAILED: the second make run called apt again" >&2; exit 1
fi
grep -q "^0 processed, 40 skipped as up to date, 0 failed" <<<"$second" ||
  { echo "FAILED: the second make run did not skip all 40 clips" >&2; exit 1; }
say "make run twice: the second run called no apt"
sudo make package-test
say "package checks passed"
make asan-test
say "sanitizer suite passed"
make fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-10}
say "fuzzers found nothing"
'
unshare --mount --propagation private -- bash -euo pipefail -c '
  root=$1; inside=$2
  mount -t proc proc "$root/proc"
  # The host /sys, with its cgroup mounts as a real machine has them: slurmd needs them.
  mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
  chroot "$root" /usr/sbin/runuser -u newuser -- env -i HOME=/home/newuser USER=newuser \
    TERM=dumb PATH=/usr/local/bin:/usr/bin:/bin CI="${CI:-}" FUZZ_SECONDS="${FUZZ_SECONDS:-10}" \
    bash -c "$inside"
' fresh-test "$root" "$inside"
step "passed"
