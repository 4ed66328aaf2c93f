# SPDX-License-Identifier: GPL-3.0-or-later
"""How librosa's keyword arguments reach the core.

Which keywords a function accepts, and their defaults, come from the core's parameter table
(``cepstra-cli params``): each key carries the stage of the pipeline it belongs to, named
after the librosa call that takes it. Values are checked by the core, so a bad value raises
``ValueError`` with the message ``cepstra-cli`` prints. An argument Cepstra does not support
raises ``TypeError`` naming it; nothing is silently ignored.
"""

import inspect
import json
import numbers

import numpy as np

from . import _core

#: The parameter table, as ``cepstra-cli params --format json`` prints it.
TABLE = json.loads(_core.parameter_table_json())
_BY_KEY = {entry["key"]: entry for entry in TABLE}


def keys_of(*stages):
    """The table keys of the given stages ("load", "stft", "mel", "mfcc", "trim", "outputs")."""
    return [entry["key"] for entry in TABLE if entry["stage"] in stages]


def default_of(key):
    """A key's default: FeatureConfig's member initialiser, read through the table."""
    return _BY_KEY[key]["default"]


def setting_value(function, name, value, key=None):
    """A Python value as the core reads a setting: None, bool, int, float, str or a list of str.

    NumPy scalars become Python numbers. Anything else (an array, a callable, a tuple such as
    ``("kaiser", 4.0)``) is a TypeError naming the argument.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return list(value)
    entry = _BY_KEY.get(key or name)
    if entry is not None and entry.get("choices"):
        choices = ", ".join(repr(choice) for choice in entry["choices"])
        raise TypeError(f"{function}() does not support {name} as {type(value).__name__}: "
                        f"Cepstra takes {name} by name, one of {choices}")
    raise TypeError(f"{function}() does not support {name} as {type(value).__name__}")


def is_float32(dtype):
    try:
        return np.dtype(dtype) == np.float32
    except TypeError:
        return False


class Fixed:
    """A librosa argument Cepstra supports at one value only: `accepts` says which."""

    def __init__(self, default, accepts, why):
        self.default = default
        self.accepts = accepts
        self.why = why


#: librosa's dtype=np.float32 of filters.mel and the features: the only one Cepstra computes.
FLOAT32 = Fixed(np.float32, is_float32, "Cepstra's filterbank and features are float32, "
                "librosa's default; convert the result with .astype() if you need another")


class Surface:
    """The keyword surface of one librosa function.

    `named` are librosa's own parameters in order (None for a required one), `table_keys`
    every key of the parameter table the call accepts (named or through ``**kwargs``),
    `aliases` librosa names that set another key (mfcc's ``mel_norm`` sets ``norm``), `fixed`
    the librosa arguments Cepstra takes at one value only, and `own` (name: default) those the
    function reads itself, outside the table (load's offset and duration).
    """

    def __init__(self, function, named, table_keys, aliases=None, fixed=None, own=None,
                 required=()):
        self.function = function
        self.named = list(named)
        self.table_keys = list(table_keys)
        self.aliases = dict(aliases or {})
        self.fixed = dict(fixed or {})
        self.own = dict(own or {})
        self.required = tuple(required)
        for key in list(self.table_keys) + list(self.aliases.values()):
            if key not in _BY_KEY:
                raise AssertionError(f"{function}: {key} is not in the parameter table")

    def settings(self, kwargs):
        """The table settings `kwargs` make; TypeError for any argument Cepstra does not take."""
        for name in self.required:
            if name not in kwargs:
                raise TypeError(f"{self.function}() missing required keyword argument: '{name}'")
        settings = {}
        for name, value in kwargs.items():
            if name in self.own:
                continue
            if name in self.fixed:
                fixed = self.fixed[name]
                if not fixed.accepts(value):
                    raise TypeError(f"{self.function}() does not support {name}={value!r}: "
                                    f"{fixed.why}")
                continue
            key = self.aliases.get(name, name)
            if name not in self.aliases and name not in self.table_keys:
                raise TypeError(f"{self.function}() got an unexpected keyword argument '{name}'")
            settings[key] = setting_value(self.function, name, value, key)
        return settings

    def signature(self, leading=()):
        """librosa's signature, with the table's defaults, for help() and inspect."""
        parameters = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD)
                      for name in leading]
        shown = set(leading)
        for name in self.named:
            shown.add(name)
            if name in self.required:
                default = inspect.Parameter.empty
            elif name in self.fixed:
                default = self.fixed[name].default
            elif name in self.own:
                default = self.own[name]
            elif name in _BY_KEY or name in self.aliases:
                default = default_of(self.aliases.get(name, name))
            else:
                default = None
            parameters.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                                                default=default))
        if any(key not in shown for key in self.table_keys):
            parameters.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
        return inspect.Signature(parameters)


def reject(function, names, why):
    """TypeError naming the first of `names`: arguments that do not apply to this call."""
    if names:
        listed = ", ".join(sorted(names))
        raise TypeError(f"{function}() does not take {listed} here: {why}")


def float_signal(function, name, array):
    """`array` as librosa's valid_audio and the features accept it: float32 or float64.

    Returns the array (float32 or float64, unchanged) and whether it was float64, so the result
    can be returned in librosa's dtype.
    """
    array = np.asarray(array)
    if array.dtype not in (np.float32, np.float64):
        raise ValueError(f"{name} must be a float32 or float64 array (got {array.dtype}); "
                         "librosa refuses integer audio too")
    return array, array.dtype == np.float64


def as_librosa_dtype(result, was_float64):
    """Cepstra computes in float32 (within the golden tolerances of librosa's float64 path);
    float64 input gets a float64 result, as librosa returns it."""
    return result.astype(np.float64) if was_float64 else result
