#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Cepstra builds and tests with, when any is missing.
# Runs apt-get through sudo when not root. Safe to run repeatedly: when every package is
# present it runs no apt and asks for no password.
#   install-deps.sh            build and test: compilers, libraries, and the programs that
#                              write the foreign-file test corpus (ffmpeg, sox, lame, ...)
#   install-deps.sh package    adds the tools the package checks use
#   install-deps.sh fuzz       adds clang's libFuzzer runtime
#   install-deps.sh fresh      only what `make fresh-test` needs on the host (mmdebstrap)
# Every name is a real package, never a virtual one: dpkg-query never reports a virtual name
# as installed, so it would be "missing" on every call.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  libsndfile1-dev libfftw3-dev libeigen3-dev libsoxr-dev
  libcli11-dev nlohmann-json3-dev libsqlite3-dev libxxhash-dev libchromaprint-dev
  # export writes HDF5 with the HDF5 C library and NPZ with libzip.
  libhdf5-dev libzip-dev
  # Qt6Charts' CMake package needs Qt6OpenGL, which qt6-charts-dev only recommends.
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-multimedia-dev fonts-dejavu-core
  # Test cross-checks run Debian's python3 with numpy, soundfile and h5py.
  python3-numpy python3-soundfile python3-h5py
  # The `cepstra` Python module: pybind11 and python3's headers to build it, torch for the
  # test that reads an export through a DataLoader.
  pybind11-dev python3-dev python3-torch
  # The programs that write the foreign-file corpus the tests decode.
  ffmpeg sox libsox-fmt-all lame flac vorbis-tools opus-tools
  # A single-node Slurm for the cluster tests (tools/slurm-local.sh).
  munge slurmctld slurmd slurm-client
  # check --format html is rendered by a browser in the tests.
  chromium
)

case "${1:-}" in
  "") ;;
  fresh) packages=(mmdebstrap git util-linux) ;;
  package) packages+=(dpkg-dev file fakeroot lintian desktop-file-utils appstream xvfb xauth imagemagick) ;;
  fuzz) packages+=(clang libclang-rt-14-dev llvm-14) ;; # llvm-14: the sanitizers' symbolizer
  *) echo "usage: install-deps.sh [package|fuzz|fresh]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  [[ "$status" == "ii "* ]] || missing+=("$package")
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

# Check the result the same way, so a package that apt could not install is named here and
# not discovered later as a confusing configure error.
for package in "${missing[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  [[ "$status" == "ii "* ]] || { echo "error: $package is still not installed" >&2; exit 1; }
done
