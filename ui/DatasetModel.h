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

/// Per-label figures for the results charts. Durations count only the clips that did not fail.
struct LabelStatistics {
    QString label;
    int clips = 0;
    int failures = 0;
    int succeeded = 0;         ///< clips with a duration that did not fail
    double totalSeconds = 0.0; ///< over `succeeded` clips only
};

/// Labels, then files, with duration, sample rate, channels and state; failures carry the
/// reason as a tooltip. The state is a ClipState in kStateRole, and its text and colour come
/// from one place, so they are right under any translation. UI thread only.
class DatasetModel : public QStandardItemModel {
    Q_OBJECT

public:
    /// Where a clip stands on screen.
    enum class ClipState {
        Pending,    ///< not run yet with these parameters
        Done,       ///< computed in the last run
        Skipped,    ///< up to date: the last run had nothing to do
        Failed,     ///< the last run could not process it
        Unreadable, ///< its header could not be read when the folder was opened
        Outdated,   ///< its outputs were made with other parameters than those on screen
    };
    Q_ENUM(ClipState)
    static QString stateText(ClipState state);
    static bool isFailure(ClipState state) {
        return state == ClipState::Failed || state == ClipState::Unreadable;
    }

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
    static constexpr int kStateRole = Qt::UserRole + 3; ///< on the status item: a ClipState

    explicit DatasetModel(QObject* parent = nullptr);

    void load(const ScannedDataset& dataset);
    int labelCount() const { return rowCount(); }
    int fileCount() const { return int(m_files.size()); }
    int unreadableCount() const;
    double totalSeconds() const;

    /// Marks every readable file pending (a run is starting).
    void resetStatuses();
    void applyEvents(const std::vector<FileEvent>& events);
    /// The state of a file by its displayed relative path; Pending when unknown.
    ClipState stateOf(const QString& relativePath) const;
    std::vector<LabelStatistics> labelStatistics() const;

private:
    void setState(QStandardItem* fileItem, ClipState state, const QString& reason);
    static ClipState stateOfItem(const QStandardItem* fileItem);
    QHash<QString, QStandardItem*> m_files; ///< relative path -> its name item
};

} // namespace cepstra::ui
