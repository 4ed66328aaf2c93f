// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportPlan.h"
#include "core/util/CancelToken.h"
#include "core/util/Job.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace cepstra {

struct ExportSplitSummary {
    std::string name;
    int clips = 0;
    long long examples = 0;
};

/// What an export wrote.
struct ExportSummary {
    std::filesystem::path destination;
    ExportFormat format = ExportFormat::Hdf5;
    std::vector<ExportSplitSummary> splits;
    std::vector<ExcludedClip> excluded; ///< the plan's, repeated for the report
    std::uint64_t bytes = 0;            ///< the file's size
    int staleTemporariesRemoved = 0;    ///< left in DEST's folder by a killed writer
    double wallSeconds = 0.0;
};

/// Writes the file `plan` describes, streaming one clip's array at a time (memory stays flat
/// whatever the dataset's size): every example equals its slice of the per-clip .npy bit for
/// bit in float32, or numpy's astype(np.float16) of it.
///
/// Progress: started() with the arrays to write (one clip's one feature is one) in "arrays",
/// progressed() after each, at most every 50 ms and at the end.
///
/// The file is written under a temporary name in DEST's folder (created if needed) and
/// renamed over DEST at the end, so DEST is either the whole new file or untouched. Stale
/// temporaries a killed writer left in that folder are removed first. The same
/// FEATURES and options give a byte-identical file (HDF5: no object times, fixed library
/// version bounds; NPZ: fixed entry times).
///
/// `cancel` is polled per array and per example: then the temporary is removed and the
/// result is ErrorKind::Cancelled. A failed write (a full disk, a size limit) is OutputFailed,
/// also leaving no file. Any one thread; blocks until done. Do not run two exports to the
/// same DEST at once.
Result<ExportSummary> writeExport(const ExportPlan& plan, JobObserver& observer,
                                  const CancelToken& cancel);

} // namespace cepstra
