# SPDX-License-Identifier: GPL-3.0-or-later
"""cepstra.extract: one clip's arrays exactly as ``cepstra-cli run`` and ``extract`` write them."""

import os

import numpy as np

from . import _arguments as args
from . import _core
from .config import settings_of

__all__ = ["extract"]


def extract(source, config=None):
    """Every array the run's pipeline writes for one clip, by output suffix, in write order:
    ``{"melspectrogram": ..., "melspectrogram_standard": ..., "mfcc": ..., ...}``.

    `source` is an audio file (loaded, trimmed and computed as ``cepstra-cli extract`` does:
    the arrays are the bytes of its .npy files) or a mono float32/float64 signal already at
    the config's sr (trimmed when the config says so). `config` is a cepstra.Config or a dict
    of its keys; None is the defaults. This is how an evaluation script computes features
    exactly as training did. With scale_axis "dataset", a clip is scaled as its own dataset,
    as ``cepstra-cli extract`` does.
    """
    settings = settings_of(config, "extract")
    if isinstance(source, (str, bytes, os.PathLike)):
        return _core.extract_path(os.fsencode(source), settings)
    y, _ = args.float_signal("extract", "source", source)
    return _core.extract_signal(np.ascontiguousarray(y, dtype=np.float32), settings)
