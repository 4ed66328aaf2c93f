// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/batch/BatchRunner.h"
#include "core/dataset/DatasetScanner.h"

#include <QHash>
#include <QStandardItemModel>

#include <vector>

namespace cepstra::ui {

/// A scanned dataset: the listing plus each file's header, read off the UI thread.
struct ScannedDataset {
    QString root;
    QString error; ///< set when the folder could not be listed
    DatasetListing listing;
    std::vector<Result<AudioInfo>> headers; ///< one per listing.files entry
};

/// Lists and reads headers; any thread (the panel runs it on Qt's thread pool).
ScannedDataset scanForModel(const QString& root);

/// Per-label figures for the results charts.
struct LabelStatistics {
    QString label;
    int clips = 0;
    int failures = 0;
    double totalSeconds = 0.0;
};

/// Labels, then files, with duration, sample rate, channels and status. Status is "pending",
/// "done", "skipped", "failed" or "unreadable"; failures carry the reason as a tooltip.
/// UI thread only.
class DatasetModel : public QStandardItemModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        DurationColumn,
        RateColumn,
        ChannelsColumn,
        StatusColumn,
        ColumnCount
    };
    static constexpr int kAbsolutePathRole = Qt::UserRole + 1; ///< QByteArray: the path's bytes
    static constexpr int kRelativePathRole = Qt::UserRole + 2;

    explicit DatasetModel(QObject* parent = nullptr);

    void load(const ScannedDataset& dataset);
    int labelCount() const { return rowCount(); }
    int fileCount() const { return int(m_files.size()); }
    int unreadableCount() const;
    double totalSeconds() const;

    /// Marks every readable file pending (a run is starting).
    void resetStatuses();
    void applyEvents(const std::vector<FileEvent>& events);
    QString statusOf(const QString& relativePath) const;
    std::vector<LabelStatistics> labelStatistics() const;

private:
    void setStatus(QStandardItem* fileItem, const QString& status, const QString& reason);
    QHash<QString, QStandardItem*> m_files; ///< relative path -> its name item
};

} // namespace cepstra::ui
