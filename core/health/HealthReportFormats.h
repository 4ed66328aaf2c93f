// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/health/HealthCheck.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace cepstra {

/// The report for pipelines: `files` ({path, label, findings: [{check, severity, value,
/// threshold, detail}]}), `groups` ({check, paths, labels, offset_seconds, overlap_seconds}),
/// `labels` (per-label KPIs), `dataset_findings`, `thresholds` and `summary`. Paths that are
/// not UTF-8 are escaped as dumpJson does.
nlohmann::ordered_json healthReportJson(const HealthReport& report);

/// For people at a terminal: the summary, then each finding on one line.
std::string healthReportText(const HealthReport& report);

/// One self-contained HTML file (inline CSS and SVG charts, no scripts or links), to attach
/// to a paper or a ticket.
std::string healthReportHtml(const HealthReport& report);

/// Whether `path` holds a report or a flagged list `cepstra-cli check` wrote, judged by its
/// head: what --report and --flagged-list may replace without --overwrite.
bool isHealthReport(const std::filesystem::path& path);
bool isFlaggedList(const std::filesystem::path& path);

} // namespace cepstra
