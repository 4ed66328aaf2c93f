// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/ProcessSetup.h"

#include <csignal>
#include <malloc.h>

namespace cepstra {

void prepareProcessForBatchWork() {
#ifdef M_MMAP_THRESHOLD
    constexpr int kMmapThresholdBytes = 256 << 20; // only truly huge blocks get their own mapping
    constexpr int kTrimThresholdBytes = 512 << 20; // keep up to this much free memory for reuse
    mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes);
    mallopt(M_TRIM_THRESHOLD, kTrimThresholdBytes);
#endif
    std::signal(SIGXFSZ, SIG_IGN);
    // Output into a closed pipe (`| head`) fails as a write error, reported, instead of
    // killing the process mid-run.
    std::signal(SIGPIPE, SIG_IGN);
}

} // namespace cepstra
