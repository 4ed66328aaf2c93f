# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python tests share: where the golden data and cepstra-cli are, the golden
tolerances (as tests/support/GoldenData.cpp states them), and running the CLI.

Nothing here skips: missing data or a missing tool fails the test, as the C++ suite does.
"""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np


CLI = os.environ.get("CEPSTRA_CLI", "")


def golden_dir(quiet=False):
    """$CEPSTRA_GOLDEN_DIR, else the checkout's ../shared/golden; "-quiet" for the quiet set."""
    base = os.environ.get("CEPSTRA_GOLDEN_DIR") or os.environ.get("CEPSTRA_GOLDEN_DIR_DEFAULT")
    if not base:
        base = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "golden")
    base = os.path.normpath(base)
    path = base + "-quiet" if quiet else base
    if not os.path.isfile(os.path.join(path, "cases.json")):
        raise FileNotFoundError(f"golden data not found at {path}; put the team's shared/ "
                                "folder beside the checkout or set CEPSTRA_GOLDEN_DIR")
    return path


def golden_cases(quiet=False):
    with open(os.path.join(golden_dir(quiet), "cases.json")) as file:
        return json.load(file)


def golden_array(relative, quiet=False):
    return np.load(os.path.join(golden_dir(quiet), relative))


def cli(*arguments, check=True):
    """Runs cepstra-cli; returns the CompletedProcess (text output)."""
    if not CLI or not os.access(CLI, os.X_OK):
        raise FileNotFoundError(f"cepstra-cli not found at '{CLI}'; set CEPSTRA_CLI")
    result = subprocess.run([CLI, *arguments], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"cepstra-cli {' '.join(arguments)} exited with "
                             f"{result.returncode}: {result.stderr}")
    return result


def cli_error(*arguments):
    """The message of a refused cepstra-cli call: its stderr line after "error: "."""
    result = cli(*arguments, check=False)
    if result.returncode == 0:
        raise AssertionError(f"cepstra-cli {' '.join(arguments)} succeeded")
    line = result.stderr.strip().splitlines()[-1]
    prefix = "cepstra-cli: error: "
    if not line.startswith(prefix):
        raise AssertionError(f"unexpected stderr: {result.stderr}")
    return line[len(prefix):]


def make_demo(folder, clips=2, seconds=3):
    cli("make-demo", folder, "--clips", str(clips), "--seconds", str(seconds))
    return folder


def temporary_folder(test):
    """A temporary folder removed when `test` ends."""
    folder = tempfile.TemporaryDirectory(prefix="cepstra-python-")
    test.addCleanup(folder.cleanup)
    return folder.name


def python_child(code, *arguments):
    """A child of this interpreter (Debian's python3) running `code` with `arguments` as
    sys.argv[1:] and this PYTHONPATH, its standard output a text pipe."""
    return subprocess.Popen([sys.executable, "-c", code, *arguments], env=dict(os.environ),
                            stdout=subprocess.PIPE, text=True)


# --- the golden tolerances ---------------------------------------------------------------

_NEAR_CONSTANT = 10.0 * np.finfo(np.float32).eps


def raw_tolerance(feature, ours):
    """Per element, given the reference: mel power 1e-5 max|ours| + 1e-4 |ref|; MFCC and
    log-mel 2e-3."""
    if feature == "melspectrogram":
        peak = float(np.max(np.abs(ours))) if ours.size else 0.0
        return lambda reference: 1e-5 * peak + 1e-4 * np.abs(reference)
    return lambda reference: np.full(np.shape(reference), 2e-3)


def scaled_tolerance(feature, scaler, axis, raw):
    """1e-3 + 2 d / s over the element's group (frame, band, or the whole array), d the
    largest raw tolerance in the group and s its standard deviation or range; a near-constant
    group accepts anything. Returns a (rows, cols) array of tolerances."""
    raw = raw.astype(np.float64)
    element = raw_tolerance(feature, raw)(raw)
    group_axis = {"frame": 0, "band": 1, "global": None}[axis]
    if scaler == "standard":
        spread = raw.std(axis=group_axis, keepdims=True)
    else:
        spread = raw.max(axis=group_axis, keepdims=True) - raw.min(axis=group_axis, keepdims=True)
    d = element.max(axis=group_axis, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        tolerance = np.where(spread < _NEAR_CONSTANT, np.inf, 1e-3 + 2.0 * d / spread)
    return np.broadcast_to(tolerance, raw.shape)


def worst_ratio(ours, head, tail, tolerance):
    """The worst |ours - reference| / tolerance over the reference's head and tail frames;
    <= 1 passes. `tolerance` maps reference values (and their columns) to tolerances."""
    worst = 0.0
    columns = ours.shape[1]
    for reference, first in ((head, 0), (tail, columns - tail.shape[1])):
        part = ours[:, first:first + reference.shape[1]].astype(np.float64)
        allowed = tolerance(reference.astype(np.float64), first, reference.shape[1])
        difference = np.abs(part - reference)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(difference == 0, 0.0, difference / allowed)
        ratio = np.nan_to_num(ratio, nan=np.inf)
        worst = max(worst, float(ratio.max()) if ratio.size else 0.0)
    return worst
