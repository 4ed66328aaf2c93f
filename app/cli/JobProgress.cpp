// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/JobProgress.h"

#include "app/cli/CliSupport.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace cepstra::cli {
namespace {

using Clock = std::chrono::steady_clock;

/// The one renderer of a long job: a bar on stderr redrawn at most every 100 ms, JSON lines
/// on stdout for orchestrators, or nothing; warnings are one stderr line each, whatever the
/// style.
class ProgressRenderer : public RunObserver {
public:
    explicit ProgressRenderer(ProgressStyle style)
        : m_style(style) {}

    void started(long long total, std::string_view unit) override {
        m_unit = unit;
        m_started = Clock::now();
        if (m_style == ProgressStyle::Json)
            emit(m_unit == "files" ? Json{{"event", "start"}, {"total", total}}
                                   : Json{{"event", "start"}, {"total", total}, {"unit", unit}});
    }
    void fileFinished(const FileEvent& event) override {
        if (m_style == ProgressStyle::Json)
            emit({{"event", "file"},
                  {"path", event.relativePath},
                  {"label", event.label},
                  {"status", toString(event.status)},
                  {"error", event.error.empty() ? Json(nullptr) : Json(event.error)},
                  {"done", event.finished},
                  {"total", event.total}});
    }
    void progressed(long long done, long long total) override {
        if (m_style == ProgressStyle::Bar)
            draw(done, total);
        // A run's file events carry the same counts; a phase or another job's progress does not.
        else if (m_style == ProgressStyle::Json && (!m_phase.empty() || m_unit != "files")) {
            Json line{{"event", "progress"}};
            if (!m_phase.empty())
                line["phase"] = m_phase;
            line["done"] = done;
            line["total"] = total;
            emit(line);
        }
    }
    void phaseStarted(std::string_view phase, long long total) override {
        m_phase = phase;
        m_started = Clock::now();
        if (m_style == ProgressStyle::Json)
            emit({{"event", "phase"}, {"phase", phase}, {"total", total}});
        else if (m_style == ProgressStyle::Bar)
            std::fprintf(stderr, "%.*s: %lld %s\n", int(phase.size()), phase.data(), total,
                         m_unit.c_str());
    }
    void note(std::string_view line) override {
        if (m_style == ProgressStyle::Json)
            emit({{"event", "note"}, {"message", line}});
        else
            std::cout << displayText(std::string(line)) << std::endl;
    }
    void warning(std::string_view message) override {
        if (m_style == ProgressStyle::Json)
            emit({{"event", "warning"}, {"message", message}});
        printWarning(std::string(message));
    }

private:
    using Json = nlohmann::ordered_json;
    static void emit(const Json& line) { std::cout << dumpJson(line) << std::endl; }

    void draw(long long done, long long total) {
        const auto now = Clock::now();
        const bool last = done >= total;
        if (!last && now - m_lastDraw < std::chrono::milliseconds(100))
            return;
        m_lastDraw = now;
        const double elapsed = std::chrono::duration<double>(now - m_started).count();
        const double rate = elapsed > 0 ? double(done) / elapsed : 0.0;
        constexpr long long kWidth = 30;
        std::string bar(std::size_t(total > 0 ? kWidth * done / total : kWidth), '#');
        bar.resize(kWidth, '.');
        std::fprintf(stderr, "\r[%s] %lld/%lld %s  %.1f/s  ETA %s   ", bar.c_str(), done, total,
                     m_unit.c_str(), rate,
                     rate > 0 ? formatDuration(double(total - done) / rate).c_str() : "--:--");
        if (last)
            std::fputc('\n', stderr);
        std::fflush(stderr);
    }

    ProgressStyle m_style;
    std::string m_unit = "files";
    std::string m_phase;
    Clock::time_point m_started = Clock::now();
    Clock::time_point m_lastDraw{};
};

} // namespace

ProgressStyle JobOptions::style() const {
    if (progress == "json")
        return ProgressStyle::Json;
    if (progress == "none")
        return ProgressStyle::None;
    if (progress == "bar")
        return ProgressStyle::Bar;
    return isatty(STDERR_FILENO) ? ProgressStyle::Bar : ProgressStyle::None;
}

void addJobOptions(CLI::App& command, JobOptions& options, bool threads) {
    if (threads)
        command
            .add_option("--jobs,-j", options.jobs,
                        "Worker threads (default: every hardware thread)")
            ->check(CLI::Range(1, 1024));
    command
        .add_option("--progress", options.progress,
                    "bar (default on a terminal), json lines on standard output, or none")
        ->check(CLI::IsMember({"bar", "json", "none"}));
}

std::unique_ptr<RunObserver> makeProgressRenderer(ProgressStyle style) {
    return std::make_unique<ProgressRenderer>(style);
}

int exitCodeOf(JobOutcome outcome) {
    switch (outcome) {
    case JobOutcome::Succeeded:
        return kExitOk;
    case JobOutcome::SomeItemsFailed:
    case JobOutcome::Failed:
        return kExitProcessingFailed;
    case JobOutcome::Interrupted:
        return kExitInterrupted;
    case JobOutcome::Refused:
        return kExitUsage;
    }
    return kExitProcessingFailed;
}

JobOutcome outcomeOf(const RunSummary& summary) {
    if (summary.interrupted)
        return JobOutcome::Interrupted;
    return summary.failed > 0 ? JobOutcome::SomeItemsFailed : JobOutcome::Succeeded;
}

namespace {

/// The kinds of manifest entries a summary lists, with the words it lists them under.
struct ManifestProblemKind {
    const char* key;  ///< JSON
    const char* text; ///< "rows naming a file that is not there"
    std::vector<ManifestEntry> ManifestReport::*entries;
};
constexpr ManifestProblemKind kManifestProblems[] = {
    {"missing_files", "rows naming a file that is not there", &ManifestReport::missingFiles},
    {"unnamed_files", "audio files no row names (no label)", &ManifestReport::unnamedFiles},
    {"duplicate_rows", "rows repeating a file an earlier row named (the first row counts)",
     &ManifestReport::duplicateRows},
    {"unlabelled_rows", "rows with an empty label (left out of exports)",
     &ManifestReport::unlabelledRows},
};

nlohmann::ordered_json manifestJson(const ManifestReport& report) {
    nlohmann::ordered_json json{{"description", report.description}};
    for (const auto& kind : kManifestProblems) {
        nlohmann::ordered_json entries = nlohmann::ordered_json::array();
        for (const ManifestEntry& entry : report.*kind.entries)
            entries.push_back(
                entry.line > 0 ? nlohmann::ordered_json{{"line", entry.line}, {"path", entry.path}}
                               : nlohmann::ordered_json{{"path", entry.path}});
        json[kind.key] = entries;
    }
    return json;
}

/// Each kind of entry that did not fit, counted, with the first few listed.
void printManifestProblems(const ManifestReport& report) {
    constexpr std::size_t kListed = 20;
    for (const auto& kind : kManifestProblems) {
        const auto& entries = report.*kind.entries;
        if (entries.empty())
            continue;
        std::cout << "Manifest, " << kind.text << ": " << entries.size() << "\n";
        for (std::size_t i = 0; i < entries.size() && i < kListed; ++i)
            std::cout << "  "
                      << (entries[i].line > 0 ? "line " + std::to_string(entries[i].line) + ": "
                                              : "")
                      << displayText(entries[i].path) << "\n";
        if (entries.size() > kListed)
            std::cout << "  ... and " << entries.size() - kListed
                      << " more (--progress json lists every one)\n";
    }
}

} // namespace

void printSummary(const RunSummary& summary, ProgressStyle style,
                  const std::string& outputDirectory) {
    if (style == ProgressStyle::Json) {
        nlohmann::ordered_json failures = nlohmann::ordered_json::array();
        for (const auto& [path, error] : summary.failures)
            failures.push_back({{"path", path}, {"error", error}});
        std::cout << dumpJson(nlohmann::ordered_json{
                         {"event", "summary"},
                         {"total", summary.total},
                         {"processed", summary.processed},
                         {"skipped", summary.skipped},
                         {"failed", summary.failed},
                         {"removed", summary.removed},
                         {"temporaries_removed", summary.staleTemporariesRemoved},
                         {"interrupted", summary.interrupted},
                         {"seconds", summary.wallSeconds},
                         {"output", outputDirectory},
                         {"failures", failures},
                         {"relabelled", summary.relabelled},
                         {"manifest", summary.manifest ? manifestJson(*summary.manifest)
                                                       : nlohmann::ordered_json()}})
                  << std::endl;
        return;
    }
    const double rate = summary.wallSeconds > 0 ? summary.processed / summary.wallSeconds : 0.0;
    std::cout << (summary.interrupted ? "Interrupted: " : "") << summary.processed << " processed, "
              << summary.skipped << " skipped as up to date, " << summary.failed << " failed, "
              << summary.removed << " removed; " << summary.total << " files in "
              << formatDuration(summary.wallSeconds) << " (" << static_cast<int>(rate + 0.5)
              << " clips/s). Features in " << outputDirectory << "\n";
    if (summary.staleTemporariesRemoved > 0)
        std::cout << "Removed " << summary.staleTemporariesRemoved
                  << " half-written temporaries that a killed run had left.\n";
    if (!summary.failures.empty()) {
        std::cout << "Failed files:\n";
        for (const auto& [path, error] : summary.failures)
            std::cout << "  " << displayText(path) << ": " << displayText(error) << "\n";
    }
    if (summary.relabelled > 0)
        std::cout << summary.relabelled
                  << " clips took a new label, fold, group or split from the manifest; no "
                     "feature was recomputed for it.\n";
    if (summary.manifest)
        printManifestProblems(*summary.manifest);
    if (summary.interrupted)
        std::cout << "Run the same command again to finish; work already done is kept.\n";
}

} // namespace cepstra::cli
