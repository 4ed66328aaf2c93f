# SPDX-License-Identifier: GPL-3.0-or-later
"""librosa.filters.mel: the filterbank Cepstra's features use."""

from . import _arguments as args
from . import _core

__all__ = ["mel"]

_MEL = args.Surface(
    "mel",
    named=["sr", "n_fft"] + args.keys_of("mel") + ["dtype"],
    table_keys=["sr", "n_fft"] + args.keys_of("mel"),
    fixed={"dtype": args.FLOAT32},
    required=("sr", "n_fft"))


def mel(**kwargs):
    """librosa.filters.mel: the (n_mels, 1 + n_fft // 2) float32 mel filter weights, Slaney's
    (or HTK's with htk=True), area-normalised with norm="slaney" or not with norm=None."""
    return _core.mel_filters(_MEL.settings(kwargs))


mel.__signature__ = _MEL.signature()
