# SPDX-License-Identifier: GPL-3.0-or-later
"""cepstra.Config: every parameter of a run, one attribute per key of the parameter table."""

import json
import os

from . import _arguments as args
from . import _core

__all__ = ["Config"]

_KEYS = [entry["key"] for entry in args.TABLE]


def _normalized(values):
    """`values` (table key: value) applied onto the defaults by the core: every key, in table
    order, normalised ("mfcc,logmel" -> ["mfcc", "logmel"], 2048.0 -> 2048)."""
    return json.loads(_core.config_normalize(values))


class Config:
    """The configuration of ``cepstra-cli run``: its JSON config file, as an object.

    Each key of the parameter table is an attribute, with librosa's name and default
    (``Config().n_fft == 2048``). ``Config(n_mels=64, features=["mfcc"])`` sets some. A value
    of the wrong type raises ValueError at once, with the CLI's message; ranges and limits
    between keys (n_mfcc <= n_mels...) are checked by validate(), and by cepstra.run and
    cepstra.extract before they start. JSON maps onto it one to one: from_json reads what
    ``--config`` reads, to_json writes what it accepts.
    """

    __slots__ = ("_values",)

    def __init__(self, **settings):
        for name in settings:
            if name not in _KEYS:
                raise TypeError(f"Config() got an unexpected keyword argument '{name}' "
                                f"(known keys: {', '.join(_KEYS)})")
        values = {name: args.setting_value("Config", name, value)
                  for name, value in settings.items()}
        object.__setattr__(self, "_values", _normalized(values))

    @classmethod
    def keys(cls):
        """The table's keys, in its order."""
        return list(_KEYS)

    @classmethod
    def from_json(cls, source):
        """A config from JSON text (str or bytes), or from a JSON file (an os.PathLike), as
        ``cepstra-cli --config`` reads it: the defaults, then the file's keys."""
        if isinstance(source, os.PathLike):
            with open(source, "rb") as file:
                source = file.read()
        if isinstance(source, bytes):
            source = source.decode("utf-8")
        if not isinstance(source, str):
            raise TypeError("Config.from_json() takes JSON text or a path to a JSON file")
        config = cls.__new__(cls)
        object.__setattr__(config, "_values", json.loads(_core.config_from_json(source)))
        return config

    def to_json(self, indent=2):
        """Every key as a JSON object, in the table's order: a config file for ``--config``."""
        return json.dumps(self._values, indent=indent)

    def to_dict(self):
        """Every key and its value (a copy)."""
        return json.loads(json.dumps(self._values))

    def replace(self, **settings):
        """A copy with some keys changed."""
        return Config(**{**self._values, **settings})

    def validate(self):
        """The problems of this config, each a sentence naming its key; empty when valid."""
        return list(_core.config_problems(self._values))

    def check(self):
        """Raises ValueError with every problem, as ``cepstra-cli`` prints them after
        "invalid config: "."""
        _core.config_check(self._values)

    def __setattr__(self, name, value):
        if name not in _KEYS:
            raise AttributeError(f"Config has no key '{name}' (known keys: {', '.join(_KEYS)})")
        values = dict(self._values)
        values[name] = args.setting_value("Config", name, value)
        object.__setattr__(self, "_values", _normalized(values))

    def __eq__(self, other):
        return isinstance(other, Config) and self._values == other._values

    def __repr__(self):
        defaults = _normalized({})
        changed = [f"{key}={value!r}" for key, value in self._values.items()
                   if defaults[key] != value]
        return f"Config({', '.join(changed)})"

    def __getstate__(self):
        return self._values

    def __setstate__(self, state):
        object.__setattr__(self, "_values", dict(state))


def _key_property(entry):
    key = entry["key"]
    unit = f" [{entry['unit']}]" if entry.get("unit") else ""
    # Setting goes through Config.__setattr__, which has the core check the value.
    return property(lambda self: self._values[key],
                    doc=f"{entry['doc']}{unit}; default {json.dumps(entry['default'])}")


for _entry in args.TABLE:
    if hasattr(Config, _entry["key"]):
        raise AssertionError(f"Config: {_entry['key']} collides with a method")
for _entry in args.TABLE:
    setattr(Config, _entry["key"], _key_property(_entry))
del _entry


def settings_of(config, function):
    """The table settings of `config`: a Config, a mapping of keys, or None (the defaults)."""
    if config is None:
        return {}
    if isinstance(config, Config):
        return config.to_dict()
    if isinstance(config, dict):
        return Config(**config).to_dict()
    raise TypeError(f"{function}() takes config as a cepstra.Config or a dict of its keys "
                    f"(got {type(config).__name__})")
