# SPDX-License-Identifier: GPL-3.0-or-later
"""librosa.feature's melspectrogram and mfcc, computed by Cepstra's core.

The arrays are the ones ``cepstra-cli extract`` writes for the same clip and config (with
``trim: false``, since librosa.feature does not trim), and librosa 0.11's within the golden
tolerances. The GIL is released while the core computes, so threads run in parallel.
"""

from . import _arguments as args
from . import _core

__all__ = ["melspectrogram", "mfcc"]

_MEL_KEYS = ["sr"] + args.keys_of("stft", "mel")
_STFT_KEYS = args.keys_of("stft")

_MELSPECTROGRAM = args.Surface(
    "melspectrogram",
    named=["y", "sr", "S"] + _STFT_KEYS,
    table_keys=_MEL_KEYS,
    fixed={"dtype": args.FLOAT32})

_MFCC = args.Surface(
    "mfcc",
    named=["y", "sr", "S"] + args.keys_of("mfcc")[:2] + ["norm"] + args.keys_of("mfcc")[2:]
    + ["mel_norm"],
    # mfcc's own `norm` is the DCT's; the filterbank's is `mel_norm` (librosa 0.11).
    table_keys=[key for key in _MEL_KEYS if key != "norm"] + args.keys_of("mfcc"),
    aliases={"mel_norm": "norm"},
    fixed={"norm": args.Fixed("ortho", lambda value: value == "ortho",
                               "Cepstra's DCT is orthonormal (librosa's default)"),
           "dtype": args.FLOAT32})


def melspectrogram(*, y=None, S=None, **kwargs):
    """librosa.feature.melspectrogram: a (n_mels, frames) mel power spectrogram.

    With `y` (a mono float32 or float64 signal at `sr`): |STFT|**power through the mel
    filterbank. With `S` (a (1 + n_fft // 2, frames) power spectrogram): the filterbank applied
    to it, n_fft being 2 * (S.shape[0] - 1). Keywords as librosa 0.11: sr, n_fft, hop_length,
    win_length, window (by name), center, pad_mode, power, and filters.mel's n_mels, fmin,
    fmax, htk, norm. The result is float32, or float64 for float64 input.
    """
    settings = _MELSPECTROGRAM.settings(kwargs)
    if (y is None) == (S is None):
        raise ValueError("melspectrogram() takes one of y and S")
    if S is not None:
        args.reject("melspectrogram", set(settings) & set(_STFT_KEYS),
                    "S is already a spectrogram, so the STFT arguments apply only with y")
        S, was_float64 = args.float_signal("melspectrogram", "S", S)
        mel = _core.melspectrogram_of_spectrogram(S, settings)
    else:
        y, was_float64 = args.float_signal("melspectrogram", "y", y)
        mel = _core.melspectrogram(y, settings)
    return args.as_librosa_dtype(mel, was_float64)


def mfcc(*, y=None, S=None, **kwargs):
    """librosa.feature.mfcc: (n_mfcc, frames) mel-frequency cepstral coefficients.

    With `y`: power_to_db of melspectrogram(y, **kwargs) (mel_norm is its filterbank norm),
    then the orthonormal DCT of dct_type, the first n_mfcc rows, and the lifter. With `S`: the
    same from a log-power mel spectrogram (power_to_db's output). float32, or float64 for
    float64 input.
    """
    settings = _MFCC.settings(kwargs)
    if (y is None) == (S is None):
        raise ValueError("mfcc() takes one of y and S")
    if S is not None:
        args.reject("mfcc", set(settings) - set(args.keys_of("mfcc")) - {"sr"},
                    "S is already a log-power mel spectrogram, so the STFT and filterbank "
                    "arguments apply only with y")
        settings.pop("sr", None)
        S, was_float64 = args.float_signal("mfcc", "S", S)
        coefficients = _core.mfcc_of_log_mel(S, settings)
    else:
        y, was_float64 = args.float_signal("mfcc", "y", y)
        coefficients = _core.mfcc(y, settings)
    return args.as_librosa_dtype(coefficients, was_float64)


melspectrogram.__signature__ = _MELSPECTROGRAM.signature()
mfcc.__signature__ = _MFCC.signature()
