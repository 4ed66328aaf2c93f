// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dataset/DatasetModel.h"

#include "ui/widgets/PathText.h"

#include <QDir>
#include <QSet>

#include <algorithm>
#include <map>

namespace cepstra::ui {
namespace {

QStandardItem* readOnly(const QString& text) {
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

} // namespace

ScannedDataset scanForModel(const QString& root) {
    ScannedDataset scanned;
    scanned.root = root;
    auto listing = scanDataset(root.toStdString());
    if (!listing) {
        scanned.error = QString::fromStdString(listing.error().message);
        return scanned;
    }
    scanned.listing = std::move(listing).value();
    for (const auto& file : scanned.listing.files)
        scanned.headers.push_back(readAudioInfo(file.absolutePath));
    return scanned;
}

QString DatasetModel::durationText(double seconds) {
    const auto tenths = qint64(std::max(0.0, seconds) * 10.0 + 0.5);
    const qint64 wholeSeconds = tenths / 10, hours = wholeSeconds / 3600;
    const QString rest =
        QStringLiteral("%1.%2").arg(wholeSeconds % 60, 2, 10, QLatin1Char('0')).arg(tenths % 10);
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(wholeSeconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(rest);
    return QStringLiteral("%1:%2").arg(wholeSeconds / 60).arg(rest);
}

DatasetModel::DatasetModel(QObject* parent)
    : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({tr("Name"), tr("Status"), tr("Duration"), tr("Format"), tr("Rate"),
                               tr("Ch"), tr("Fold"), tr("Group")});
}

void DatasetModel::load(const ScannedDataset& dataset) {
    removeRows(0, rowCount());
    m_files.clear();
    m_labelledByManifest = dataset.listing.manifest.has_value();
    m_labelsFrom = dataset.listing.manifest
                       ? QString::fromStdString(dataset.listing.manifest->description())
                       : QString::fromUtf8(kLabelsFromFolders);
    QHash<QString, QStandardItem*> labels;
    // Per label: its clips per fold, and its groups.
    QHash<QStandardItem*, std::map<int, int>> foldCounts;
    QHash<QStandardItem*, QSet<QString>> groups;
    for (std::size_t i = 0; i < dataset.listing.files.size(); ++i) {
        const DatasetFile& file = dataset.listing.files[i];
        const QString label = displayPath(file.label);
        QStandardItem*& labelItem = labels[label];
        if (!labelItem) {
            labelItem = readOnly(label.isEmpty() ? unlabelledText() : label);
            labelItem->setData(label, Qt::UserRole);
            if (label.isEmpty())
                labelItem->setToolTip(tr("The manifest gives these clips no label: exports "
                                         "leave them out."));
            QList<QStandardItem*> row{labelItem};
            for (int column = 1; column < ColumnCount; ++column)
                row << readOnly({});
            appendRow(row);
        }
        const QString relative = displayPath(file.relativePath);
        auto* name = readOnly(QDir(relative).dirName());
        name->setData(QByteArray::fromStdString(file.absolutePath.string()), kAbsolutePathRole);
        name->setData(relative, kRelativePathRole);
        name->setToolTip(relative);
        const Result<AudioInfo>& header = dataset.headers[i];
        QList<QStandardItem*> row{name};
        for (int column = 1; column < ColumnCount; ++column)
            row << readOnly({});
        if (header) {
            // An MP3 without a length tag only has libsndfile's estimate: say so.
            row[DurationColumn]->setText((header->framesExact ? QString() : QStringLiteral("≈")) +
                                         durationText(header->durationSeconds()));
            row[FormatColumn]->setText(QString::fromStdString(header->format));
            if (!header->framesExact)
                row[DurationColumn]->setToolTip(
                    tr("Estimated from the bitrate: this MP3 has no length tag. Decoding gives "
                       "the exact length."));
            row[DurationColumn]->setData(header->durationSeconds(), Qt::UserRole);
            row[RateColumn]->setText(QString::number(header->sampleRateHz));
            row[ChannelsColumn]->setText(QString::number(header->channels));
        }
        if (file.fold > 0) {
            row[FoldColumn]->setText(QString::number(file.fold));
            ++foldCounts[labelItem][file.fold];
        }
        row[GroupColumn]->setText(displayPath(file.group));
        if (!file.group.empty())
            groups[labelItem].insert(row[GroupColumn]->text());
        labelItem->appendRow(row);
        m_files.insert(relative, name);
        if (header)
            setState(name, ClipState::Pending, {});
        else
            setState(name, ClipState::Unreadable, displayPath(header.error().message));
    }
    // Labels in byte order, as the folders are walked; clips with no label last.
    std::vector<QList<QStandardItem*>> rows;
    while (rowCount() > 0)
        rows.push_back(takeRow(0));
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        const QByteArray left = a[0]->data(Qt::UserRole).toString().toUtf8(),
                         right = b[0]->data(Qt::UserRole).toString().toUtf8();
        return !left.isEmpty() && (right.isEmpty() || left < right);
    });
    for (const auto& row : rows)
        appendRow(row);
    for (int r = 0; r < rowCount(); ++r) {
        QStandardItem* labelItem = item(r);
        labelItem->setText(
            QStringLiteral("%1 (%2)").arg(labelItem->text()).arg(labelItem->rowCount()));
        QStringList perFold; // "1: 8", "2: 8"...
        for (const auto& [fold, count] : foldCounts.value(labelItem))
            perFold << QStringLiteral("%1: %2").arg(fold).arg(count);
        item(r, FoldColumn)->setText(perFold.join(QStringLiteral(", ")));
        if (const auto count = groups.value(labelItem).size(); count > 0)
            item(r, GroupColumn)->setText(tr("%n groups", nullptr, int(count)));
    }
    updateAllLabelProgress();
}

QString DatasetModel::stateText(ClipState state) {
    switch (state) {
    case ClipState::Pending:
        return tr("pending");
    case ClipState::Done:
        return tr("done");
    case ClipState::Skipped:
        return tr("skipped");
    case ClipState::Failed:
        return tr("failed");
    case ClipState::Unreadable:
        return tr("unreadable");
    case ClipState::Outdated:
        return tr("outdated");
    case ClipState::Unavailable:
        return tr("unavailable");
    }
    return {};
}

DatasetModel::ClipState DatasetModel::stateOfItem(const QStandardItem* fileItem) {
    const QStandardItem* statusItem = fileItem->parent()->child(fileItem->row(), StatusColumn);
    return ClipState(statusItem->data(kStateRole).toInt());
}

void DatasetModel::setState(QStandardItem* fileItem, ClipState state, const QString& reason) {
    QStandardItem* statusItem = fileItem->parent()->child(fileItem->row(), StatusColumn);
    statusItem->setData(int(state), kStateRole);
    statusItem->setText(stateText(state));
    statusItem->setToolTip(reason);
    const QString relative = fileItem->data(kRelativePathRole).toString();
    fileItem->setToolTip(reason.isEmpty() ? relative : relative + "\n" + reason);
    // Clear the role rather than set an empty brush, which would paint black on a dark palette.
    if (isFailure(state))
        statusItem->setForeground(QColor(220, 60, 60));
    else
        statusItem->setData(QVariant(), Qt::ForegroundRole);
}

int DatasetModel::unreadableCount() const {
    int count = 0;
    for (auto* item : m_files)
        count += stateOfItem(item) == ClipState::Unreadable ? 1 : 0;
    return count;
}

double DatasetModel::totalSeconds() const {
    double total = 0.0;
    for (auto* item : m_files)
        total += item->parent()->child(item->row(), DurationColumn)->data(Qt::UserRole).toDouble();
    return total;
}

void DatasetModel::resetStatuses() {
    for (auto* item : m_files) {
        QStandardItem* statusItem = item->parent()->child(item->row(), StatusColumn);
        if (statusItem->data(kResultStateRole).isValid() ||
            stateOfItem(item) != ClipState::Unreadable) {
            statusItem->setData(QVariant(), kResultStateRole);
            setState(item, ClipState::Pending, {});
        }
    }
    updateAllLabelProgress();
}

void DatasetModel::setResult(QStandardItem* fileItem, ClipState result, const QString& configHash,
                             const QString& reason) {
    QStandardItem* statusItem = fileItem->parent()->child(fileItem->row(), StatusColumn);
    statusItem->setData(int(result), kResultStateRole);
    statusItem->setData(configHash, kResultConfigRole);
    setState(fileItem, shownState(statusItem), reason);
}

DatasetModel::ClipState DatasetModel::shownState(const QStandardItem* statusItem) const {
    const QVariant result = statusItem->data(kResultStateRole);
    if (!result.isValid())
        return ClipState(statusItem->data(kStateRole).toInt());
    const bool current = statusItem->data(kResultConfigRole).toString() == m_currentConfigHash;
    return current ? ClipState(result.toInt()) : ClipState::Outdated;
}

void DatasetModel::applyEvents(const std::vector<FileEvent>& events, const QString& configHash) {
    QSet<QStandardItem*> labels;
    for (const FileEvent& event : events) {
        QStandardItem* item = m_files.value(displayPath(event.relativePath));
        if (!item)
            continue;
        const ClipState state = event.status == FileStatus::Done      ? ClipState::Done
                                : event.status == FileStatus::Skipped ? ClipState::Skipped
                                                                      : ClipState::Failed;
        setResult(item, state, configHash, displayPath(event.error));
        labels.insert(item->parent());
    }
    updateLabelProgress(labels);
}

void DatasetModel::applyRecordedStates(
    const std::map<std::string, Catalog::RecordedState>& states) {
    for (const auto& [path, recorded] : states) {
        QStandardItem* item = m_files.value(displayPath(path));
        if (!item || recorded.state == FileState::Pending)
            continue;
        const ClipState state = recorded.state == FileState::Done          ? ClipState::Done
                                : recorded.state == FileState::Unavailable ? ClipState::Unavailable
                                                                           : ClipState::Failed;
        setResult(item, state, QString::fromStdString(recorded.configHash),
                  displayPath(recorded.error));
    }
    updateAllLabelProgress();
}

QString DatasetModel::labelProgressText(const QString& label) const {
    for (int r = 0; r < rowCount(); ++r)
        if (item(r)->data(Qt::UserRole).toString() == label)
            return item(r, StatusColumn)->text();
    return {};
}

void DatasetModel::updateAllLabelProgress() {
    QSet<QStandardItem*> labels;
    for (int r = 0; r < rowCount(); ++r)
        labels.insert(item(r));
    updateLabelProgress(labels);
}

void DatasetModel::updateLabelProgress(const QSet<QStandardItem*>& labels) {
    for (QStandardItem* label : labels) {
        int done = 0, failed = 0;
        for (int f = 0; f < label->rowCount(); ++f) {
            const ClipState state = stateOfItem(label->child(f));
            done += state == ClipState::Done || state == ClipState::Skipped ? 1 : 0;
            failed += isFailure(state) ? 1 : 0;
        }
        QString text = tr("%1/%2 done").arg(done).arg(label->rowCount());
        if (failed > 0)
            text += tr(", %1 failed").arg(failed);
        item(label->row(), StatusColumn)->setText(text);
    }
}

void DatasetModel::setCurrentConfigHash(const QString& configHash) {
    if (configHash == m_currentConfigHash)
        return;
    m_currentConfigHash = configHash;
    for (auto* item : m_files) {
        QStandardItem* statusItem = item->parent()->child(item->row(), StatusColumn);
        if (statusItem->data(kResultStateRole).isValid())
            setState(item, shownState(statusItem), statusItem->toolTip());
    }
    updateAllLabelProgress();
}

DatasetModel::ClipState DatasetModel::stateOf(const QString& relativePath) const {
    QStandardItem* item = m_files.value(relativePath);
    return item ? stateOfItem(item) : ClipState::Pending;
}

std::vector<LabelStatistics> DatasetModel::labelStatistics() const {
    std::vector<LabelStatistics> statistics;
    for (int r = 0; r < rowCount(); ++r) {
        QStandardItem* labelItem = item(r);
        LabelStatistics label{.label = labelItem->data(Qt::UserRole).toString()};
        for (int f = 0; f < labelItem->rowCount(); ++f) {
            ++label.clips;
            if (isFailure(stateOfItem(labelItem->child(f)))) {
                ++label.failures;
                continue;
            }
            ++label.succeeded;
            label.totalSeconds +=
                labelItem->child(f, DurationColumn)->data(Qt::UserRole).toDouble();
        }
        statistics.push_back(label);
    }
    return statistics;
}

} // namespace cepstra::ui
