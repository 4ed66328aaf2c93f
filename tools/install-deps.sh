#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Cepstra builds and tests with, when any is missing.
# Runs apt-get through sudo when not root. Safe to run repeatedly: it does nothing when all
# packages are present. `install-deps.sh package` adds the tools the package checks use.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libsndfile1-dev libfftw3-dev libeigen3-dev libsoxr-dev
  libcli11-dev nlohmann-json3-dev libsqlite3-dev libxxhash-dev
  qt6-base-dev libqt6charts6-dev fonts-dejavu-core
  python3-numpy
)

if [[ "${1:-}" == "package" ]]; then
  packages+=(dpkg-dev file fakeroot lintian desktop-file-utils appstream xvfb xauth imagemagick)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
