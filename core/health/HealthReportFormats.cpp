// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/health/HealthReportFormats.h"

#include "core/Version.h"
#include "core/dataset/DatasetScanner.h"
#include "core/io/PathChecks.h"
#include "core/util/JsonText.h"

#include <algorithm>
#include <cstdio>
#include <regex>
#include <sstream>

namespace cepstra {
namespace {

using nlohmann::ordered_json;

ordered_json findingJson(const HealthFinding& finding) {
    ordered_json json{{"check", toString(finding.check)},
                      {"severity", toString(finding.severity)},
                      {"value", finding.value},
                      {"threshold", finding.threshold},
                      {"detail", finding.detail}};
    if (finding.group >= 0)
        json["group"] = finding.group; // an index into groups
    return json;
}

std::string escapeHtml(std::string_view bytes) {
    std::string out;
    for (char c : displayText(bytes)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string format(const char* pattern, double value) {
    char text[64];
    std::snprintf(text, sizeof(text), pattern, value);
    return text;
}

/// A horizontal bar chart as inline SVG: one bar per name, labels in full.
std::string barChart(const std::string& title,
                     const std::vector<std::pair<std::string, double>>& bars, const char* colour,
                     const char* valueFormat) {
    const double highest =
        bars.empty()
            ? 1.0
            : std::max(1e-9, std::max_element(bars.begin(), bars.end(), [](auto& a, auto& b) {
                                 return a.second < b.second;
                             })->second);
    constexpr int kRow = 22, kLabel = 220, kBar = 360;
    std::ostringstream svg;
    svg << "<figure><figcaption>" << escapeHtml(title)
        << "</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kLabel + kBar + 80
        << "\" height=\"" << kRow * std::max<std::size_t>(1, bars.size()) + 4 << "\" role=\"img\">";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const int y = int(i) * kRow + 2;
        const double width = bars[i].second / highest * kBar;
        svg << "<text x=\"" << kLabel - 6 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\">"
            << escapeHtml(bars[i].first) << "</text><rect x=\"" << kLabel << "\" y=\"" << y
            << "\" width=\"" << std::max(1.0, width) << "\" height=\"" << kRow - 6 << "\" fill=\""
            << colour << "\"/><text x=\"" << kLabel + width + 6 << "\" y=\"" << y + 15 << "\">"
            << format(valueFormat, bars[i].second) << "</text>";
    }
    svg << "</svg></figure>";
    return svg.str();
}

} // namespace

ordered_json healthReportJson(const HealthReport& report) {
    ordered_json files = ordered_json::array();
    int withFindings = 0;
    for (const HealthFile& file : report.files) {
        ordered_json findings = ordered_json::array();
        for (const HealthFinding& finding : file.findings)
            findings.push_back(findingJson(finding));
        withFindings += file.findings.empty() ? 0 : 1;
        files.push_back({{"path", file.path},
                         {"label", file.label},
                         {"fold", file.fold},
                         {"split", file.split},
                         {"duration_seconds", file.durationSeconds},
                         {"sample_rate", file.sampleRateHz},
                         {"channels", file.channels},
                         {"format", file.format},
                         {"findings", findings}});
    }
    ordered_json groups = ordered_json::array();
    for (const HealthGroup& group : report.groups)
        groups.push_back({{"check", toString(group.check)},
                          {"paths", group.paths},
                          {"labels", group.labels},
                          {"offset_seconds", group.offsetSeconds},
                          {"overlap_seconds", group.overlapSeconds}});
    ordered_json labels = ordered_json::object();
    for (const auto& [name, label] : report.labels)
        labels[name] = {{"clips", label.clips},
                        {"failures", label.failures},
                        {"total_seconds", label.totalSeconds},
                        {"mean_seconds", label.meanSeconds},
                        {"min_seconds", label.minSeconds},
                        {"max_seconds", label.maxSeconds},
                        {"findings", label.findings}};
    ordered_json datasetFindings = ordered_json::array();
    for (const HealthFinding& finding : report.datasetFindings)
        datasetFindings.push_back(findingJson(finding));
    ordered_json thresholds = ordered_json::object();
    const nlohmann::json declared = toJson(report.thresholds);
    for (const auto& [key, value] : declared.items())
        thresholds[key] = value;
    return {{"input", report.input.string()},
            {"cepstra_version", kVersion},
            {"summary",
             {{"files", report.files.size()},
              {"files_with_findings", withFindings},
              {"labels", report.labels.size()},
              {"groups", report.groups.size()},
              {"worst", toString(report.worst())},
              {"findings", report.counts()},
              {"measured", report.measured},
              {"cached", report.cached},
              {"seconds", report.seconds}}},
            {"thresholds", thresholds},
            {"files", files},
            {"groups", groups},
            {"labels", labels},
            {"dataset_findings", datasetFindings},
            {"flagged", report.flaggedClips()}};
}

std::string healthReportText(const HealthReport& report) {
    std::ostringstream text;
    int findings = 0;
    for (const HealthFile& file : report.files)
        findings += int(file.findings.size());
    text << displayText(report.input.string()) << ": " << report.clipCount() << " clips in "
         << report.labels.size() << " labels, " << findings
         << (findings == 1 ? " finding" : " findings") << "; worst: " << toString(report.worst())
         << " (" << report.measured << " read, " << report.cached << " from the cache, "
         << format("%.1f", report.seconds) << " s)\n";
    for (const auto& [check, severities] : report.counts()) {
        text << "  " << check << ":";
        for (const auto& [severity, count] : severities)
            text << " " << count << " " << severity;
        text << "\n";
    }
    for (const HealthFinding& finding : report.datasetFindings)
        text << "dataset: " << toString(finding.check) << " (" << toString(finding.severity)
             << "): " << displayText(finding.detail) << "\n";
    for (const HealthFile& file : report.files)
        for (const HealthFinding& finding : file.findings)
            text << displayText(file.path) << ": " << toString(finding.check) << " ("
                 << toString(finding.severity) << "): " << displayText(finding.detail) << "\n";
    return text.str();
}

std::string healthReportHtml(const HealthReport& report) {
    std::ostringstream html;
    html << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cepstra "
            "dataset health: "
         << escapeHtml(report.input.filename().string()) << "</title><style>"
         << "body{font-family:sans-serif;margin:2em;color:#222;max-width:1100px}"
            "h1{font-size:1.5em}table{border-collapse:collapse;margin:1em 0;width:100%}"
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
            "th{background:#f0f0f0}.fail{color:#b00020;font-weight:bold}.warn{color:#a85d00}"
            ".info{color:#555}figure{display:inline-block;margin:1em 2em 1em 0}"
            "figcaption{font-weight:bold;margin-bottom:4px}svg text{font-size:12px}"
         << "</style></head><body>";
    html << "<h1>Dataset health: " << escapeHtml(report.input.string()) << "</h1><p>"
         << report.clipCount() << " clips in " << report.labels.size()
         << " labels. Worst severity: <span class=\"" << toString(report.worst()) << "\">"
         << toString(report.worst()) << "</span>. Checked by Cepstra " << kVersion << ".</p>";

    std::vector<std::pair<std::string, double>> clips, durations, perCheck;
    for (const auto& [name, label] : report.labels) {
        clips.emplace_back(name, label.clips);
        durations.emplace_back(name, label.meanSeconds);
    }
    for (const auto& [check, severities] : report.counts()) {
        int total = 0;
        for (const auto& [severity, count] : severities)
            total += count;
        perCheck.emplace_back(check, total);
    }
    html << barChart("Clips per label", clips, "#5b9bd5", "%.0f")
         << barChart("Mean clip duration per label (s)", durations, "#8c2981", "%.1f")
         << barChart("Findings per check", perCheck, "#d04040", "%.0f");

    html << "<h2>Per label</h2><table><tr><th>label</th><th>clips</th><th>failures</th>"
            "<th>total (s)</th><th>mean (s)</th><th>min (s)</th><th>max "
            "(s)</th><th>findings</th></tr>";
    for (const auto& [name, label] : report.labels) {
        std::string found;
        for (const auto& [check, count] : label.findings)
            found += (found.empty() ? "" : ", ") + check + " " + std::to_string(count);
        html << "<tr><td>" << escapeHtml(name) << "</td><td>" << label.clips << "</td><td>"
             << label.failures << "</td><td>" << format("%.1f", label.totalSeconds) << "</td><td>"
             << format("%.1f", label.meanSeconds) << "</td><td>" << format("%.1f", label.minSeconds)
             << "</td><td>" << format("%.1f", label.maxSeconds) << "</td><td>" << escapeHtml(found)
             << "</td></tr>";
    }
    html << "</table><h2>Findings</h2><table><tr><th>file</th><th>label</th><th>check</th>"
            "<th>severity</th><th>value</th><th>threshold</th><th>detail</th></tr>";
    auto row = [&](const std::string& path, const std::string& label, const HealthFinding& f) {
        html << "<tr><td>" << escapeHtml(path) << "</td><td>" << escapeHtml(label) << "</td><td>"
             << toString(f.check) << "</td><td class=\"" << toString(f.severity) << "\">"
             << toString(f.severity) << "</td><td>" << format("%.4g", f.value) << "</td><td>"
             << format("%.4g", f.threshold) << "</td><td>" << escapeHtml(f.detail) << "</td></tr>";
    };
    for (const HealthFinding& finding : report.datasetFindings)
        row("(dataset)", "", finding);
    for (const HealthFile& file : report.files)
        for (const HealthFinding& finding : file.findings)
            row(file.path, file.label, finding);
    html << "</table><h2>Duplicate groups</h2><table><tr><th>check</th><th>clips (label, "
            "offset)</th><th>overlap (s)</th></tr>";
    for (const HealthGroup& group : report.groups) {
        html << "<tr><td>" << toString(group.check) << "</td><td>";
        for (std::size_t i = 0; i < group.paths.size(); ++i)
            html << escapeHtml(group.paths[i]) << " (" << escapeHtml(group.labels[i]) << ", "
                 << format("%+.2f s", group.offsetSeconds[i]) << ")<br>";
        html << "</td><td>" << format("%.1f", group.overlapSeconds) << "</td></tr>";
    }
    html << "</table></body></html>\n";
    return html.str();
}

} // namespace cepstra

namespace cepstra {

bool isHealthReport(const std::filesystem::path& path) {
    const std::string head = headOfFile(path, 1 << 16);
    if (head.starts_with("<!DOCTYPE html>") && head.find("<title>Cepstra ") != std::string::npos)
        return true;
    if (head.starts_with("{")) { // the JSON report; whole, since JSON cannot be read in part
        const std::string whole = headOfFile(path, std::size_t(1) << 30);
        const auto document = nlohmann::json::parse(whole, nullptr, false);
        return document.is_object() && document.contains("summary") &&
               document.contains("thresholds") && document.contains("flagged");
    }
    // The text report's headline: "<input>: N clips in M labels, K findings; worst: ..."
    static const std::regex headline(R"(^[^\n]*: \d+ clips in \d+ labels, \d+ findings?; worst: )");
    return std::regex_search(head, headline);
}

bool isFlaggedList(const std::filesystem::path& path) {
    const std::string head = headOfFile(path, 1 << 20);
    std::istringstream lines(head);
    bool any = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty())
            continue;
        if (!hasAudioExtension(line) || line.front() == '/')
            return false;
        any = true;
    }
    return any;
}

} // namespace cepstra
