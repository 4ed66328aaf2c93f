# SPDX-License-Identifier: GPL-3.0-or-later
"""The dataset jobs of ``cepstra-cli``: run, check and export, with the CLI's behaviour.

Each runs on a thread of its own inside the core, without the GIL. The calling thread wakes
every 100 ms to call `progress` and to let Ctrl+C (in a terminal or a notebook) stop the job:
the core stops cleanly within a block of samples, and the KeyboardInterrupt is raised then.
Finished work is kept; calling run again resumes it, as re-running the CLI does.

`progress` is called as ``progress(done, total)`` on the calling thread, with the GIL, at
most every 100 ms and once at the end: files settled of the run's files, clips read of those
check must read, arrays written of the export's. With tqdm::

    bar = tqdm(unit="file")
    def progress(done, total):
        bar.total = total
        bar.update(done - bar.n)
    cepstra.run("genres", "genres-features", progress=progress)
"""

import json
import numbers
import os

from . import _core
from .config import settings_of

__all__ = ["run", "check", "export"]


def _jobs(function, jobs):
    """`--jobs`: None for every hardware thread, else 1 to 1024."""
    if jobs is None:
        return 0
    if isinstance(jobs, bool) or not isinstance(jobs, numbers.Integral):
        raise TypeError(f"{function}() takes jobs as an int or None (got {type(jobs).__name__})")
    if not 1 <= jobs <= 1024:
        raise ValueError(f"jobs must be between 1 and 1024, or None for every hardware thread "
                         f"(got {jobs})")
    return int(jobs)


def _progress(function, progress):
    if progress is not None and not callable(progress):
        raise TypeError(f"{function}() takes progress as a callable (done, total) or None")
    return progress


def _manifest(manifest):
    """--manifest as bytes: a path, "none" (labels from folders), or b"" (INPUT's own)."""
    return b"" if manifest is None else os.fsencode(manifest)


def run(input, output, config=None, jobs=None, progress=None, *, force=False, manifest=None,
        manifest_columns=None, subset=None):
    """``cepstra-cli run INPUT OUTPUT``: every clip's features, as .npy files mirroring INPUT.

    Labels, folds and groups come from the dataset's metadata file at INPUT's root (ESC-50,
    UrbanSound8K, FMA, AudioFolder), from `manifest` (a CSV, TSV or JSONL path, its columns
    mapped by `manifest_columns` as "path=file,label=class,..."), or from folders with
    ``manifest="none"``; `subset` picks FMA's tracks. As the CLI's options of those names.

    `config` is a cepstra.Config or a dict of its keys (None: the defaults). Incremental:
    files up to date in OUTPUT's catalog are skipped; `force` recomputes everything. Returns
    the summary the CLI prints: total, processed, skipped, failed, removed, interrupted,
    seconds, output, and failures (each {path, error}). A clip that fails is in the summary;
    a problem with the run as a whole raises: ValueError for a bad config, folder or usage
    (what makes the CLI exit with 2), OSError for a failed write, RuntimeError for a damaged
    catalog.
    """
    settings = settings_of(config, "run")
    return _core.run(os.fsencode(input), os.fsencode(output), settings, _jobs("run", jobs),
                     bool(force), _progress("run", progress), _manifest(manifest),
                     manifest_columns or "", subset or "")


def _threshold_settings(thresholds):
    if thresholds is None:
        return []
    settings = []
    for key, value in dict(thresholds).items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"check() takes the threshold {key} as a number "
                            f"(got {type(value).__name__})")
        settings.append(f"{key}={value!r}" if isinstance(value, float) else f"{key}={value}")
    return settings


def check(input, *, thresholds=None, features=None, cache=None, jobs=None, force=False,
          progress=None, manifest=None, manifest_columns=None, subset=None):
    """``cepstra-cli check INPUT --format json``: the dataset's health report, as a dict.

    `thresholds` maps ``check.key`` names to numbers, as ``--set check.key=value``. The
    measurements are cached in `features` (a run's OUTPUT, its catalog), in `cache` (a file),
    or under $XDG_CACHE_HOME; `force` reads every clip again. The report has `summary`,
    `thresholds`, `files` (each with its `findings`), `groups`, `labels`,
    `dataset_findings` and `flagged`: the clips to leave out of training, which
    ``export(..., exclude=report["flagged"])`` leaves out. `manifest`, `manifest_columns`
    and `subset` choose the labels, folds and splits as run() does; with `features`, the
    families of duplicates are kept for ``export(..., group="duplicates")``.
    """
    if features is not None and cache is not None:
        raise ValueError("check() takes features or cache, not both")
    text = _core.check(os.fsencode(input), _threshold_settings(thresholds),
                       None if features is None else os.fsencode(features),
                       None if cache is None else os.fsencode(cache),
                       _jobs("check", jobs), bool(force), _progress("check", progress),
                       _manifest(manifest), manifest_columns or "", subset or "")
    return json.loads(text)


# The export options as their one declaration has them: key -> {type, choices, null, doc...}.
_EXPORT_OPTIONS = {item["key"]: item for item in json.loads(_core.export_option_table())}

_PYTHON_TYPES = {
    "integer": (numbers.Integral, "an int"),
    "number": (numbers.Real, "a number"),
    "choice": (str, "a str"),
    "text": (str, "a str"),
    "path": ((str, bytes, os.PathLike), "a path"),
    "choice_list": ((str, list, tuple), "a str or a list of str"),
}


def _export_option_json(key, value):
    """The JSON of one export option, after its declared type's check: a wrong type is a
    TypeError naming the option, as Python's own calls raise; a wrong value is the core's
    ValueError, with the CLI's message."""
    declared = _EXPORT_OPTIONS[key]
    if key == "split" and isinstance(value, dict):
        value = ",".join(f"{name}={share!r}" for name, share in value.items())
    accepted, described = _PYTHON_TYPES[declared["type"]]
    if isinstance(value, bool) or not isinstance(value, accepted):
        raise TypeError(f"export() takes {key} as {described} (got {type(value).__name__})")
    if declared["type"] == "path":
        value = os.fsdecode(value)
    elif isinstance(value, (list, tuple)):
        value = [str(item) for item in value]
    elif isinstance(value, numbers.Integral):
        value = int(value)
    elif isinstance(value, numbers.Real):
        value = float(value)
    return json.dumps(value)


def export(features_folder, dest, *, exclude=None, progress=None, **options):
    """``cepstra-cli export FEATURES DEST``: a run's arrays as one .h5 or .npz file.

    The keyword options are the CLI's, in snake_case, from the same declarations (see
    ``cepstra-cli params --export``): `features` ("mfcc,logmel" or a list), `scaler`, `frames`
    with `fit`, `align`, `segment_hop` and `pad_value`; `split` ("train=0.8,valid=0.1,test=0.1"
    or a dict) with `seed`, or `split_lists`; `exclude_list`, `dtype`, `compression`. None is
    an option's default. `exclude` is a list of clips to leave out, such as check()'s
    report["flagged"]. Returns the summary: destination, format, bytes, seconds, label_names,
    splits (each with clips, examples, shapes and per-label counts) and excluded clips with
    their reasons. cepstra.data.ExportDataset reads the file.
    """
    texts = {}
    for key, value in options.items():
        if key not in _EXPORT_OPTIONS:
            raise TypeError(f"export() got an unexpected keyword argument '{key}'")
        if value is not None:
            texts[key] = _export_option_json(key, value)
    excluded = []
    if exclude is not None:
        if isinstance(exclude, (str, bytes)):
            raise TypeError("export() takes exclude as a list of clip paths")
        excluded = [os.fsencode(path) for path in exclude]
    return _core.export(os.fsencode(features_folder), os.fsencode(dest), texts, excluded,
                        _progress("export", progress))
