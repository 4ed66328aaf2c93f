// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportWriter.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>

#include <atomic>
#include <map>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace cepstra::ui {

/// File > Export features: the options of `cepstra-cli export` as a form over the run in the
/// output folder. Every edit re-plans at once (typing counts, no Enter needed), and the form
/// shows what would be written: shapes per split, clip and example counts, what is left out
/// and why, and the size. Export writes on a worker thread with progress and Cancel; then the
/// file can be shown in its folder and the code that loads it copied. "Leave out flagged
/// clips" takes what the Health tab's last check of this dataset flagged. UI thread only.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(const QString& featuresFolder, std::vector<std::string> flaggedClips,
                 QWidget* parent = nullptr);
    ~ExportDialog() override;

    /// The options as the form holds them now, or the reason they are not valid.
    Result<ExportOptions> options() const;
    /// The plan of the current options; an error when they cannot be exported.
    const Result<ExportPlan>& plan() const { return m_plan; }
    bool isExporting() const { return m_writing.isRunning(); }
    /// Starts the export of what the form holds now (re-planned first).
    bool startExport();

    QLineEdit& destination() { return *m_destination; }
    QCheckBox& featureBox(Feature feature) { return *m_featureBoxes.at(feature); }
    QComboBox& scaler() { return *m_scaler; }
    QCheckBox& fixedLength() { return *m_fixedLength; }
    QSpinBox& frames() { return *m_frames; }
    QComboBox& fit() { return *m_fit; }
    QComboBox& align() { return *m_align; }
    QSpinBox& segmentHop() { return *m_segmentHop; }
    QLineEdit& split() { return *m_split; }
    QSpinBox& seed() { return *m_seed; }
    QComboBox& dtype() { return *m_dtype; }
    QComboBox& compression() { return *m_compression; }
    QCheckBox& excludeFlagged() { return *m_excludeFlagged; }
    QLabel& planText() { return *m_planText; }
    QPushButton& exportButton() { return *m_export; }
    QString loadingCode() const;

signals:
    void exported(const QString& destination);
    void exportFailed(const QString& message);

private:
    QWidget* buildForm();
    void replan();
    void showPlan();
    void writingDone();
    void copyLoadingCode();
    void showInFolder();

    QString m_featuresFolder;
    std::vector<std::string> m_flagged;
    QLineEdit* m_destination;
    std::map<Feature, QCheckBox*> m_featureBoxes;
    QComboBox* m_scaler;
    QCheckBox* m_fixedLength;
    QSpinBox* m_frames;
    QComboBox* m_fit;
    QComboBox* m_align;
    QSpinBox* m_segmentHop;
    QLineEdit* m_padValue;
    QLineEdit* m_split;
    QLineEdit* m_splitLists;
    QSpinBox* m_seed;
    QComboBox* m_dtype;
    QComboBox* m_compression;
    QCheckBox* m_excludeFlagged;
    QLabel* m_planText;
    QProgressBar* m_progress;
    QPushButton* m_export;
    QPushButton* m_cancel;
    QPushButton* m_showFolder;
    QPushButton* m_copyCode;
    Result<ExportPlan> m_plan;
    std::optional<ExportPlan> m_written; ///< the plan of the last finished export
    QFutureWatcher<Result<ExportSummary>> m_writing;
    QTimer m_progressTimer;
    CancelToken m_cancelToken;
    std::atomic<long long> m_done{0}, m_total{0};
};

} // namespace cepstra::ui
