# SPDX-License-Identifier: GPL-3.0-or-later
"""librosa.effects.trim, computed by Cepstra's core (the trim step of ``cepstra-cli run``)."""

import numpy as np

from . import _arguments as args
from . import _core

__all__ = ["trim"]

_TRIM = args.Surface(
    "trim",
    named=["top_db", "ref", "frame_length", "hop_length", "aggregate"],
    table_keys=args.keys_of("trim")[1:],  # top_db; the `trim` switch is the pipeline's own
    fixed={
        "ref": args.Fixed(np.max, lambda value: value is np.max or value is np.amax,
                          "Cepstra measures against the loudest frame (ref=np.max) only"),
        "frame_length": args.Fixed(_core.TRIM_FRAME_LENGTH,
                                   lambda value: value == _core.TRIM_FRAME_LENGTH,
                                   f"Cepstra trims with librosa's frame of "
                                   f"{_core.TRIM_FRAME_LENGTH} samples only"),
        "hop_length": args.Fixed(_core.TRIM_HOP_LENGTH,
                                 lambda value: value == _core.TRIM_HOP_LENGTH,
                                 f"Cepstra trims with librosa's hop of {_core.TRIM_HOP_LENGTH} "
                                 "samples only"),
        # librosa applies `aggregate` across channels only; for the mono signals Cepstra
        # trims, every aggregate gives librosa's result.
        "aggregate": args.Fixed(np.max, callable, "aggregate must be callable"),
    })


def trim(y, **kwargs):
    """librosa.effects.trim: (y[start:end], np.array([start, end])), dropping leading and
    trailing frames whose RMS is more than top_db below the loudest frame's.

    `y` is a mono float32 or float64 signal; the result is a view of it, as librosa's.
    """
    settings = _TRIM.settings(kwargs)
    y, _ = args.float_signal("trim", "y", y)
    signal = np.ascontiguousarray(y, dtype=np.float32)
    start, end = _core.trim_range(signal, settings)
    return y[start:end], np.array([start, end])


trim.__signature__ = _TRIM.signature(leading=["y"])
