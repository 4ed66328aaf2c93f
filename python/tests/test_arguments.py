# SPDX-License-Identifier: GPL-3.0-or-later
"""Each bad argument gets its error: an argument Cepstra does not support is a TypeError
naming it; a bad value of a parameter is a ValueError with the message cepstra-cli prints."""

import io
import json
import os
import unittest

import numpy as np

import cepstra
import support

_Y = np.sin(2 * np.pi * 440 * np.arange(22050) / 22050).astype(np.float32)

# (key, bad value): one per table key a librosa-named call takes, ranges, types, choices and
# limits between keys alike.
_BAD_VALUES = [
    ("sr", 500), ("n_fft", 1), ("n_fft", 2048.5), ("n_fft", "2048"), ("hop_length", 0),
    ("win_length", 4096), ("window", "kaiser"), ("center", "yes"), ("pad_mode", "edge"),
    ("power", 0.0), ("n_mels", 0), ("fmin", -1.0), ("fmax", 20000.0), ("htk", 1),
    ("norm", 1), ("n_mfcc", 200), ("dct_type", 4), ("lifter", -1.0), ("top_db", -5.0),
]


def _calls_taking(key):
    """The librosa-named calls that take `key`, each as (the table keys it takes, a function of
    its keyword arguments)."""
    keys = cepstra._arguments.keys_of
    stage = {entry["key"]: entry["stage"] for entry in cepstra._arguments.TABLE}[key]
    if stage == "trim":
        return [(["top_db"], lambda **kwargs: cepstra.effects.trim(_Y, **kwargs))]
    mel_keys = keys("load", "stft", "mel")
    calls = [(mel_keys, lambda **kwargs: cepstra.feature.melspectrogram(y=_Y, **kwargs))]
    if stage == "mfcc":
        calls = []
    if key != "norm":  # mfcc takes the filterbank's norm as mel_norm
        calls.append((mel_keys + keys("mfcc"),
                      lambda **kwargs: cepstra.feature.mfcc(y=_Y, **kwargs)))
    return calls


class BadValuesAreValueErrorsWithTheCliMessage(unittest.TestCase):
    def cli_message(self, settings, keys=None):
        """What cepstra-cli says of `settings`: the problems of the given keys (all when None),
        as it joins them."""
        audio = os.path.join(support.golden_dir(), "audio", "sine440_pcm16.wav")
        arguments = ["extract", audio, support.temporary_folder(self)]
        for key, value in settings.items():
            arguments += ["--set", f"{key}={json.dumps(value)}"]
        message = support.cli_error(*arguments)
        for prefix in ("invalid config: ", "invalid --set: "):
            if message.startswith(prefix):
                problems = message[len(prefix):].split("; ")
                if keys is not None:
                    problems = [problem for problem in problems if problem.split()[0] in keys]
                return "; ".join(problems)
        raise AssertionError(f"not a config error: {message}")

    def test_each_table_key(self):
        """Each call reports what the CLI reports of the parameters the call takes: mfcc with
        n_mels=0 also says n_mfcc no longer fits, melspectrogram (which has no n_mfcc) not."""
        covered = set()
        for key, value in _BAD_VALUES:
            for index, (keys, call) in enumerate(_calls_taking(key)):
                with self.subTest(key=key, value=value, call=index):
                    with self.assertRaises(ValueError) as raised:
                        call(**{key: value})
                    self.assertEqual(str(raised.exception), self.cli_message({key: value}, keys))
                    self.assertIn(key, str(raised.exception))
                    covered.add(key)
        librosa_keys = cepstra._arguments.keys_of("load", "stft", "mel", "mfcc") + ["top_db"]
        self.assertEqual(covered, set(librosa_keys))

    def test_several_at_once_are_listed_as_the_cli_lists_them(self):
        settings = {"n_fft": 1, "hop_length": 0, "n_mels": 2000}
        with self.assertRaises(ValueError) as raised:
            cepstra.feature.melspectrogram(y=_Y, **settings)
        self.assertEqual(str(raised.exception), self.cli_message(settings))
        self.assertEqual(str(raised.exception).count("; "), 2)

    def test_load_rate(self):
        with self.assertRaises(ValueError) as raised:
            cepstra.load(os.path.join(support.golden_dir(), "audio", "silence.wav"), sr=500)
        self.assertEqual(str(raised.exception), self.cli_message({"sr": 500}))

    def test_filters_mel_and_mfcc_from_s(self):
        with self.assertRaises(ValueError) as raised:
            cepstra.filters.mel(sr=22050, n_fft=2048, fmax=30000.0)
        self.assertEqual(str(raised.exception), self.cli_message({"fmax": 30000.0}))
        with self.assertRaises(ValueError) as raised:
            cepstra.feature.mfcc(S=np.zeros((40, 10), np.float32), n_mfcc=41)
        self.assertEqual(str(raised.exception), self.cli_message({"n_mels": 40, "n_mfcc": 41}))

    def test_values_librosa_refuses_too(self):
        with self.assertRaisesRegex(ValueError, "^amin must be strictly positive$"):
            cepstra.power_to_db(np.ones((2, 2), np.float32), amin=0.0)
        with self.assertRaisesRegex(ValueError, "^top_db must be non-negative$"):
            cepstra.power_to_db(np.ones((2, 2), np.float32), top_db=-1.0)
        with self.assertRaisesRegex(ValueError, "float32 or float64 .* int16"):
            cepstra.feature.melspectrogram(y=np.zeros(4096, np.int16))
        with self.assertRaisesRegex(ValueError, "1-D array"):
            cepstra.feature.mfcc(y=np.zeros((2, 4096), np.float32))
        with self.assertRaisesRegex(ValueError, "Audio buffer is not finite everywhere"):
            cepstra.feature.melspectrogram(y=np.full(4096, np.nan, np.float32))
        with self.assertRaisesRegex(ValueError, "no samples"):
            cepstra.feature.melspectrogram(y=np.zeros(0, np.float32))
        with self.assertRaisesRegex(ValueError, r"^offset must be .* at least 0 \(got -1\)$"):
            cepstra.load(os.path.join(support.golden_dir(), "audio", "silence.wav"), offset=-1)
        with self.assertRaisesRegex(ValueError, "one of y and S"):
            cepstra.feature.melspectrogram()
        with self.assertRaisesRegex(ValueError, "2-D"):
            cepstra.feature.mfcc(S=np.zeros(40, np.float32))
        # mfcc's mel_norm is the filterbank's norm: its message names the table's key.
        with self.assertRaises(ValueError) as raised:
            cepstra.feature.mfcc(y=_Y, mel_norm=1)
        self.assertEqual(str(raised.exception), self.cli_message({"norm": 1}))

    def test_files_that_cannot_be_read(self):
        folder = support.temporary_folder(self)
        with self.assertRaises(OSError):
            cepstra.load(os.path.join(folder, "missing.wav"))
        text = os.path.join(folder, "text.wav")
        with open(text, "w") as file:
            file.write("not audio at all, just text")
        with self.assertRaises(RuntimeError):
            cepstra.load(text)
        with self.assertRaises(RuntimeError):
            cepstra.load(io.BytesIO(b"not audio either"))


class UnsupportedArgumentsAreTypeErrorsNamingThem(unittest.TestCase):
    def assert_type_error(self, call, name):
        with self.assertRaises(TypeError) as raised:
            call()
        self.assertIn(name, str(raised.exception))

    def test_features(self):
        mel = cepstra.feature.melspectrogram
        mfcc = cepstra.feature.mfcc
        power = np.ones((1025, 4), np.float32)
        self.assert_type_error(lambda: mel(y=_Y, n_ffts=1024), "'n_ffts'")
        self.assert_type_error(lambda: mel(y=_Y, dtype=np.float64), "dtype")
        self.assert_type_error(lambda: mel(y=_Y, window=np.hanning(2048)), "window")
        self.assert_type_error(lambda: mel(y=_Y, window=("kaiser", 4.0)), "window")
        self.assert_type_error(lambda: mel(y=_Y, window=np.hanning), "window")
        self.assert_type_error(lambda: mel(S=power, n_fft=2048), "n_fft")
        self.assert_type_error(lambda: mel(S=power, power=1.0), "power")
        self.assert_type_error(lambda: mel(_Y), "positional")
        self.assert_type_error(lambda: mfcc(y=_Y, norm=None), "norm")
        self.assert_type_error(lambda: mfcc(y=_Y, ref=np.max), "'ref'")
        self.assert_type_error(lambda: mfcc(S=np.ones((128, 4), np.float32), n_mels=128),
                               "n_mels")
        self.assert_type_error(lambda: mfcc(S=np.ones((128, 4), np.float32), hop_length=256),
                               "hop_length")

    def test_load(self):
        audio = os.path.join(support.golden_dir(), "audio", "chirp_stereo_44k.wav")
        self.assert_type_error(lambda: cepstra.load(audio, mono=False), "mono")
        self.assert_type_error(lambda: cepstra.load(audio, res_type="kaiser_best"), "res_type")
        self.assert_type_error(lambda: cepstra.load(audio, dtype=np.float64), "dtype")
        self.assert_type_error(lambda: cepstra.load(audio, offset="1"), "offset")
        self.assert_type_error(lambda: cepstra.load(audio, backend="audioread"), "'backend'")

    def test_trim_power_to_db_and_filters(self):
        trim = cepstra.effects.trim
        self.assert_type_error(lambda: trim(_Y, frame_length=1024), "frame_length")
        self.assert_type_error(lambda: trim(_Y, hop_length=256), "hop_length")
        self.assert_type_error(lambda: trim(_Y, ref=1.0), "ref")
        self.assert_type_error(lambda: trim(_Y, aggregate="max"), "aggregate")
        self.assert_type_error(lambda: cepstra.power_to_db(np.ones(4, np.complex64)), "complex")
        self.assert_type_error(lambda: cepstra.power_to_db(np.ones(4), ref="max"), "ref")
        self.assert_type_error(lambda: cepstra.power_to_db(np.ones(4), top_db="80"), "top_db")
        self.assert_type_error(lambda: cepstra.filters.mel(sr=22050), "'n_fft'")
        self.assert_type_error(lambda: cepstra.filters.mel(sr=22050, n_fft=2048,
                                                           dtype=np.float64), "dtype")

    def test_jobs_and_config(self):
        self.assert_type_error(lambda: cepstra.Config(n_fftt=1024), "'n_fftt'")
        self.assert_type_error(lambda: cepstra.run("in", "out", config="n_fft=1024"), "config")
        self.assert_type_error(lambda: cepstra.run("in", "out", jobs=1.5), "jobs")
        self.assert_type_error(lambda: cepstra.run("in", "out", progress=5), "progress")
        self.assert_type_error(lambda: cepstra.export("in", "out.h5", frames=1.5), "frames")
        self.assert_type_error(lambda: cepstra.check("in", thresholds={"silent.x": "a"}),
                               "silent.x")
        with self.assertRaises(AttributeError):
            cepstra.Config().n_fftt = 1024


if __name__ == "__main__":
    unittest.main()
