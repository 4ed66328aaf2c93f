# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands a new machine needs: `make run` and `make test`. Both install missing
# Debian packages first (tools/install-deps.sh), then build with CMake presets.

PRESET ?= release
BUILD_DIR := build/$(PRESET)
CLI := $(BUILD_DIR)/app/cli/cepstra-cli
DEMO_DIR ?= $(CURDIR)/out/demo

.PHONY: all deps build run test format format-check clean

all: build

deps:
	@tools/install-deps.sh

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

# The main job on an embedded default: a generated clip, extracted to .npy features.
run: build
	@rm -rf "$(DEMO_DIR)" && mkdir -p "$(DEMO_DIR)"
	@$(CLI) make-demo "$(DEMO_DIR)/clips" --clips 1 --seconds 30
	@$(CLI) extract "$$(find "$(DEMO_DIR)/clips" -name '*.wav' | sort | head -n 1)" "$(DEMO_DIR)/features"

test: build format-check
	@ctest --preset $(PRESET)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

format-check: deps
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror

clean:
	@rm -rf build out
