# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python module's figures, for `make bench`: per-clip time of cepstra.feature's
melspectrogram and mfcc on a 30 s clip, librosa's beside them where it is installed, and the
same calls on one thread against two, which shows the GIL is released while the core computes.

Run with the build tree's package: PYTHONPATH=build/release/python /usr/bin/python3 \
bench/python_bench.py [--repeats N]. Figures only; nothing here passes or fails.
"""

import argparse
import os
import statistics
import threading
import time

import numpy as np

import cepstra

SECONDS = 30
RATE = 22050


def clip():
    """30 s of a GTZAN-like signal: a few harmonic tones that change every second, and noise."""
    rng = np.random.default_rng(7)
    t = np.arange(SECONDS * RATE) / RATE
    signal = 0.02 * rng.standard_normal(t.size)
    for second in range(SECONDS):
        part = slice(second * RATE, (second + 1) * RATE)
        for harmonic, level in ((1, 0.3), (2, 0.15), (3, 0.08)):
            frequency = 110 * 2 ** (rng.integers(0, 24) / 12) * harmonic
            signal[part] += level * np.sin(2 * np.pi * frequency * t[part])
    return (signal / np.max(np.abs(signal)) * 0.9).astype(np.float32)


def per_call(function, repeats):
    """The median wall time of one call, seconds (after one warm-up call)."""
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def threaded(function, calls, threads):
    """Wall time of `calls` calls spread over `threads` threads, seconds."""
    share = [calls // threads + (1 if i < calls % threads else 0) for i in range(threads)]

    def work(count):
        for _ in range(count):
            function()

    workers = [threading.Thread(target=work, args=(count,)) for count in share]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed calls per figure")
    options = parser.parse_args()
    y = clip()
    calls = {
        "feature.melspectrogram(y=y, sr=sr)":
            lambda module: module.feature.melspectrogram(y=y, sr=RATE),
        "feature.mfcc(y=y, sr=sr)":
            lambda module: module.feature.mfcc(y=y, sr=RATE),
        "feature.mfcc(y=y, sr=sr, n_mfcc=13, n_fft=1024, hop_length=256)":
            lambda module: module.feature.mfcc(y=y, sr=RATE, n_mfcc=13, n_fft=1024,
                                               hop_length=256),
    }
    try:
        import librosa
        librosa_version = librosa.__version__
    except ImportError:
        librosa = None
    print(f"cepstra {cepstra.__version__} Python module, a {SECONDS} s clip at {RATE} Hz, "
          f"median of {options.repeats} calls, {os.cpu_count()} CPUs")
    print("librosa " + (librosa_version if librosa else "not installed: its column is empty"))
    print(f"{'call':<66} {'cepstra':>9} {'librosa':>9} {'ratio':>7}")
    for name, call in calls.items():
        ours = per_call(lambda: call(cepstra), options.repeats)
        theirs = per_call(lambda: call(librosa), max(3, options.repeats // 4)) if librosa else None
        librosa_text = f"{theirs * 1e3:7.1f}ms" if theirs else f"{'-':>9}"
        ratio_text = f"{theirs / ours:6.1f}x" if theirs else f"{'-':>7}"
        print(f"{name:<66} {ours * 1e3:7.1f}ms {librosa_text} {ratio_text}")

    mfcc = calls["feature.mfcc(y=y, sr=sr)"]
    count = max(16, 2 * options.repeats)
    one = threaded(lambda: mfcc(cepstra), count, 1)
    two = threaded(lambda: mfcc(cepstra), count, 2)
    print(f"GIL: {count} mfcc calls take {one:.3f} s on 1 thread and {two:.3f} s on 2 threads "
          f"({one / two:.2f}x faster; 2x is both cores busy, 1x would mean the GIL is held)")


if __name__ == "__main__":
    main()
