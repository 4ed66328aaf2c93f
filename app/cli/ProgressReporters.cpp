// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ProgressReporters.h"

#include "app/cli/CliSupport.h"
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace cepstra::cli {
namespace {

using Clock = std::chrono::steady_clock;

/// Warnings go to stderr as one line each, whatever the progress style.
class WarningReporter : public RunObserver {
public:
    void warning(std::string_view message) override { printWarning(std::string(message)); }
};

class BarReporter : public WarningReporter {
public:
    void runStarted(int total) override {
        m_started = Clock::now();
        m_total = total;
    }
    void fileFinished(const FileEvent& event) override {
        if (!event.unchanged)
            ++m_worked;
        draw(event.finished, event.total, "files", event.finished == event.total);
    }
    void phaseStarted(RunPhase phase, int total) override {
        const std::string_view name = toString(phase);
        std::fprintf(stderr, "\n%.*s: %d files\n", int(name.size()), name.data(), total);
        m_started = Clock::now();
        m_worked = 0;
    }
    void phaseProgress(int done, int total) override {
        ++m_worked;
        draw(done, total, "scaled", done == total);
    }

private:
    void draw(int done, int total, const char* unit, bool last) {
        const auto now = Clock::now();
        if (!last && now - m_lastDraw < std::chrono::milliseconds(100))
            return;
        m_lastDraw = now;
        const double elapsed = std::chrono::duration<double>(now - m_started).count();
        const double rate = elapsed > 0 ? m_worked / elapsed : 0.0;
        const int remaining = total - done;
        constexpr int kWidth = 30;
        const int filled = total > 0 ? kWidth * done / total : kWidth;
        std::string bar(std::size_t(filled), '#');
        bar.resize(kWidth, '.');
        std::fprintf(stderr, "\r[%s] %d/%d %s  %.1f clips/s  ETA %s   ", bar.c_str(), done, total,
                     unit, rate, rate > 0 ? formatDuration(remaining / rate).c_str() : "--:--");
        if (last)
            std::fputc('\n', stderr);
        std::fflush(stderr);
    }

    Clock::time_point m_started = Clock::now();
    Clock::time_point m_lastDraw{};
    int m_total = 0;
    int m_worked = 0;
};

class JsonReporter : public RunObserver {
public:
    void warning(std::string_view message) override {
        emit({{"event", "warning"}, {"message", message}});
    }
    void runStarted(int total) override { emit({{"event", "start"}, {"total", total}}); }
    void fileFinished(const FileEvent& event) override {
        emit({{"event", "file"},
              {"path", event.relativePath},
              {"label", event.label},
              {"status", toString(event.status)},
              {"error", event.error.empty() ? nlohmann::ordered_json(nullptr)
                                            : nlohmann::ordered_json(event.error)},
              {"done", event.finished},
              {"total", event.total}});
    }
    void phaseStarted(RunPhase phase, int total) override {
        m_phase = phase;
        emit({{"event", "phase"}, {"phase", toString(phase)}, {"total", total}});
    }
    void phaseProgress(int done, int total) override {
        emit({{"event", "progress"},
              {"phase", toString(m_phase)},
              {"done", done},
              {"total", total}});
    }

private:
    static void emit(const nlohmann::ordered_json& line) {
        std::cout << dumpJson(line) << std::endl;
    }
    RunPhase m_phase = RunPhase::DatasetScaling;
};

} // namespace

ProgressStyle progressStyle(const std::string& name) {
    if (name == "json")
        return ProgressStyle::Json;
    if (name == "none")
        return ProgressStyle::None;
    if (name == "bar")
        return ProgressStyle::Bar;
    return isatty(STDERR_FILENO) ? ProgressStyle::Bar : ProgressStyle::None;
}

std::unique_ptr<RunObserver> makeProgressReporter(ProgressStyle style) {
    switch (style) {
    case ProgressStyle::Bar:
        return std::make_unique<BarReporter>();
    case ProgressStyle::Json:
        return std::make_unique<JsonReporter>();
    case ProgressStyle::None:
        break;
    }
    return std::make_unique<WarningReporter>();
}

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
                         {"failures", failures}})
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
    if (summary.interrupted)
        std::cout << "Run the same command again to finish; work already done is kept.\n";
}

} // namespace cepstra::cli
