# SPDX-License-Identifier: GPL-3.0-or-later
"""cepstra.run, check and export behave as cepstra-cli's: the same files, the same findings,
the same messages; Ctrl+C (SIGINT) stops a run cleanly and the same call resumes it."""

import json
import os
import shutil
import signal
import unittest

import numpy as np

import cepstra
import support


def _npy_files(folder):
    """Every .npy under `folder`, relative path -> bytes."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".npy"):
                path = os.path.join(root, name)
                with open(path, "rb") as file:
                    found[os.path.relpath(path, folder)] = file.read()
    return found


def _json_summary(stdout):
    """The last JSON line of `--progress json`."""
    return json.loads(stdout.strip().splitlines()[-1])


class Run(unittest.TestCase):
    def setUp(self):
        self.folder = support.temporary_folder(self)
        self.input = support.make_demo(os.path.join(self.folder, "genres"), clips=2, seconds=4)

    def test_same_files_as_the_cli(self):
        config = cepstra.Config(n_mels=64, n_mfcc=13, features=["melspectrogram", "mfcc",
                                                                 "logmel"],
                                scale_axis="dataset")
        config_file = os.path.join(self.folder, "config.json")
        with open(config_file, "w") as file:
            file.write(config.to_json())
        cli_output = os.path.join(self.folder, "cli")
        support.cli("run", self.input, cli_output, "--config", config_file, "--progress", "none")
        calls = []
        summary = cepstra.run(self.input, os.path.join(self.folder, "py"), config, jobs=2,
                              progress=lambda done, total: calls.append((done, total)))
        ours, theirs = _npy_files(os.path.join(self.folder, "py")), _npy_files(cli_output)
        self.assertEqual(len(theirs), 8 * 9)
        self.assertEqual(sorted(ours), sorted(theirs))
        for name in theirs:
            self.assertEqual(ours[name], theirs[name], name)
        self.assertEqual((summary["total"], summary["processed"], summary["failed"],
                          summary["interrupted"]), (8, 8, 0, False))
        self.assertEqual(calls[-1], (8, 8))
        self.assertEqual([done for done, _ in calls], sorted(done for done, _ in calls))
        again = cepstra.run(self.input, os.path.join(self.folder, "py"), config)
        self.assertEqual((again["processed"], again["skipped"]), (0, 8))

    def test_failures_are_in_the_summary_as_the_cli_reports_them(self):
        with open(os.path.join(self.input, "noise", "broken.wav"), "w") as file:
            file.write("not audio")
        cli = support.cli("run", self.input, os.path.join(self.folder, "cli"),
                          "--progress", "json", check=False)
        self.assertEqual(cli.returncode, 1)
        summary = cepstra.run(self.input, os.path.join(self.folder, "py"))
        self.assertEqual(summary["failed"], 1)
        self.assertEqual(summary["failures"], _json_summary(cli.stdout)["failures"])
        self.assertEqual(summary["failures"][0]["path"], "noise/broken.wav")

    def test_problems_with_the_run_as_a_whole_raise_with_the_cli_message(self):
        inside = os.path.join(self.input, "features")
        with self.assertRaises(ValueError) as raised:
            cepstra.run(self.input, inside)
        self.assertEqual(support.cli_error("run", self.input, inside), str(raised.exception))
        with self.assertRaises(ValueError) as raised:
            cepstra.run(self.input, os.path.join(self.folder, "out"), {"n_mels": 10})
        self.assertEqual(support.cli_error("run", self.input, os.path.join(self.folder, "out"),
                                           "--set", "n_mels=10"),
                         f"invalid config: {raised.exception}")
        with self.assertRaisesRegex(ValueError, "jobs must be between 1 and 1024"):
            cepstra.run(self.input, os.path.join(self.folder, "out"), jobs=0)

    def test_a_progress_callback_that_raises_stops_the_run(self):
        def progress(done, total):
            if done >= 1:
                raise RuntimeError("stop here")

        output = os.path.join(self.folder, "py")
        with self.assertRaisesRegex(RuntimeError, "stop here"):
            cepstra.run(self.input, output, jobs=1, progress=progress)
        summary = cepstra.run(self.input, output)
        self.assertEqual(summary["processed"] + summary["skipped"], 8)
        self.assertEqual(summary["failed"], 0)


_CHILD = """
import sys, cepstra
def progress(done, total):
    print("progress", done, total, flush=True)
try:
    cepstra.run(sys.argv[1], sys.argv[2], jobs=1, progress=progress)
except KeyboardInterrupt as interrupt:
    print("interrupted", *getattr(interrupt, "__notes__", []), flush=True)
    sys.exit(130)
print("finished", flush=True)
"""


class Manifest(unittest.TestCase):
    """An ESC-50 root: run() and check() read meta/esc50.csv as the CLI does; manifest="none"
    takes labels from folders; export(test_fold=...) gives exactly the manifest's fold."""

    def setUp(self):
        import soundfile
        self.folder = support.temporary_folder(self)
        self.root = os.path.join(self.folder, "ESC-50")
        os.makedirs(os.path.join(self.root, "audio"))
        os.makedirs(os.path.join(self.root, "meta"))
        rows = ["filename,fold,target,category,esc10,src_file,take"]
        rng = np.random.default_rng(7)
        for fold in (1, 2):
            for target, category in ((0, "dog"), (10, "rain")):
                name = f"{fold}-{fold * 100 + target}-A-{target}.wav"
                soundfile.write(os.path.join(self.root, "audio", name),
                                0.3 * rng.standard_normal(22050), 22050)
                rows.append(f"{name},{fold},{target},{category},False,{fold * 100 + target},A")
        rows.append("2-999-A-0.wav,2,0,dog,False,999,A")  # names a missing file
        with open(os.path.join(self.root, "meta", "esc50.csv"), "w", newline="") as file:
            file.write("\r\n".join(rows) + "\r\n")
        self.config = cepstra.Config(n_mels=16, n_mfcc=13, features=["melspectrogram"])

    def test_labels_and_folds_come_from_the_manifest(self):
        features = os.path.join(self.folder, "features")
        summary = cepstra.run(self.root, features, self.config)
        self.assertIn("meta/esc50.csv", summary["manifest"]["description"])
        self.assertEqual(summary["manifest"]["missing_files"],
                         [{"line": 6, "path": "audio/2-999-A-0.wav"}])
        destination = os.path.join(self.folder, "fold2.npz")
        cepstra.export(features, destination, test_fold=2)
        with np.load(destination) as z:
            names = [str(n) for n in z["label_names"]]
            self.assertEqual(names, ["dog", "rain"])
            self.assertEqual(z["test_fold"].tolist(), [2, 2])
            self.assertEqual(z["train_fold"].tolist(), [1, 1])
            self.assertEqual(sorted(names[i] for i in z["test_label"]), ["dog", "rain"])
            self.assertEqual(sorted(str(g) for g in z["test_group"]), ["200", "210"])
        report = cepstra.check(self.root, features=features)
        self.assertEqual({f["path"]: f["fold"] for f in report["files"]}["audio/1-100-A-0.wav"], 1)

    def test_manifest_none_takes_labels_from_folders(self):
        features = os.path.join(self.folder, "folders")
        summary = cepstra.run(self.root, features, self.config, manifest="none")
        self.assertIsNone(summary["manifest"])
        destination = os.path.join(self.folder, "all.npz")
        cepstra.export(features, destination)
        with np.load(destination) as z:
            self.assertEqual([str(n) for n in z["label_names"]], ["audio"])

    def test_a_foreign_manifest_is_the_cli_s_error(self):
        table = os.path.join(self.folder, "other.csv")
        with open(table, "w") as file:
            file.write("path,label\nnowhere/x.wav,cat\n")
        with self.assertRaises(ValueError) as raised:
            cepstra.run(self.root, os.path.join(self.folder, "never"), self.config,
                        manifest=table)
        self.assertIn("none of its 1 rows", str(raised.exception))
        self.assertFalse(os.path.exists(os.path.join(self.folder, "never")))


class Interrupt(unittest.TestCase):
    def test_sigint_stops_a_run_and_the_same_call_resumes_it(self):
        folder = support.temporary_folder(self)
        demo = support.make_demo(os.path.join(folder, "demo"), clips=3, seconds=30)
        # 240 clips of 30 s, hard links to the 12 generated ones: long enough to be stopped.
        genres = os.path.join(folder, "genres")
        for label in os.listdir(demo):
            os.makedirs(os.path.join(genres, label))
            for name in os.listdir(os.path.join(demo, label)):
                for copy in range(20):
                    os.link(os.path.join(demo, label, name),
                            os.path.join(genres, label, f"{copy:02d}-{name}"))
        output = os.path.join(folder, "features")
        child = support.python_child(_CHILD, genres, output)
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            words = line.split()
            if words[0] == "progress" and int(words[1]) >= 1:
                child.send_signal(signal.SIGINT)
                break
        rest = child.stdout.read()
        child.stdout.close()
        self.assertEqual(child.wait(timeout=60), 130, "\n".join(lines) + rest)
        self.assertIn("interrupted", rest)
        self.assertIn("the same call resumes the run", rest)
        done_before = len(_npy_files(output)) // 6
        self.assertGreater(done_before, 0)
        self.assertLess(done_before, 240)

        summary = cepstra.run(genres, output)
        self.assertEqual(summary["total"], 240)
        self.assertEqual(summary["failed"], 0)
        self.assertEqual(summary["processed"] + summary["skipped"], 240)
        self.assertLess(summary["processed"], 240)
        # And the result is the uninterrupted run's, byte for byte.
        reference = os.path.join(folder, "reference")
        support.cli("run", genres, reference, "--progress", "none")
        ours, theirs = _npy_files(output), _npy_files(reference)
        self.assertEqual(sorted(ours), sorted(theirs))
        self.assertTrue(all(ours[name] == theirs[name] for name in theirs))


class Check(unittest.TestCase):
    def test_findings_and_report_are_the_cli_s(self):
        folder = support.temporary_folder(self)
        genres = support.make_demo(os.path.join(folder, "genres"), clips=2, seconds=12)
        shutil.copy(os.path.join(genres, "tones", "tones.00000.wav"),
                    os.path.join(genres, "chords", "copied.wav"))
        with open(os.path.join(genres, "drums", "text.wav"), "w") as file:
            file.write("this is text, not audio")
        silent = np.zeros(22050 * 12, np.int16).tobytes()
        with open(os.path.join(genres, "tones", "silence.wav"), "wb") as file:
            import wave
            with wave.open(file, "wb") as writer:
                writer.setnchannels(1)
                writer.setsampwidth(2)
                writer.setframerate(22050)
                writer.writeframes(silent)

        calls = []
        report = cepstra.check(genres, cache=os.path.join(folder, "py.sqlite"),
                               progress=lambda done, total: calls.append((done, total)))
        cli = support.cli("check", genres, "--format", "json", "--cache",
                          os.path.join(folder, "cli.sqlite"), check=False)
        self.assertEqual(cli.returncode, 1)
        theirs = json.loads(cli.stdout)
        for key in ("files", "groups", "labels", "dataset_findings", "flagged", "thresholds"):
            self.assertEqual(report[key], theirs[key], key)
        checks = {finding["check"] for file in report["files"] for finding in file["findings"]}
        self.assertTrue({"unreadable", "silent", "exact_duplicate", "label_conflict"} <= checks,
                        checks)
        self.assertIn("drums/text.wav", report["flagged"])
        self.assertEqual(calls[-1][0], calls[-1][1])

        again = cepstra.check(genres, cache=os.path.join(folder, "py.sqlite"),
                              thresholds={"clipping.max_share": 0.01})
        self.assertEqual(again["summary"]["cached"], len(report["files"]))
        self.assertEqual(again["thresholds"]["clipping.max_share"], 0.01)

    def test_bad_thresholds_are_the_cli_s_errors(self):
        folder = support.temporary_folder(self)
        genres = support.make_demo(os.path.join(folder, "genres"), clips=1, seconds=1)
        for setting in ({"clipping.max_share": 2.0}, {"clipping.nothing": 1}):
            with self.subTest(setting=setting):
                with self.assertRaises(ValueError) as raised:
                    cepstra.check(genres, thresholds=setting)
                key, value = next(iter(setting.items()))
                message = support.cli_error("check", genres, "--set", f"{key}={value}")
                self.assertEqual(message, f"--set: {raised.exception}")


if __name__ == "__main__":
    unittest.main()
