// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/health/HealthReview.h"

#include <QSettings>
#include <QVariantMap>

#include <algorithm>

namespace cepstra::ui {
namespace {

constexpr const char* kSettingsKey = "health/review";

} // namespace

HealthReview::HealthReview(QObject* parent)
    : QObject(parent) {}

void HealthReview::setDataset(const QString& inputFolder) {
    m_dataset = inputFolder;
    m_excluded.clear();
    m_ignored.clear();
    const QVariantMap stored = QSettings().value(kSettingsKey).toMap().value(inputFolder).toMap();
    for (const QVariant& path : stored.value("excluded").toList())
        m_excluded.insert(path.toByteArray().toStdString());
    for (const QVariant& key : stored.value("ignored").toList())
        m_ignored.insert(key.toByteArray());
    emit changed();
}

void HealthReview::save() const {
    if (m_dataset.isEmpty())
        return;
    QSettings settings;
    QVariantMap all = settings.value(kSettingsKey).toMap();
    QVariantList excluded, ignored;
    for (const std::string& path : m_excluded)
        excluded << QByteArray::fromStdString(path);
    for (const QByteArray& key : m_ignored)
        ignored << key;
    if (excluded.isEmpty() && ignored.isEmpty())
        all.remove(m_dataset);
    else
        all.insert(m_dataset, QVariantMap{{"excluded", excluded}, {"ignored", ignored}});
    settings.setValue(kSettingsKey, all);
}

bool HealthReview::isExcluded(const std::string& path) const {
    return m_excluded.count(path) > 0;
}

void HealthReview::setExcluded(const std::vector<std::string>& paths, bool excluded) {
    for (const std::string& path : paths) {
        if (path.empty() || path.ends_with('/'))
            continue; // the dataset's own finding, or a folder: not a clip
        if (excluded)
            m_excluded.insert(path);
        else
            m_excluded.erase(path);
    }
    save();
    emit changed();
}

std::vector<std::string> HealthReview::excludedClips() const {
    return {m_excluded.begin(), m_excluded.end()};
}

QByteArray HealthReview::groupKey(const HealthGroup& group) {
    std::vector<std::string> paths = group.paths;
    std::sort(paths.begin(), paths.end());
    QByteArray key = "group\n" + QByteArray::fromStdString(std::string(toString(group.check)));
    for (const std::string& path : paths)
        key += '\n' + QByteArray::fromStdString(path);
    return key;
}

QByteArray HealthReview::keyOf(const HealthReport& report, const std::string& path,
                               const HealthFinding& finding) const {
    if (finding.group >= 0 && finding.group < int(report.groups.size()))
        return groupKey(report.groups[std::size_t(finding.group)]);
    return "file\n" + QByteArray::fromStdString(std::string(toString(finding.check))) + '\n' +
           QByteArray::fromStdString(path);
}

bool HealthReview::isIgnored(const HealthReport& report, const std::string& path,
                             const HealthFinding& finding) const {
    return m_ignored.contains(keyOf(report, path, finding));
}

void HealthReview::setIgnored(const HealthReport& report, const std::string& path,
                              const HealthFinding& finding, bool ignored) {
    if (ignored)
        m_ignored.insert(keyOf(report, path, finding));
    else
        m_ignored.remove(keyOf(report, path, finding));
    save();
    emit changed();
}

void HealthReview::setFamilyIgnored(const HealthReport& report,
                                    const std::vector<std::string>& family, bool ignored) {
    for (const HealthGroup& group : report.groups) {
        if (!joinsFamilies(group.check) || group.paths.empty() ||
            !std::binary_search(family.begin(), family.end(), group.paths.front()))
            continue;
        if (ignored)
            m_ignored.insert(groupKey(group));
        else
            m_ignored.remove(groupKey(group));
    }
    save();
    emit changed();
}

void HealthReview::keepOne(const std::vector<std::string>& family, const std::string& keeper) {
    for (const std::string& path : family)
        if (path == keeper)
            m_excluded.erase(path);
        else
            m_excluded.insert(path);
    save();
    emit changed();
}

HealthReport HealthReview::reviewed(const HealthReport& report) const {
    HealthReport kept = report;
    for (HealthFile& file : kept.files)
        std::erase_if(file.findings, [&](const HealthFinding& finding) {
            return isIgnored(report, file.path, finding);
        });
    std::erase_if(kept.datasetFindings,
                  [&](const HealthFinding& finding) { return isIgnored(report, {}, finding); });
    for (HealthGroup& group : kept.groups)
        if (m_ignored.contains(groupKey(group)))
            group.paths.clear(); // indices stay valid; an empty group joins nothing
    return kept;
}

std::vector<std::string> HealthReview::flaggedBy(const HealthReport& report,
                                                 const std::set<HealthCheckKind>& checks) {
    HealthReport only = report;
    for (HealthFile& file : only.files)
        std::erase_if(file.findings,
                      [&](const HealthFinding& finding) { return !checks.count(finding.check); });
    for (HealthGroup& group : only.groups)
        if (!checks.count(group.check))
            group.paths.clear();
    return only.flaggedClips();
}

std::vector<std::string> HealthReview::leaveOutList(const HealthReport& report) const {
    std::set<std::string> list(m_excluded.begin(), m_excluded.end());
    for (const std::string& path : reviewed(report).flaggedClips())
        list.insert(path);
    return {list.begin(), list.end()};
}

std::string HealthReview::defaultKeeper(const HealthReport& report,
                                        const std::vector<std::string>& family) {
    std::set<HealthCheckKind> others;
    for (HealthCheckKind check : allHealthChecks())
        if (!joinsFamilies(check))
            others.insert(check);
    const std::vector<std::string> flagged = flaggedBy(report, others);
    for (const std::string& path : family)
        if (!std::binary_search(flagged.begin(), flagged.end(), path))
            return path;
    return family.empty() ? std::string() : family.front();
}

} // namespace cepstra::ui
