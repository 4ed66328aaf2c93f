// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"

#include <filesystem>

namespace cepstra {

/// Finishes a sharded run in `outputDirectory`: checks that shards 1..N of one N all exist and
/// finished under one config and INPUT (else InvalidUsage, naming each missing or unfinished
/// shard and the command that completes it), folds their catalogs into
/// OUTPUT/cepstra-catalog.sqlite, then runs as `run` does over the whole dataset. That run
/// finds every shard's file up to date, merges the clips' statistics in path order (Chan et
/// al.'s count, mean and M2, with min and max, as one machine does), writes the scale_axis
/// "dataset" files, and computes any file no shard saw. So the OUTPUT is the one a single
/// `run` writes, byte for byte, for any N. The shard catalogs stay, for incremental re-runs.
/// `manifest` is what the shards read their labels from (the same --manifest options).
Result<RunSummary> mergeShards(const std::filesystem::path& outputDirectory, int jobs,
                               const ManifestRequest& manifest, RunObserver& observer,
                               const CancelToken& cancel);

} // namespace cepstra
