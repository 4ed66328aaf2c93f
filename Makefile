# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands a new machine needs: `make run` and `make test`. Both install missing
# Debian packages first (tools/install-deps.sh), then build with CMake presets.

PRESET ?= release
BUILD_DIR := build/$(PRESET)
CLI := $(BUILD_DIR)/app/cli/cepstra-cli
GUI := $(BUILD_DIR)/app/gui/cepstra
DEMO_DIR ?= $(CURDIR)/out/demo

.PHONY: all deps build run test asan-test fuzz screenshot package package-test fresh-test bench bench-python format format-check clean

all: build

deps:
	@tools/install-deps.sh

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

# The desktop app on a generated GTZAN-shaped demo dataset, ready to press Run. Without a
# display it runs the same job with cepstra-cli and says so. The dataset is made once.
run: build
	@test -d "$(DEMO_DIR)/genres" || $(CLI) make-demo "$(DEMO_DIR)/genres" --clips 10 --seconds 30
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "Opening Cepstra on $(DEMO_DIR)/genres: press Run (Ctrl+R)."; \
	  $(GUI) "$(DEMO_DIR)/genres"; \
	else \
	  echo "No display (DISPLAY and WAYLAND_DISPLAY are unset), so running the same job with cepstra-cli."; \
	  $(CLI) run "$(DEMO_DIR)/genres" "$(DEMO_DIR)/genres-features"; \
	fi

test: build format-check
	@ctest --preset $(PRESET)

# Refreshes the README's docs/screenshot.png and the 1024x700 pictures in docs/screenshots/
# (make test writes its copies into the build tree).
screenshot: build
	@CEPSTRA_SCREENSHOT_PATH=$(CURDIR)/docs/screenshot.png QT_QPA_PLATFORM=offscreen \
	  $(BUILD_DIR)/tests/tst_screenshot rendersTheMainWindowWithAPreview
	@CEPSTRA_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots QT_QPA_PLATFORM=offscreen \
	  $(BUILD_DIR)/tests/tst_layout_1024

# The core, CLI and their tests under AddressSanitizer and UBSan (build/asan, no GUI).
asan-test: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@ctest --preset asan

# The libFuzzer harnesses for FUZZ_SECONDS each (fuzz/README.md); exits 1 on any finding.
FUZZ_SECONDS ?= 60
fuzz:
	@fuzz/run.sh $(FUZZ_SECONDS)

# The Debian package: build/release/cepstra_<version>_amd64.deb.
package: build
	@tools/install-deps.sh package
	@cd $(BUILD_DIR) && cpack -G DEB

# Build, lint, install, use and remove the .deb (needs root; CI runs it after make test).
package-test:
	@PRESET=$(PRESET) tools/package-test.sh

# The README's commands in a fresh Debian 12 root, as a new user runs them (needs root; CI
# runs exactly this). Tests the committed HEAD.
fresh-test:
	@tools/fresh-test.sh

# Throughput, CPU per clip and peak RSS on a generated 200-clip GTZAN-shaped set, then the
# Python module's per-clip times (librosa's beside them where it is installed) and its
# 1- against 2-thread timing (figures only).
bench: build
	@$(BUILD_DIR)/bench/cepstra-bench --clips 200
	@$(MAKE) --no-print-directory bench-python

# The Python part of `make bench` alone, with Debian's python3 and the build tree's package.
bench-python: build
	@PYTHONPATH=$(CURDIR)/$(BUILD_DIR)/python /usr/bin/python3 bench/python_bench.py

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

format-check: deps
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

clean:
	@rm -rf build out
