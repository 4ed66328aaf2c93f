#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses (the fuzz preset) and runs each one for a bounded time over a
# copy of its committed corpus, so the repository stays clean:
#   build/fuzz/corpus/<harness>/     the working corpus: the seeds plus what runs found
#   build/fuzz/artifacts/<harness>/  crash-*, timeout-*, oom-*, leak-* reproducers
#   build/fuzz/logs/<harness>.log    libFuzzer's and the sanitizers' output
# Prints one line per harness. Exits 1 when any harness found a crash, a sanitizer report, a
# timeout, an out-of-memory or a leak. Replay a reproducer: build/fuzz/fuzz/<harness> <file>.
#   fuzz/run.sh [seconds-per-harness]     (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: fuzz/run.sh [seconds-per-harness]" >&2; exit 2; }
harnesses=(fuzz_decoder fuzz_npy fuzz_config fuzz_csv)
out=build/fuzz

tools/install-deps.sh fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${FUZZ_BUILD_JOBS:-2}"

# UBSan stops at its first report, as ASan does, so libFuzzer saves the input. Leaks inside
# Debian's libraries are suppressed (fuzz/lsan.supp). Without a symbolizer the stacks are bare
# addresses.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0}
if [[ -z "${ASAN_SYMBOLIZER_PATH:-}" ]] && ! command -v llvm-symbolizer >/dev/null; then
  if [[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]]; then
    export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
  else
    echo "warning: no llvm-symbolizer (Debian package llvm-14): stacks will be bare addresses" >&2
  fi
fi

failed=0
for harness in "${harnesses[@]}"; do
  corpus=$out/corpus/$harness
  artifacts=$out/artifacts/$harness
  log=$out/logs/$harness.log
  mkdir -p "$corpus" "$artifacts" "$out/logs"
  cp fuzz/corpus/"$harness"/* "$corpus"/
  started=$out/logs/$harness.started
  touch "$started"
  # One in-process worker (no -jobs/-workers): the machine has two cores and builds alongside.
  status=0
  "$out/fuzz/$harness" "$corpus" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  found=$(find "$artifacts" -type f -newer "$started" \
    \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
  if [[ $status -eq 0 && -z "$found" ]]; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
    echo "$harness: ok, ${runs:-?} inputs in ${seconds} s, coverage ${cov:-?}," \
      "corpus $(find "$corpus" -type f | wc -l) files"
  else
    failed=1
    what=$(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|ERROR: libFuzzer' "$log" || true)
    echo "$harness: FAILED (exit $status): ${what:-see the log}; log $log"
    for file in $found; do
      echo "  reproducer: $file ($(stat -c %s "$file") bytes, base64 below)"
      base64 -w 0 "$file" | head -c 4096
      echo
    done
    # CI keeps only what is printed: the report itself, with its stack.
    echo "--- the last 60 lines of $log:"
    tail -n 60 "$log"
  fi
done
exit $failed
