# SPDX-License-Identifier: GPL-3.0-or-later
"""cepstra.export writes the file cepstra-cli export writes; cepstra.data.ExportDataset reads
its examples back (HDF5 and NPZ, fixed-length and ragged), in a torch DataLoader with two
worker processes too."""

import json
import os
import pickle
import unittest

import h5py
import numpy as np

import cepstra
import support


class ExportAndRead(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder_object = support.tempfile.TemporaryDirectory(prefix="cepstra-python-")
        cls.folder = cls.folder_object.name
        genres = support.make_demo(os.path.join(cls.folder, "genres"), clips=3, seconds=4)
        cls.features = os.path.join(cls.folder, "features")
        cepstra.run(genres, cls.features, {"features": ["melspectrogram", "mfcc"]})

    @classmethod
    def tearDownClass(cls):
        cls.folder_object.cleanup()

    def export_both(self, name, cli_options, **options):
        """Exports with cepstra.export and with the CLI; the files must be byte-identical."""
        ours = os.path.join(self.folder, "py-" + name)
        theirs = os.path.join(self.folder, "cli-" + name)
        calls = []
        summary = cepstra.export(self.features, ours, **options,
                                 progress=lambda done, total: calls.append((done, total)))
        cli = support.cli("export", self.features, theirs, *cli_options, "--progress", "json")
        with open(ours, "rb") as mine, open(theirs, "rb") as other:
            self.assertEqual(mine.read(), other.read(), f"{name} differs from the CLI's")
        cli_summary = json.loads(cli.stdout.strip().splitlines()[-1])
        for key in ("format", "bytes", "splits", "excluded"):
            expected = cli_summary[key]
            if key == "splits":
                for split in expected:
                    split["shapes"] = {k: tuple(v) for k, v in split["shapes"].items()}
            self.assertEqual(summary[key], expected, key)
        self.assertEqual(calls[-1][0], calls[-1][1])
        return ours, summary

    def test_hdf5_segments_with_splits(self):
        path, summary = self.export_both(
            "segments.h5", ["--features", "mfcc,melspectrogram", "--frames", "64", "--fit",
                            "segment", "--segment-hop", "32", "--split", "train=0.5,test=0.5",
                            "--seed", "3"],
            features=["mfcc", "melspectrogram"], frames=64, fit="segment", segment_hop=32,
            split={"train": 0.5, "test": 0.5}, seed=3)
        self.assertEqual([split["name"] for split in summary["splits"]], ["train", "test"])
        dataset = cepstra.data.ExportDataset(path, split="test",
                                             features=("mfcc", "melspectrogram"))
        with h5py.File(path, "r") as file:
            group = file["test"]
            self.assertEqual(len(dataset), len(group["label"]))
            self.assertEqual(dataset.label_names,
                             [name.decode() for name in file["label_names"][()]])
            for index in (0, len(dataset) // 2, -1):
                mfcc, mel, label = dataset[index]
                self.assertTrue(np.array_equal(mfcc, group["mfcc"][index]))
                self.assertTrue(np.array_equal(mel, group["melspectrogram"][index]))
                self.assertEqual(label, group["label"][index])
                self.assertEqual(mfcc.shape, (20, 64))
        with self.assertRaises(IndexError):
            dataset[len(dataset)]

    def test_npz_padded_float16_and_ragged(self):
        path, _ = self.export_both(
            "padded.npz", ["--frames", "200", "--dtype", "float16", "--align", "center"],
            frames=200, dtype="float16", align="center")
        archive = np.load(path)
        dataset = cepstra.data.ExportDataset(path, split="all", features="melspectrogram")
        self.assertEqual(len(dataset), 12)
        for index in range(len(dataset)):
            mel, label = dataset[index]
            self.assertEqual(mel.dtype, np.float16)
            self.assertTrue(np.array_equal(mel, archive["all_melspectrogram"][index]))
            self.assertEqual(label, archive["all_label"][index])

        for name, options in (("ragged.npz", {}), ("ragged.h5", {"compression": "gzip"})):
            with self.subTest(file=name):
                cli_options = ["--compression", "gzip"] if options else []
                path, _ = self.export_both(name, cli_options, **options)
                dataset = cepstra.data.ExportDataset(path, split="all", features=("mfcc",))
                self.assertTrue(dataset.ragged)
                for index in range(len(dataset)):
                    clip = dataset.paths[index]
                    stem = os.path.splitext(clip)[0]
                    expected = np.load(os.path.join(self.features, stem + "_mfcc.npy"))
                    mfcc, label = dataset[index]
                    self.assertTrue(np.array_equal(mfcc, expected), clip)
                    self.assertEqual(dataset.label_names[label], clip.split("/")[0])

    def test_lazy_handles_and_pickling(self):
        path, _ = self.export_both("lazy.h5", [])
        dataset = cepstra.data.ExportDataset(path, split="all")
        self.assertIsNone(dataset._reader)  # nothing open until an item is read
        first = dataset[0]
        self.assertIsNotNone(dataset._reader)
        copy = pickle.loads(pickle.dumps(dataset))
        self.assertIsNone(copy._reader)
        self.assertTrue(np.array_equal(copy[0][0], first[0]))
        with self.assertRaisesRegex(KeyError, "no split 'train'.*all"):
            cepstra.data.ExportDataset(path)

    def test_export_errors_are_the_cli_s(self):
        dest = os.path.join(self.folder, "bad.h5")
        for options, cli_options in (({"features": "chroma"}, ["--features", "chroma"]),
                                     ({"fit": "segment"}, ["--fit", "segment"]),
                                     ({"split": "train=0.7"}, ["--split", "train=0.7"])):
            with self.subTest(options=options):
                with self.assertRaises(ValueError) as raised:
                    cepstra.export(self.features, dest, **options)
                message = support.cli_error("export", self.features, dest, *cli_options)
                self.assertEqual(message, str(raised.exception))
        self.assertFalse(os.path.exists(dest))

    def test_dataloader_with_two_workers(self):
        import torch
        from torch.utils.data import DataLoader

        path, summary = self.export_both("loader.h5", ["--frames", "100", "--split",
                                                 "train=0.75,test=0.25"],
                                   frames=100, split="train=0.75,test=0.25")
        dataset = cepstra.data.ExportDataset(path, features=("melspectrogram", "mfcc"))
        loader = DataLoader(dataset, batch_size=4, shuffle=False, num_workers=2)
        seen = 0
        with h5py.File(path, "r") as file:
            for batch, (mel, mfcc, label) in enumerate(loader):
                self.assertIsInstance(mel, torch.Tensor)
                self.assertEqual(label.dtype, torch.int64)
                self.assertEqual(tuple(mfcc.shape[1:]), (20, 100))
                rows = slice(batch * 4, batch * 4 + len(label))
                self.assertTrue(np.array_equal(mel.numpy(), file["train"]["melspectrogram"][rows]))
                self.assertTrue(np.array_equal(label.numpy(), file["train"]["label"][rows]))
                seen += len(label)
        self.assertEqual(seen, len(dataset))
        self.assertEqual(seen, summary["splits"][0]["examples"])
        self.assertGreater(seen, 4)  # more than one batch, so both workers read


if __name__ == "__main__":
    unittest.main()
