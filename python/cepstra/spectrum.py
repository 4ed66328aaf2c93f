# SPDX-License-Identifier: GPL-3.0-or-later
"""librosa.power_to_db, computed by Cepstra's core (the log-mel step of its MFCCs)."""

import numbers

import numpy as np

from . import _arguments as args
from . import _core

__all__ = ["power_to_db"]


def power_to_db(S, *, ref=1.0, amin=1e-10, top_db=80.0):
    """librosa.power_to_db: 10 * log10(max(amin, S) / max(amin, ref)), floored at its
    maximum minus top_db (None: no floor).

    `S` is a real array of any shape; `ref` a number or a callable evaluated on S, as librosa
    evaluates ``ref=np.max``. The result has S's shape, in float32, or float64 for float64 S
    (computed in float32, within the golden tolerance of librosa's float64 path).
    """
    S = np.asarray(S)
    if np.iscomplexobj(S):
        raise TypeError("power_to_db() does not support complex S: librosa would take its "
                        "magnitude with a warning; pass np.abs(S) ** 2")
    S, was_float64 = args.float_signal("power_to_db", "S", S)
    if callable(ref):
        ref = ref(S)
    if not isinstance(ref, numbers.Real) and not (isinstance(ref, np.ndarray) and ref.ndim == 0):
        raise TypeError("power_to_db() does not support a ref that is not a number or a "
                        f"callable giving one (got {type(ref).__name__})")
    for name, value in (("amin", amin), ("top_db", top_db)):
        if value is not None and not isinstance(value, numbers.Real):
            raise TypeError(f"power_to_db() takes {name} as a number (got {type(value).__name__})")
    if amin is None:
        raise TypeError("power_to_db() takes amin as a number (got NoneType)")
    flat = np.ascontiguousarray(S, dtype=np.float32).reshape(1, -1)
    decibels = _core.power_to_db(flat, float(ref), float(amin),
                                 None if top_db is None else float(top_db))
    return args.as_librosa_dtype(decibels.reshape(S.shape), was_float64)
