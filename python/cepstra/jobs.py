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


def run(input, output, config=None, jobs=None, progress=None, *, force=False):
    """``cepstra-cli run INPUT OUTPUT``: every clip's features, as .npy files mirroring INPUT.

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
                     bool(force), _progress("run", progress))


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
          progress=None):
    """``cepstra-cli check INPUT --format json``: the dataset's health report, as a dict.

    `thresholds` maps ``check.key`` names to numbers, as ``--set check.key=value``. The
    measurements are cached in `features` (a run's OUTPUT, its catalog), in `cache` (a file),
    or under $XDG_CACHE_HOME; `force` reads every clip again. The report has `summary`,
    `thresholds`, `files` (each with its `findings`), `groups`, `labels`,
    `dataset_findings` and `flagged`: the clips to leave out of training, which
    ``export(..., exclude=report["flagged"])`` leaves out.
    """
    if features is not None and cache is not None:
        raise ValueError("check() takes features or cache, not both")
    text = _core.check(os.fsencode(input), _threshold_settings(thresholds),
                       None if features is None else os.fsencode(features),
                       None if cache is None else os.fsencode(cache),
                       _jobs("check", jobs), bool(force), _progress("check", progress))
    return json.loads(text)


def _option_text(name, value, joiner):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return ",".join(f"{key}={share!r}" for key, share in value.items())
    if isinstance(value, (list, tuple)):
        return joiner.join(str(item) for item in value)
    raise TypeError(f"export() takes {name} as text or a list (got {type(value).__name__})")


def _int_option(name, value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"export() takes {name} as an int (got {type(value).__name__})")
    return int(value)


def export(features_folder, dest, *, features=None, scaler="none", frames=None, fit=None,
           align=None, segment_hop=None, pad_value=None, split=None, seed=0, split_lists=None,
           exclude_list=None, exclude=None, dtype="float32", compression="none",
           progress=None):
    """``cepstra-cli export FEATURES DEST``: a run's arrays as one .h5 or .npz file.

    The options are the CLI's, in snake_case: `features` ("mfcc,logmel" or a list), `scaler`
    (none, standard, minmax), `frames` with `fit` (pad, crop, segment), `align` (start,
    center), `segment_hop` and `pad_value`; `split` ("train=0.8,valid=0.1,test=0.1" or a dict)
    with `seed`, or `split_lists` (a folder of train.txt, valid.txt, test.txt);
    `exclude_list` (a file of clips, one a line) and `exclude` (a list of clips, such as
    check()'s report["flagged"]); `dtype` (float32, float16), `compression` (none, gzip).
    Returns the summary: destination, format, bytes, seconds, label_names, splits (each with
    clips, examples, shapes and per-label counts) and excluded clips with their reasons.
    cepstra.data.ExportDataset reads the file.
    """
    arguments = _core.ExportArguments()
    arguments.features = _option_text("features", features, ",")
    arguments.scaler = "none" if scaler is None else str(scaler)
    arguments.frames = _int_option("frames", frames)
    arguments.fit = fit
    arguments.align = align
    arguments.segment_hop = _int_option("segment_hop", segment_hop)
    if pad_value is not None:
        arguments.pad_value = float(pad_value)
    arguments.split = _option_text("split", split, ",")
    seed = _int_option("seed", seed)
    if seed < 0:
        raise ValueError(f"--seed must be at least 0 (got {seed})")
    arguments.seed = seed
    if split_lists is not None:
        arguments.split_lists = os.fsencode(split_lists)
    if exclude_list is not None:
        arguments.exclude_list = os.fsencode(exclude_list)
    if exclude is not None:
        if isinstance(exclude, (str, bytes)):
            raise TypeError("export() takes exclude as a list of clip paths")
        arguments.exclude = [os.fsencode(path) for path in exclude]
    arguments.dtype = dtype
    arguments.compression = compression
    return _core.export(os.fsencode(features_folder), os.fsencode(dest), arguments,
                        _progress("export", progress))
