# SPDX-License-Identifier: GPL-3.0-or-later
"""librosa's names, signatures and behaviours, beyond the golden numbers: defaults from the
parameter table, load's offset, duration, native rate and file objects (against soundfile),
dtypes, shapes, views, and results that do not depend on threads."""

import inspect
import io
import os
import threading
import unittest

import numpy as np
import soundfile

import cepstra
import support


def _audio(name):
    return os.path.join(support.golden_dir(), "audio", name)


class Signatures(unittest.TestCase):
    def test_defaults_are_librosa_s_from_the_table(self):
        table = {entry["key"]: entry["default"] for entry in cepstra._arguments.TABLE}
        mel = inspect.signature(cepstra.feature.melspectrogram).parameters
        self.assertEqual(list(mel)[:10], ["y", "sr", "S", "n_fft", "hop_length", "win_length",
                                          "window", "center", "pad_mode", "power"])
        for name in list(mel)[3:10]:
            self.assertEqual(mel[name].default, table[name])
            self.assertEqual(mel[name].kind, inspect.Parameter.KEYWORD_ONLY)
        self.assertEqual((mel["sr"].default, mel["n_fft"].default, mel["pad_mode"].default),
                         (22050, 2048, "constant"))
        mfcc = inspect.signature(cepstra.feature.mfcc).parameters
        self.assertEqual(list(mfcc), ["y", "sr", "S", "n_mfcc", "dct_type", "norm", "lifter",
                                      "mel_norm", "kwargs"])
        self.assertEqual((mfcc["n_mfcc"].default, mfcc["norm"].default,
                          mfcc["mel_norm"].default), (20, "ortho", "slaney"))
        trim = inspect.signature(cepstra.effects.trim).parameters
        self.assertEqual((trim["top_db"].default, trim["frame_length"].default,
                          trim["hop_length"].default, trim["ref"].default), (60, 2048, 512, np.max))
        load = inspect.signature(cepstra.load).parameters
        self.assertEqual((load["sr"].default, load["mono"].default, load["offset"].default,
                          load["duration"].default), (22050, True, 0.0, None))
        mel_filters = inspect.signature(cepstra.filters.mel).parameters
        self.assertIs(mel_filters["sr"].default, inspect.Parameter.empty)
        self.assertEqual(mel_filters["n_mels"].default, 128)
        self.assertEqual(inspect.signature(cepstra.power_to_db).parameters["top_db"].default, 80.0)

    def test_version(self):
        version = support.cli("--version").stdout.split()[-1]
        self.assertEqual(cepstra.__version__, version)


class Load(unittest.TestCase):
    def test_offset_and_duration_read_what_soundfile_reads(self):
        path = _audio("chirp_stereo_44k.wav")
        for offset, duration in ((0.0, None), (0.25, None), (0.25, 0.5), (0.0, 0.013),
                                 (1.7, 10.0), (5.0, None)):
            with self.subTest(offset=offset, duration=duration):
                y, sr = cepstra.load(path, sr=None, offset=offset, duration=duration)
                with soundfile.SoundFile(path) as file:
                    if offset:
                        file.seek(min(int(offset * file.samplerate), file.frames))
                    frames = -1 if duration is None else int(duration * file.samplerate)
                    expected = file.read(frames=frames, dtype="float32", always_2d=True)
                self.assertEqual(sr, 44100)
                self.assertEqual(y.dtype, np.float32)
                self.assertTrue(np.array_equal(y, expected.mean(axis=1, dtype=np.float32)))

    def test_resampled_range_is_the_range_resampled(self):
        path = _audio("chirp_stereo_44k.wav")
        y, sr = cepstra.load(path, sr=22050, offset=0.5, duration=0.25)
        self.assertEqual(sr, 22050)
        self.assertEqual(len(y), int(np.ceil(int(0.25 * 44100) * 22050 / 44100)))
        whole, _ = cepstra.load(path, sr=22050)
        middle = whole[11025 + 1000:11025 + 4000]
        self.assertLess(np.max(np.abs(y[1000:4000] - middle)), 2e-3)

    def test_file_objects_and_paths_agree(self):
        path = _audio("gtzan_like.au")
        from_path = cepstra.load(path)
        with open(path, "rb") as file:
            from_file = cepstra.load(file)
        with open(path, "rb") as file:
            from_bytes = cepstra.load(io.BytesIO(file.read()), offset=1.0)
        self.assertEqual(from_path[1], from_file[1])
        self.assertTrue(np.array_equal(from_path[0], from_file[0]))
        self.assertEqual(len(from_bytes[0]), len(from_path[0]) - 22050)

    def test_native_rate_and_pathlike(self):
        import pathlib
        y, sr = cepstra.load(pathlib.Path(_audio("noise_float_48k.wav")), sr=None)
        self.assertEqual(sr, 48000)
        self.assertEqual(len(y), soundfile.info(_audio("noise_float_48k.wav")).frames)


class Features(unittest.TestCase):
    def setUp(self):
        self.y, self.sr = cepstra.load(_audio("Kevin_MacLeod_-_Vibe_Ace.ogg"), duration=5.0)

    def test_float64_input_gives_float64_within_tolerance(self):
        single = cepstra.feature.mfcc(y=self.y, sr=self.sr)
        double = cepstra.feature.mfcc(y=self.y.astype(np.float64), sr=self.sr)
        self.assertEqual((single.dtype, double.dtype), (np.float32, np.float64))
        self.assertLess(np.max(np.abs(single - double)), 2e-3)
        mel = cepstra.feature.melspectrogram(y=self.y.astype(np.float64) * 0.5)
        self.assertEqual(mel.dtype, np.float64)

    def test_melspectrogram_of_a_spectrogram_is_the_filterbank_applied(self):
        rng = np.random.default_rng(1)
        power = rng.random((513, 40), dtype=np.float32)
        mel = cepstra.feature.melspectrogram(S=power, sr=16000, n_mels=40, fmax=7000.0)
        basis = cepstra.filters.mel(sr=16000, n_fft=1024, n_mels=40, fmax=7000.0)
        self.assertEqual(basis.shape, (40, 513))
        self.assertEqual(basis.dtype, np.float32)
        self.assertEqual(mel.shape, (40, 40))
        self.assertTrue(np.allclose(mel, basis @ power, rtol=1e-5, atol=1e-7))

    def test_filters_mel_rows_are_slaney_triangles(self):
        basis = cepstra.filters.mel(sr=22050, n_fft=2048)
        self.assertEqual(basis.shape, (128, 1025))
        self.assertTrue(np.all(basis >= 0))
        # Slaney normalisation: each triangle's area (in Hz) is about 1.
        areas = basis.sum(axis=1) * (22050 / 2048)
        self.assertTrue(np.allclose(areas[10:], 1.0, atol=0.05))
        unnormalised = cepstra.filters.mel(sr=22050, n_fft=2048, norm=None, htk=True)
        self.assertAlmostEqual(float(unnormalised.max()), 1.0, places=2)

    def test_empty_filters_warn_as_librosa_does(self):
        with self.assertWarnsRegex(UserWarning, "Empty filters detected"):
            cepstra.filters.mel(sr=22050, n_fft=512, n_mels=256)

    def test_power_to_db(self):
        power = np.array([[1e4, 1.0, 1e-9]], np.float32)
        self.assertTrue(np.array_equal(cepstra.power_to_db(power), [[40.0, 0.0, -40.0]]))
        self.assertTrue(np.allclose(cepstra.power_to_db(power, top_db=None), [[40, 0, -90]]))
        self.assertTrue(np.allclose(cepstra.power_to_db(power, ref=np.max), [[0, -40, -80]]))
        self.assertTrue(np.array_equal(cepstra.power_to_db(power, top_db=0.0), [[40, 40, 40]]))
        cube = np.ones((2, 3, 4), np.float64)
        self.assertEqual(cepstra.power_to_db(cube).shape, (2, 3, 4))
        self.assertEqual(cepstra.power_to_db(cube).dtype, np.float64)

    def test_trim_returns_a_view_and_librosa_s_index(self):
        silence = np.zeros(22050, np.float32)
        tone = np.sin(np.arange(22050) * 0.1).astype(np.float32)
        y = np.concatenate([silence, tone, silence])
        trimmed, index = cepstra.effects.trim(y, top_db=60)
        self.assertTrue(np.shares_memory(trimmed, y))
        start, end = index.tolist()
        # Whole hops, from the first frame that reaches the tone to one hop past the last.
        self.assertEqual((start % 512, end % 512), (0, 0))
        self.assertTrue(22050 - 2048 < start <= 22050 and 44100 <= end < 44100 + 2048)
        self.assertEqual(len(trimmed), end - start)
        everything, index = cepstra.effects.trim(np.zeros(1000, np.float32))
        self.assertEqual(index.tolist(), [0, 1000])

    def test_threads_give_the_serial_results(self):
        expected = cepstra.feature.mfcc(y=self.y, sr=self.sr, n_mfcc=13)
        results = [None] * 4

        def work(slot):
            results[slot] = cepstra.feature.mfcc(y=self.y, sr=self.sr, n_mfcc=13)

        threads = [threading.Thread(target=work, args=(slot,)) for slot in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for result in results:
            self.assertTrue(np.array_equal(result, expected))

    def test_extract_of_a_signal_trims_and_scales_as_the_run(self):
        config = cepstra.Config(n_mels=64, features=["mfcc", "logmel"], scalers=["minmax"])
        from_signal = cepstra.extract(self.y, config)
        self.assertEqual(list(from_signal), ["mfcc", "mfcc_minmax", "logmel", "logmel_minmax"])
        trimmed, _ = cepstra.effects.trim(self.y)
        mfcc = cepstra.feature.mfcc(y=trimmed, sr=self.sr, n_mels=64)
        self.assertTrue(np.array_equal(from_signal["mfcc"], mfcc))


if __name__ == "__main__":
    unittest.main()
