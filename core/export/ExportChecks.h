// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The refusals planExport() makes before anything is written. Internal to core/export.

#include "core/export/ExportPlan.h"

namespace cepstra {

/// DEST must not be a folder, nor a file of someone else's (unless `overwrite`), and its
/// folder must exist or be creatable by us.
Status checkDestination(const std::filesystem::path& destination, bool overwrite);

/// Refuses an export with no clip, or a split asked for that gets none, saying why.
Status refuseEmptyExport(const ExportPlan& plan, const std::vector<int>& splitOfClip);

/// Refuses --frames far past the longest clip: examples of padding, sizes that cannot fit.
Status checkExampleSize(const ExportPlan& plan);

/// The file must fit on DEST's disk (uncompressed; gzip is not checked).
Status checkFreeSpace(const ExportPlan& plan);

} // namespace cepstra
