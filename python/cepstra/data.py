# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading what cepstra.export and ``cepstra-cli export`` write, one example at a time.

``ExportDataset`` is a map-style dataset: ``len()`` and ``[i]``, which is all that
``torch.utils.data.DataLoader`` asks of one. It needs NumPy, and h5py for .h5 files; torch
is not imported. The file is opened lazily, on the first item read in each process, so every
DataLoader worker opens its own handle (HDF5 handles must not cross a fork).
"""

import os
import zipfile

import numpy as np

__all__ = ["ExportDataset"]


class ExportDataset:
    """One split of an export file, as (feature, ..., label) tuples of NumPy values.

    `path` is a .h5/.hdf5 or .npz file; `split` one of its groups ("train", "valid", "test",
    or "all" without a split); `features` the arrays to return, in order. Item i is each
    feature's example i, (n_bands, frames), as stored (float32 or float16), then its label as
    an int64, an index into `label_names`. In the ragged form (exported without --frames),
    example i is clip i, cut from the split's arrays by their offsets.
    """

    def __init__(self, path, split="train", features=("melspectrogram",)):
        self.path = os.fspath(path)
        self.split = split
        self.features = (features,) if isinstance(features, str) else tuple(features)
        if not self.features:
            raise ValueError("ExportDataset needs at least one feature")
        extension = os.path.splitext(self.path)[1].lower()
        if extension in (".h5", ".hdf5"):
            self._reader_type = _Hdf5Reader
        elif extension == ".npz":
            self._reader_type = _NpzReader
        else:
            raise ValueError(f"{self.path}: an export is a .h5, .hdf5 or .npz file")
        self._reader = None
        self._pid = None
        # Read the small arrays now, with a handle that is closed again at once.
        reader = self._reader_type(self.path, split, self.features)
        try:
            self.label_names = reader.label_names()
            self.labels = reader.labels()
            self.paths = reader.paths()
            self.start_frames = reader.start_frames()
            self.ragged = reader.ragged
        finally:
            reader.close()

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        if not -len(self) <= index < len(self):
            raise IndexError(f"example {index} is out of range for {len(self)} examples")
        index %= len(self)
        reader = self._open()
        arrays = tuple(reader.example(feature, index) for feature in self.features)
        return arrays + (np.int64(self.labels[index]),)

    def _open(self):
        # A handle is per process: a forked worker opens its own.
        if self._reader is None or self._pid != os.getpid():
            self._reader = self._reader_type(self.path, self.split, self.features)
            self._pid = os.getpid()
        return self._reader

    def close(self):
        """Closes this process's handle; the next item opens it again."""
        if self._reader is not None and self._pid == os.getpid():
            self._reader.close()
        self._reader = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_reader"] = None
        state["_pid"] = None
        return state

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing left to close
            pass


def _text(value):
    """A stored string as Python text: HDF5 gives bytes (os.fsdecode keeps any non-UTF-8
    byte), NPZ gives str with such bytes as surrogateescape already."""
    return os.fsdecode(value) if isinstance(value, bytes) else str(value)


class _Hdf5Reader:
    def __init__(self, path, split, features):
        import h5py  # only .h5 files need it

        self._file = h5py.File(path, "r")
        if split not in self._file:
            groups = sorted(name for name in self._file if isinstance(self._file[name], h5py.Group))
            self._file.close()
            raise KeyError(f"{path} has no split '{split}' (its splits: {', '.join(groups)})")
        self._group = self._file[split]
        for feature in features:
            if feature not in self._group:
                self._file.close()
                raise KeyError(f"{path} has no feature '{feature}' in split '{split}'")
        self.ragged = "offsets" in self._group
        self._offsets = self._group["offsets"][()] if self.ragged else None

    def label_names(self):
        return [_text(name) for name in self._file["label_names"][()]]

    def labels(self):
        return self._group["label"][()].astype(np.int64)

    def paths(self):
        return [_text(path) for path in self._group["path"][()]]

    def start_frames(self):
        return self._group["start_frame"][()]

    def example(self, feature, index):
        data = self._group[feature]
        if self.ragged:
            return data[:, self._offsets[index]:self._offsets[index + 1]]
        return data[index]

    def close(self):
        self._file.close()


class _NpzReader:
    """Entries stored without compression are memory-mapped, so an item reads its example
    only; compressed entries (--compression gzip) are inflated once per process."""

    def __init__(self, path, split, features):
        self._path = path
        self._split = split
        self._archive = np.load(path, allow_pickle=False)
        for feature in features:
            if self._key(feature) not in self._archive.files:
                splits = sorted({name.rsplit("_", 1)[0] for name in self._archive.files
                                 if name.endswith("_label")})
                self._archive.close()
                raise KeyError(f"{path} has no '{self._key(feature)}' (its splits: "
                               f"{', '.join(splits)})")
        self.ragged = self._key("offsets") in self._archive.files
        self._offsets = self._archive[self._key("offsets")] if self.ragged else None
        self._arrays = {}

    def _key(self, name):
        return f"{self._split}_{name}"

    def label_names(self):
        return [_text(name) for name in self._archive["label_names"]]

    def labels(self):
        return self._archive[self._key("label")].astype(np.int64)

    def paths(self):
        return [_text(path) for path in self._archive[self._key("path")]]

    def start_frames(self):
        return self._archive[self._key("start_frame")]

    def _array(self, feature):
        key = self._key(feature)
        if key not in self._arrays:
            self._arrays[key] = _mapped_entry(self._path, key + ".npy")
            if self._arrays[key] is None:
                self._arrays[key] = self._archive[key]
        return self._arrays[key]

    def example(self, feature, index):
        data = self._array(feature)
        if self.ragged:
            return np.ascontiguousarray(data[:, self._offsets[index]:self._offsets[index + 1]])
        return np.array(data[index])

    def close(self):
        self._arrays.clear()
        self._archive.close()


def _mapped_entry(path, member):
    """A .npy entry stored uncompressed in a zip, memory-mapped in place; None otherwise."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
        if info.compress_type != zipfile.ZIP_STORED:
            return None
    with open(path, "rb") as file:
        # The local header: 30 bytes, then the name and extra fields, then the data.
        file.seek(info.header_offset)
        header = file.read(30)
        name_length = int.from_bytes(header[26:28], "little")
        extra_length = int.from_bytes(header[28:30], "little")
        data_offset = info.header_offset + 30 + name_length + extra_length
        file.seek(data_offset)
        version = np.lib.format.read_magic(file)
        if version == (1, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(file)
        elif version == (2, 0):
            shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(file)
        else:
            return None
        array_offset = file.tell()
    return np.memmap(path, dtype=dtype, mode="r", offset=array_offset, shape=shape,
                     order="F" if fortran_order else "C")
