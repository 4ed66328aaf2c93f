# SPDX-License-Identifier: GPL-3.0-or-later
"""cepstra.Config maps one to one onto the parameter table, and its JSON is the CLI's."""

import json
import os
import pathlib
import unittest

import cepstra
import support


class ConfigIsTheParameterTable(unittest.TestCase):
    def test_one_attribute_per_key_with_the_cli_defaults(self):
        table = json.loads(support.cli("params", "--format", "json").stdout)
        self.assertEqual(cepstra.Config.keys(), [entry["key"] for entry in table])
        config = cepstra.Config()
        for entry in table:
            with self.subTest(key=entry["key"]):
                self.assertEqual(getattr(config, entry["key"]), entry["default"])
                self.assertIn(entry["doc"], getattr(cepstra.Config, entry["key"]).__doc__)
        self.assertEqual(list(config.to_dict()), cepstra.Config.keys())

    def test_json_round_trip(self):
        config = cepstra.Config(n_fft=1024, hop_length=256, win_length=None, window="hamming",
                                fmax=8000, norm=None, features="mfcc,logmel", scalers=[],
                                scale_axis="band", naming="legacy", lifter=22)
        again = cepstra.Config.from_json(config.to_json())
        self.assertEqual(again, config)
        self.assertEqual(again.features, ["mfcc", "logmel"])
        self.assertEqual(again.fmax, 8000.0)
        self.assertEqual(json.loads(config.to_json()), config.to_dict())
        self.assertNotEqual(config, cepstra.Config())
        self.assertEqual(config.replace(n_fft=2048).n_fft, 2048)
        self.assertEqual(config.n_fft, 1024)

    def test_from_json_reads_what_the_cli_reads(self):
        folder = support.temporary_folder(self)
        path = pathlib.Path(folder) / "conf.json"
        path.write_text('{"n_mels": 64, "n_mfcc": 13}')
        config = cepstra.Config.from_json(path)
        self.assertEqual((config.n_mels, config.n_mfcc, config.n_fft), (64, 13, 2048))
        self.assertEqual(cepstra.Config.from_json(b'{"htk": true}').htk, True)
        # The CLI takes the file Config.to_json writes, with the same meaning.
        path.write_text(config.to_json())
        audio = os.path.join(support.golden_dir(), "audio", "sine440_pcm16.wav")
        support.cli("extract", audio, folder, "--config", str(path))
        self.assertTrue(os.path.exists(os.path.join(folder, "sine440_pcm16_mfcc.npy")))

    def test_errors_are_the_cli_s(self):
        for text in ('{"n_fft": "big"}', '{"n_ffts": 1}', "[1, 2]", "{not json"):
            with self.subTest(text=text):
                folder = support.temporary_folder(self)
                path = os.path.join(folder, "conf.json")
                with open(path, "w") as file:
                    file.write(text)
                audio = os.path.join(support.golden_dir(), "audio", "silence.wav")
                message = support.cli_error("extract", audio, folder, "--config", path)
                with self.assertRaises(ValueError) as raised:
                    cepstra.Config.from_json(text)
                self.assertEqual(message, f"invalid config file {path}: {raised.exception}")

    def test_types_fail_at_once_ranges_on_validate(self):
        with self.assertRaisesRegex(ValueError, "^n_fft must be an integer"):
            cepstra.Config(n_fft=1024.5)
        config = cepstra.Config()
        with self.assertRaisesRegex(ValueError, "^window must be one of"):
            config.window = "kaiser"
        config.n_mels = 10
        self.assertEqual(config.validate(), ["n_mfcc must be between 1 and n_mels=10 (got 20)"])
        with self.assertRaises(ValueError) as raised:
            config.check()
        message = support.cli_error("extract", "/dev/null", support.temporary_folder(self),
                                    "--set", "n_mels=10")
        self.assertEqual(message, f"invalid config: {raised.exception}")
        config.n_mfcc = 10
        self.assertEqual(config.validate(), [])

    def test_pickles(self):
        import pickle
        config = cepstra.Config(n_mels=40)
        self.assertEqual(pickle.loads(pickle.dumps(config)), config)


if __name__ == "__main__":
    unittest.main()
