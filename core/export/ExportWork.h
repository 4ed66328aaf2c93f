// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportWriter.h"

#include <chrono>

namespace cepstra {

/// What the format writers share while they stream: the plan, progress and the stop request.
/// Internal to core/export.
class ExportWork {
public:
    ExportWork(const ExportPlan& plan, JobObserver& observer, const CancelToken& cancel);

    const ExportPlan& plan() const { return m_plan; }
    bool stopRequested() const { return m_cancel.stopRequested(); }
    /// Counts one array done and reports progress, at most every 50 ms (and at the end).
    void arrayDone();

private:
    const ExportPlan& m_plan;
    JobObserver& m_observer;
    const CancelToken& m_cancel;
    long long m_done = 0;
    long long m_total = 0;
    std::chrono::steady_clock::time_point m_lastReport{};
};

/// The writers, one per format: each writes the whole file at `path` (a fresh temporary name)
/// and returns Cancelled when `work` asks it to stop. The caller renames or removes the file.
Status writeHdf5(const std::filesystem::path& path, ExportWork& work);
Status writeNpz(const std::filesystem::path& path, ExportWork& work);

} // namespace cepstra
