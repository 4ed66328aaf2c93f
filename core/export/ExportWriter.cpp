// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/ExportWriter.h"

#include "core/export/ExportWork.h"
#include "core/io/AtomicFile.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>

namespace cepstra {
namespace fs = std::filesystem;
namespace {

constexpr auto kReportInterval = std::chrono::milliseconds(50);

/// The process's umask, read without changing it (umask() would race with other threads).
mode_t currentUmask() {
    if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
        char line[256];
        unsigned mask = 022;
        while (std::fgets(line, sizeof(line), status))
            if (std::sscanf(line, "Umask: %o", &mask) == 1)
                break;
        std::fclose(status);
        return mode_t(mask);
    }
    return 022;
}

Result<ExportSummary> summaryOf(const ExportPlan& plan) {
    ExportSummary summary{.destination = plan.options.destination, .format = plan.format};
    for (const auto& split : plan.splits)
        summary.splits.push_back(
            {.name = split.name, .clips = int(split.clips.size()), .examples = split.examples});
    summary.excluded = plan.excluded;
    std::error_code ec;
    summary.bytes = fs::file_size(plan.options.destination, ec);
    return summary;
}

/// Gives the finished temporary the mode a new file gets (libzip makes its file 0600), then
/// renames it over DEST.
Status publish(TemporaryFile& temporary, const fs::path& destination) {
    if (::chmod(temporary.path().c_str(), 0666 & ~currentUmask()) != 0)
        return writeFailure(destination, errno);
    return temporary.commit();
}

} // namespace

ExportWork::ExportWork(const ExportPlan& plan, JobObserver& observer, const CancelToken& cancel)
    : m_plan(plan)
    , m_observer(observer)
    , m_cancel(cancel) {
    for (const auto& split : plan.splits)
        m_total += static_cast<long long>(split.clips.size() * plan.features.size());
    m_observer.started(m_total, "arrays");
}

void ExportWork::arrayDone() {
    ++m_done;
    const auto now = std::chrono::steady_clock::now();
    if (m_done < m_total && now - m_lastReport < kReportInterval)
        return;
    m_lastReport = now;
    m_observer.progressed(m_done, m_total);
}

Result<ExportSummary> writeExport(const ExportPlan& plan, JobObserver& observer,
                                  const CancelToken& cancel) {
    const auto started = std::chrono::steady_clock::now();
    const fs::path& destination = plan.options.destination;
    std::error_code ec;
    const fs::path folder = fs::absolute(destination, ec).parent_path();
    fs::create_directories(folder, ec);
    if (ec)
        return Error{ErrorKind::OutputFailed,
                     "cannot create " + folder.string() + ": " + ec.message()};
    const int staleRemoved = removeStaleTemporaries(folder);
    auto temporary = TemporaryFile::create(fs::absolute(destination, ec));
    if (!temporary)
        return temporary.error();
    ExportWork work(plan, observer, cancel);
    Status written = plan.format == ExportFormat::Hdf5 ? writeHdf5(temporary->path(), work)
                                                       : writeNpz(temporary->path(), work);
    if (written && cancel.stopRequested())
        written = Error{ErrorKind::Cancelled, ""};
    if (written)
        written = publish(*temporary, destination);
    if (!written) {
        if (written.error().kind == ErrorKind::Cancelled)
            return Error{ErrorKind::Cancelled,
                         "export interrupted; " + destination.string() + " was not written"};
        return written.error();
    }
    auto summary = summaryOf(plan);
    summary->staleTemporariesRemoved = staleRemoved;
    summary->wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

} // namespace cepstra
