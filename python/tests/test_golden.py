# SPDX-License-Identifier: GPL-3.0-or-later
"""Every golden case (../shared/golden and golden-quiet) through the Python API: librosa's
calls give the reference within its tolerance, and the bytes `cepstra-cli extract` writes."""

import os
import unittest

import numpy as np

import cepstra
import support

_STFT_AND_MEL = cepstra._arguments.keys_of("stft", "mel")
_CEPSTRUM = cepstra._arguments.keys_of("mfcc")


def _cli_outputs(test, audio, config):
    """The arrays `cepstra-cli extract` writes for `audio` under `config`, by suffix."""
    folder = support.temporary_folder(test)
    config_file = os.path.join(folder, "config.json")
    with open(config_file, "w") as file:
        file.write(config.to_json())
    support.cli("extract", audio, folder, "--config", config_file)
    stem = os.path.splitext(os.path.basename(audio))[0]
    outputs = {}
    for name in sorted(os.listdir(folder)):
        if name.startswith(stem + "_") and name.endswith(".npy"):
            outputs[name[len(stem) + 1:-4]] = np.load(os.path.join(folder, name))
    return outputs


class GoldenCasesThroughPython(unittest.TestCase):
    def assert_same_bytes(self, ours, theirs, what):
        self.assertEqual(ours.dtype, np.float32, what)
        self.assertEqual(theirs.dtype, np.float32, what)
        self.assertEqual(ours.shape, theirs.shape, what)
        self.assertEqual(ours.tobytes(), theirs.tobytes(), f"{what}: not byte-identical")

    def assert_within(self, ours, expected, tolerance, what, quiet):
        self.assertEqual(list(ours.shape), expected["shape"], what)
        head = support.golden_array(expected["head"], quiet)
        tail = support.golden_array(expected["tail"], quiet)
        ratio = support.worst_ratio(ours, head, tail, tolerance)
        self.assertLessEqual(ratio, 1.0, f"{what}: error/tolerance {ratio}")

    def check_load(self, case, audio, y, sr, quiet):
        load = case["load"]
        self.assertEqual(sr, load["sr"])
        self.assertEqual(y.dtype, np.float32)
        self.assertEqual(len(y), load["length"])
        _, native_rate = cepstra.load(audio, sr=None, duration=0.01)
        tolerance = 1e-6 if native_rate == sr else 2e-3
        head = support.golden_array(load["head"], quiet)
        tail = support.golden_array(load["tail"], quiet)
        worst = max(np.max(np.abs(y[:len(head)] - head)), np.max(np.abs(y[-len(tail):] - tail)))
        self.assertLessEqual(worst, tolerance, "loaded samples")

    def check_case(self, case, settings, quiet):
        audio = os.path.join(support.golden_dir(quiet), case["audio"])
        config = cepstra.Config(**settings)
        y, sr = cepstra.load(audio, sr=config.sr)
        self.check_load(case, audio, y, sr, quiet)
        if config.trim:
            y, index = cepstra.effects.trim(y, top_db=config.top_db)
            self.assertEqual(index.tolist(), case["trim"])
        mel_arguments = {key: settings[key] for key in _STFT_AND_MEL}
        mfcc_arguments = {key: value for key, value in mel_arguments.items() if key != "norm"}
        mfcc_arguments.update({key: settings[key] for key in _CEPSTRUM})
        mfcc_arguments["mel_norm"] = settings["norm"]

        if "expect_error" in case:
            with self.assertRaises(ValueError) as refused:
                cepstra.feature.melspectrogram(y=y, sr=sr, **mel_arguments)
            self.assertIn("too large for uncentered analysis", str(refused.exception))
            with self.assertRaises(ValueError):
                cepstra.feature.mfcc(y=y, sr=sr, **mfcc_arguments)
            message = support.cli_error("extract", audio, support.temporary_folder(self),
                                        "--config", self.config_file(config))
            self.assertTrue(message.endswith(str(refused.exception)), message)
            return

        ours = {"melspectrogram": cepstra.feature.melspectrogram(y=y, sr=sr, **mel_arguments),
                "mfcc": cepstra.feature.mfcc(y=y, sr=sr, **mfcc_arguments)}
        ours["logmel"] = cepstra.power_to_db(ours["melspectrogram"])
        # mfcc from a given log-power mel spectrogram is the same computation.
        from_log_mel = cepstra.feature.mfcc(S=ours["logmel"], **{
            key: settings[key] for key in _CEPSTRUM})
        self.assert_same_bytes(from_log_mel, ours["mfcc"], "mfcc(S=power_to_db(S))")

        # Byte for byte what the CLI writes, through librosa's calls and through extract.
        cli_outputs = _cli_outputs(self, audio, config)
        extracted = cepstra.extract(audio, config)
        self.assertEqual(sorted(extracted), sorted(cli_outputs))
        for suffix, array in cli_outputs.items():
            self.assert_same_bytes(extracted[suffix], array, f"extract {suffix}")
            if suffix in ours:
                self.assert_same_bytes(ours[suffix], array, f"librosa-named {suffix}")

        # And the reference within its tolerance.
        for name, expected in case["outputs"].items():
            parts = name.split("_")
            feature = parts[0]
            raw = ours[feature]
            if len(parts) == 1:
                tolerance = support.raw_tolerance(feature, raw)
                self.assert_within(raw, expected, lambda ref, first, count: tolerance(ref),
                                   name, quiet)
                continue
            scaler, axis = parts[1], parts[2]
            scaled = cepstra.extract(audio, config.replace(scale_axis=axis))
            self.assert_same_bytes(scaled[feature], raw, f"{name}: the raw array")
            allowed = support.scaled_tolerance(feature, scaler, axis, raw)
            self.assert_within(scaled[f"{feature}_{scaler}"], expected,
                               lambda ref, first, count: allowed[:, first:first + count],
                               name, quiet)

    def config_file(self, config):
        path = os.path.join(support.temporary_folder(self), "config.json")
        with open(path, "w") as file:
            file.write(config.to_json())
        return path

    def run_set(self, quiet):
        cases = support.golden_cases(quiet)
        self.assertEqual(len(cases["cases"]), 16 if quiet else 81)
        for case in cases["cases"]:
            with self.subTest(case=case["id"]):
                self.check_case(case, cases["configs"][case["config"]], quiet)

    def test_every_reference_case(self):
        self.run_set(quiet=False)

    def test_every_quiet_case(self):
        self.run_set(quiet=True)


class DoneWhen(unittest.TestCase):
    def test_mfcc_call_equals_the_cli(self):
        """mfcc(y=y, sr=sr, n_mfcc=13, n_fft=1024, hop_length=256) is the CLI's _mfcc.npy
        for the same clip and config, with and without resampling."""
        golden = support.golden_dir()
        for name in ("gtzan_like.au", "chirp_stereo_44k.wav", "Kevin_MacLeod_-_Vibe_Ace.hq.ogg"):
            with self.subTest(clip=name):
                audio = os.path.join(golden, "audio", name)
                y, sr = cepstra.load(audio)
                ours = cepstra.feature.mfcc(y=y, sr=sr, n_mfcc=13, n_fft=1024, hop_length=256)
                folder = support.temporary_folder(self)
                support.cli("extract", audio, folder, "--set", "trim=false", "--set",
                            "n_mfcc=13", "--set", "n_fft=1024", "--set", "hop_length=256",
                            "--set", "features=mfcc", "--set", "scalers=[]")
                theirs = np.load(os.path.join(folder, os.path.splitext(name)[0] + "_mfcc.npy"))
                self.assertEqual(ours.shape[0], 13)
                self.assertEqual(ours.dtype, theirs.dtype)
                self.assertTrue(np.array_equal(ours, theirs))


if __name__ == "__main__":
    unittest.main()
