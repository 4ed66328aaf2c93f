# SPDX-License-Identifier: GPL-3.0-or-later
"""librosa.load, computed by Cepstra's core: the decode, downmix and resampling of a run."""

import os

import numpy as np

from . import _arguments as args
from . import _core

__all__ = ["load"]

_LOAD = args.Surface(
    "load",
    named=["sr", "mono", "offset", "duration", "dtype", "res_type"],
    table_keys=args.keys_of("load"),
    fixed={
        "mono": args.Fixed(True, lambda value: value is True or value is np.True_,
                           "Cepstra loads clips as mono, the mean of their channels"),
        "dtype": args.Fixed(np.float32, args.is_float32,
                            "Cepstra loads float32 samples, librosa's default"),
        "res_type": args.Fixed("soxr_hq", lambda value: value == "soxr_hq",
                               "Cepstra resamples with libsoxr HQ (librosa's default) only"),
    },
    own={"offset": 0.0, "duration": None})


def _seconds(name, value):
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"load() takes {name} in seconds, as a number (got "
                        f"{type(value).__name__})")
    return float(value)


def load(path, **kwargs):
    """librosa.load: (y, sr), y the float32 mono signal resampled to `sr` with libsoxr HQ.

    `path` is a file name (str, bytes or os.PathLike) or a file object open for binary
    reading. ``sr=None`` keeps the native rate. `offset` and `duration` (seconds) select
    int(offset * native rate) frames on, int(duration * native rate) of them, as soundfile
    reads them. Any format libsndfile reads: WAV, FLAC, Ogg Vorbis and Opus, MP3, AIFF, AU...
    The GIL is released while the file is decoded.
    """
    offset = _seconds("offset", kwargs.get("offset", 0.0))
    duration = _seconds("duration", kwargs.get("duration"))
    native = "sr" in kwargs and kwargs["sr"] is None
    if native:
        kwargs = {name: value for name, value in kwargs.items() if name != "sr"}
    settings = _LOAD.settings(kwargs)
    if hasattr(path, "read"):
        data = path.read()
        if not isinstance(data, bytes):
            raise TypeError("load() takes a file object open for binary reading")
        name = getattr(path, "name", None)
        name = os.fsdecode(name) if isinstance(name, (str, bytes, os.PathLike)) else "<file>"
        return _core.load_bytes(data, name, settings, native, offset, duration)
    return _core.load_path(os.fsencode(path), settings, native, offset, duration)


load.__signature__ = _LOAD.signature(leading=["path"])
