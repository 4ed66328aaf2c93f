# SPDX-License-Identifier: GPL-3.0-or-later
"""Cepstra from Python: librosa's calls at Cepstra's speed, with the same numbers.

    import cepstra
    y, sr = cepstra.load("blues.00000.au")
    S = cepstra.feature.melspectrogram(y=y, sr=sr, n_mels=128)
    M = cepstra.feature.mfcc(y=y, sr=sr, n_mfcc=20)

The librosa-named calls (load, power_to_db, feature.melspectrogram, feature.mfcc,
effects.trim, filters.mel) take librosa 0.11's keyword arguments and defaults and return its
arrays within the golden tolerances, computed by the same C++ core as ``cepstra-cli``, with
the GIL released. An argument Cepstra does not support raises TypeError naming it; a bad value
raises ValueError with the CLI's message. The dataset jobs (run, check, export) and Config are
``cepstra-cli``'s; cepstra.data reads exports.
"""

from ._core import __version__
from . import data, effects, feature, filters
from .audio import load
from .config import Config
from .jobs import check, export, run
from .pipeline import extract
from .spectrum import power_to_db

__all__ = ["__version__", "load", "power_to_db", "feature", "effects", "filters", "data",
           "Config", "run", "check", "export", "extract"]
