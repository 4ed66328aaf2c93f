#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Tests the .deb as a user meets it: build it, lint it, install it (over an older version),
# use both programs from /usr/bin, then remove it and check nothing of it is left.
# Needs root (it runs apt-get). Prints "package: N passed, 0 failed" when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/${PRESET:-release}
passed=0
check() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1" >&2; exit 1; }

tools/install-deps.sh package
cmake --preset "${PRESET:-release}" >/dev/null
cmake --build --preset "${PRESET:-release}"

# The package, and an older version of it to upgrade from.
rm -rf "$build/packages" && mkdir -p "$build/packages/previous"
(cd "$build" && cpack -G DEB -B packages >/dev/null)
(cd "$build" && cpack -G DEB -B packages/previous -D CPACK_PACKAGE_VERSION=0.0.1 >/dev/null)
deb=$(ls "$build"/packages/cepstra_*_amd64.deb)
previous=$(ls "$build"/packages/previous/cepstra_0.0.1_amd64.deb)
echo "built $deb"
# Capture before matching: with pipefail, grep -q closing the pipe early would fail the check.
control=$(dpkg-deb -I "$deb")
[[ "$control" == *"Depends: "*"libqt6widgets6"* ]] || fail "Depends lacks the Qt libraries"
check "package built, dependencies from dpkg-shlibdeps"

lintian --fail-on error --suppress-tags binary-has-unneeded-section "$deb" 2>&1 | grep -v "root privileges" || true
lintian --fail-on error "$deb" >/dev/null 2>&1 || fail "lintian reports errors"
check "lintian: no errors"

unpacked=$(mktemp -d)
dpkg-deb -x "$deb" "$unpacked"
desktop-file-validate "$unpacked/usr/share/applications/org.cepstra.Cepstra.desktop" || fail "desktop-file-validate"
check "desktop-file-validate"
appstreamcli validate --no-net "$unpacked/usr/share/metainfo/org.cepstra.Cepstra.metainfo.xml" || fail "appstreamcli validate"
check "appstreamcli validate --no-net"

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "./$previous" >/dev/null
apt-get install -y -qq "./$deb" >/dev/null || fail "upgrade from 0.0.1"
[[ $(dpkg-query -W -f='${Version}' cepstra) == "$(basename "$deb" | cut -d_ -f2)" ]] || fail "upgraded version"
check "installed over the previous version"

work=$(mktemp -d)
trap 'rm -rf "$work" "$unpacked"' EXIT
version=$(/usr/bin/cepstra-cli --version)
[[ "$version" == "cepstra-cli "* ]] || fail "cepstra-cli --version printed '$version'"
/usr/bin/cepstra-cli make-demo "$work/genres" --clips 2 --seconds 5 >/dev/null
/usr/bin/cepstra-cli run "$work/genres" "$work/features" --progress none
[[ $(find "$work/features" -name '*.npy' | wc -l) -eq 48 ]] || fail "cepstra-cli run wrote the features"
check "installed cepstra-cli: --version, make-demo, run"
# Read the installed page itself: man-db may not be on a minimal machine.
manual=$(zcat /usr/share/man/man1/cepstra-cli.1.gz)
[[ "$manual" == *".TH CEPSTRA-CLI 1"*"EXIT STATUS"* ]] || fail "cepstra-cli man page"
check "man page installed"

# The Python module, as Debian's python3 finds it with nothing else on its path.
python_version=$(cd "$work" && env -u PYTHONPATH /usr/bin/python3 -c "import cepstra; print(cepstra.__version__)")
[[ "$python_version" == "$(basename "$deb" | cut -d_ -f2)" ]] || fail "import cepstra printed '$python_version'"
check "installed python3 module: import cepstra, __version__ $python_version"
# The issue's call against the installed CLI's output for the same clip and config.
clip=$(find "$work/genres" -name '*.wav' | sort | head -1)
/usr/bin/cepstra-cli extract "$clip" "$work/extract" --set trim=false --set n_mfcc=13 \
  --set n_fft=1024 --set hop_length=256 >/dev/null
(cd "$work" && env -u PYTHONPATH /usr/bin/python3 - "$clip" "$work/extract") <<'PYTHON' || fail "the installed module's mfcc"
import os, sys
import numpy as np
import cepstra
assert cepstra.__file__.startswith("/usr/lib/python3/dist-packages/cepstra/"), cepstra.__file__
clip, folder = sys.argv[1:]
y, sr = cepstra.load(clip)
ours = cepstra.feature.mfcc(y=y, sr=sr, n_mfcc=13, n_fft=1024, hop_length=256)
stem = os.path.splitext(os.path.basename(clip))[0]
theirs = np.load(os.path.join(folder, stem + "_mfcc.npy"))
assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs), "mfcc differs from the CLI's"
try:
    cepstra.feature.mfcc(y=y, sr=sr, n_ffts=1024)
except TypeError as error:
    assert "n_ffts" in str(error), error
else:
    raise AssertionError("an unsupported keyword was accepted")
PYTHON
check "installed module: feature.mfcc equals the installed cepstra-cli's, a bad keyword is a TypeError"
# Every golden case through the installed module (python/tests, without the build tree).
(cd python/tests && env -u PYTHONPATH CEPSTRA_CLI=/usr/bin/cepstra-cli PYTHONDONTWRITEBYTECODE=1 \
  /usr/bin/python3 -m unittest -q test_golden) || fail "golden cases through the installed module"
check "installed module: every golden case matches through Python"

# The desktop app from the installed package, with a folder argument, as a file manager runs it.
xvfb-run -a -s "-screen 0 1440x900x24" bash -c "
  /usr/bin/cepstra '$work/genres' & app=\$!
  sleep 5
  kill -0 \$app || exit 1
  import -window root '$work/installed-app.png'
  kill \$app; wait \$app 2>/dev/null; true" || fail "cepstra did not stay up under Xvfb"
colours=$(identify -format '%k' "$work/installed-app.png")
[[ $colours -gt 200 ]] || fail "the screenshot looks blank ($colours colours)"
cp "$work/installed-app.png" "$build/packages/installed-app.png"
check "installed cepstra opened the folder under Xvfb ($colours colours in $build/packages/installed-app.png)"

files=$(dpkg -L cepstra | while read -r path; do [[ -f "$path" ]] && echo "$path"; done)
apt-get remove -y -qq cepstra >/dev/null
for path in $files; do [[ ! -e "$path" ]] || fail "$path left behind after apt-get remove"; done
check "apt-get remove left none of the package's $(echo "$files" | wc -l) files"

echo "package: $passed passed, 0 failed"
