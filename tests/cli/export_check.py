# SPDX-License-Identifier: GPL-3.0-or-later
# Checks an exported .h5 or .npz against the per-clip .npy files it came from, with Debian's
# h5py and numpy (tst_cli_export.cpp runs it). Independent of the C++ code: the slices, pads,
# start frames and split counts are recomputed here from the options alone. Prints a JSON
# summary of what the file holds; any mismatch raises and exits non-zero with the reason.
import io
import json
import os
import sys
import zipfile

import numpy as np

SPLITS = ("train", "valid", "test", "all")


def largest_remainder(n, fractions, behind):
    """Largest remainder; equal remainders go to the share furthest behind, then the first."""
    quotas = [n * f for f in fractions]
    counts = [int(q) for q in quotas]
    order = list(range(len(fractions)))
    for i in range(1, len(order)):  # insertion sort: stable, with the tolerances Cepstra uses
        j = i
        while j > 0:
            a, b = order[j - 1], order[j]
            ra, rb = quotas[a] - counts[a], quotas[b] - counts[b]
            b_first = rb > ra + 1e-9 if abs(ra - rb) > 1e-9 else behind[b] > behind[a] + 1e-9
            if not b_first:
                break
            order[j - 1], order[j] = b, a
            j -= 1
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


class H5:
    def __init__(self, path):
        import h5py

        self.f = h5py.File(path, "r")
        self.splits = [s for s in SPLITS if s in self.f]
        self.label_names = [os.fsdecode(x) for x in self.f["label_names"][()]]
        self.config = self.f.attrs["config"]

    def get(self, split, key):
        return self.f[split][key][()]

    def paths(self, split):
        return [os.fsdecode(p) for p in self.get(split, "path")]


class Npz:
    def __init__(self, path):
        self.z = np.load(path)
        self.splits = [s for s in SPLITS if f"{s}_label" in self.z.files]
        self.label_names = [str(x) for x in self.z["label_names"]]
        self.config = str(self.z["config_json"])
        # Every entry is exactly what numpy.save writes for the array it loads as.
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                saved = io.BytesIO()
                np.save(saved, self.z[info.filename[: -len(".npy")]])
                assert archive.read(info) == saved.getvalue(), f"{info.filename} != numpy.save"
                assert info.date_time == (1980, 1, 1, 0, 0, 0), info.date_time

    def get(self, split, key):
        return self.z[f"{split}_{key}"]

    def paths(self, split):
        return [str(p) for p in self.get(split, "path")]


def expected_starts(frames, a):
    n = a.get("frames")
    if n is None:
        return [0]
    fit, align = a.get("fit", "pad"), a.get("align", "start")
    if fit == "segment":
        return list(range(0, frames - n + 1, a.get("hop") or n))
    if fit == "crop" and frames < n:
        return []
    return [int((frames - n) / 2) if align == "center" else 0]


def source_array(a, path, feature):
    stem = os.path.splitext(os.path.basename(path))[0]
    suffix = feature + ("_" + a["scaler"] if a.get("scaler") else "")
    return np.load(os.path.join(a["features_dir"], os.path.dirname(path), f"{stem}_{suffix}.npy"))


def expected_example(a, source, start, feature):
    n = a["frames"]
    if a.get("pad_value") is not None:
        pad = np.float32(a["pad_value"])
    elif not a.get("scaler") and feature in ("logmel", "mfcc"):
        pad = source.min()
    else:
        pad = np.float32(0)
    example = np.full((source.shape[0], n), pad, dtype=np.float32)
    index = np.arange(n) + start
    inside = (index >= 0) & (index < source.shape[1])
    example[:, inside] = source[:, index[inside]]
    return example


def same_bits(got, expected, a, where):
    if a.get("dtype") == "float16":
        assert got.dtype == np.float16, f"{where}: dtype {got.dtype}"
        want = expected.astype(np.float16)
        assert np.array_equal(got.view(np.uint16), want.view(np.uint16)), f"{where} differs"
    else:
        assert got.dtype == np.float32, f"{where}: dtype {got.dtype}"
        assert np.array_equal(got.view(np.uint32), expected.view(np.uint32)), f"{where} differs"


def check_split(a, data, split, label_of):
    paths = data.paths(split)
    labels, starts = data.get(split, "label"), data.get(split, "start_frame")
    assert labels.dtype == np.int32 and starts.dtype == np.int32
    assert len(labels) == len(starts) == len(paths)
    for path, label in zip(paths, labels):
        assert data.label_names[label] == path.split("/")[0], f"{path}: label {label}"
        label_of[path] = data.label_names[label]
    clips = sorted(set(paths))
    for feature in a["features"]:
        array = data.get(split, feature)
        if a.get("frames") is None:
            offsets = data.get(split, "offsets")
            assert offsets.dtype == np.int64 and len(offsets) == len(paths) + 1
            assert array.shape[1] == offsets[-1] and not starts.any()
            for i, path in enumerate(paths):
                got = array[:, offsets[i] : offsets[i + 1]]
                same_bits(got, source_array(a, path, feature), a, f"{split}/{path}/{feature}")
            continue
        assert array.shape[0] == len(paths) and array.shape[2] == a["frames"], array.shape
        for path in clips:
            source = source_array(a, path, feature)
            rows = [i for i, p in enumerate(paths) if p == path]
            want = expected_starts(source.shape[1], a)
            assert [int(starts[i]) for i in rows] == want, f"{path}: starts {starts[rows]}"
            for i in rows:
                example = expected_example(a, source, int(starts[i]), feature)
                same_bits(array[i], example, a, f"{split}/{path}@{starts[i]}/{feature}")
    return clips


def check_splits(a, data, clips_of, label_of):
    for one in data.splits:
        for other in data.splits:
            if one < other:
                leaked = set(clips_of[one]) & set(clips_of[other])
                assert not leaked, f"in {one} and {other}: {sorted(leaked)}"
    if a.get("split"):
        names = [s for s in SPLITS if s in a["split"]]  # the order they were given in
        assert data.splits == [s for s in SPLITS if s in names], data.splits
        fractions = [a["split"][s] for s in names]
        behind = [0.0] * len(names)
        for label in sorted(set(label_of.values())):
            per_split = [sum(label_of[p] == label for p in clips_of[s]) for s in names]
            want = largest_remainder(sum(per_split), fractions, behind)
            assert per_split == want, f"{label}: {per_split} per split, expected {want}"
            behind = [b + sum(per_split) * f - c for b, f, c in zip(behind, fractions, want)]
    exported = sorted(p for s in data.splits for p in clips_of[s])
    expected = a.get("expected_clips")
    if expected is None:  # every clip the run finished that is long enough
        first = a["features"][0]
        expected = [
            p
            for p in a["done_clips"]
            if expected_starts(source_array(a, p, first).shape[1], a)
        ]
    assert exported == sorted(expected), f"exported {exported}, expected {sorted(expected)}"


def main():
    a = json.loads(sys.argv[1])
    data = H5(a["file"]) if a["file"].endswith(".h5") else Npz(a["file"])
    assert data.label_names == sorted(data.label_names)
    assert data.config == a["config"], "the config attribute is not the run's config"
    clips_of, label_of = {}, {}
    for split in data.splits:
        clips_of[split] = check_split(a, data, split, label_of)
    check_splits(a, data, clips_of, label_of)
    summary = {s: {"clips": clips_of[s], "examples": len(data.paths(s))} for s in data.splits}
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
