// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/AudioFile.h"
#include "core/batch/BatchRunner.h"
#include "core/dataset/Catalog.h"
#include "core/dataset/DatasetScanner.h"

#include <QHash>
#include <QSet>
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
        /// Done before, unreadable in the latest run: its outputs are kept, out of exports.
        Unavailable,
    };
    Q_ENUM(ClipState)
    static QString stateText(ClipState state);
    static bool isFailure(ClipState state) {
        return state == ClipState::Failed || state == ClipState::Unreadable ||
               state == ClipState::Unavailable;
    }
    /// "0:30.0", "12:04.5", "1:02:03.5": tenths of a second, hours when there are any.
    static QString durationText(double seconds);

    /// Name and state first: they stay in view when the panel is narrow. A label's row says
    /// in its Status how many of its clips are done, which a run updates as it goes.
    enum Column {
        NameColumn,
        StatusColumn,
        DurationColumn,
        FormatColumn,
        RateColumn,
        ChannelsColumn,
        FoldColumn,  ///< a clip's fold in its manifest; on a label's row, its clips per fold
        GroupColumn, ///< a clip's group (source recording, artist); on a label's row, how many
        ColumnCount
    };
    /// The label row of clips the manifest gives no label (left out of exports).
    static QString unlabelledText() { return tr("(no label)"); }
    static constexpr int kAbsolutePathRole = Qt::UserRole + 1; ///< QByteArray: the path's bytes
    static constexpr int kRelativePathRole = Qt::UserRole + 2;
    static constexpr int kStateRole = Qt::UserRole + 3; ///< on the status item: a ClipState
    /// On the status item: the last result (Done, Skipped or Failed) and the config hash it was
    /// made with; the shown state is Outdated when that is not the config on screen.
    static constexpr int kResultStateRole = Qt::UserRole + 4;
    static constexpr int kResultConfigRole = Qt::UserRole + 5;

    explicit DatasetModel(QObject* parent = nullptr);

    void load(const ScannedDataset& dataset);
    /// How the labels were read: a manifest's description, or from the folders.
    const QString& labelsFrom() const { return m_labelsFrom; }
    /// Whether the labels came from a metadata file (and the Fold and Group columns say more).
    bool labelledByManifest() const { return m_labelledByManifest; }
    int labelCount() const { return rowCount(); }
    int fileCount() const { return int(m_files.size()); }
    int unreadableCount() const;
    double totalSeconds() const;

    /// Marks every readable file pending (a run is starting).
    void resetStatuses();
    /// A run's per-file results, made with the config whose hash is `configHash`.
    void applyEvents(const std::vector<FileEvent>& events, const QString& configHash);
    /// What OUTPUT's catalog says of earlier runs (Catalog::readStates), for a folder opened.
    void applyRecordedStates(const std::map<std::string, Catalog::RecordedState>& states);
    /// The config on screen: results made with another one show as Outdated until a run.
    void setCurrentConfigHash(const QString& configHash);
    /// The state of a file by its displayed relative path; Pending when unknown.
    ClipState stateOf(const QString& relativePath) const;
    std::vector<LabelStatistics> labelStatistics() const;
    /// What a label's row says in its Status column: "7/10 done", with failures if any.
    QString labelProgressText(const QString& label) const;

private:
    void setState(QStandardItem* fileItem, ClipState state, const QString& reason);
    void setResult(QStandardItem* fileItem, ClipState result, const QString& configHash,
                   const QString& reason);
    /// The state to show for a result, given the config on screen.
    ClipState shownState(const QStandardItem* statusItem) const;
    static ClipState stateOfItem(const QStandardItem* fileItem);
    /// Rewrites the Status of these labels' rows from their clips' states.
    void updateLabelProgress(const QSet<QStandardItem*>& labels);
    void updateAllLabelProgress();
    QString m_currentConfigHash;
    QHash<QString, QStandardItem*> m_files; ///< relative path -> its name item
    QString m_labelsFrom;
    bool m_labelledByManifest = false;
};

} // namespace cepstra::ui
