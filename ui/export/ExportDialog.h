// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/export/ExportWriter.h"
#include "core/health/HealthCheck.h"
#include "ui/job/JobController.h"

#include <QDialog>
#include <QTimer>
#include <QVariantMap>

#include <map>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace cepstra::ui {

class ExportLeaveOut;
class ManifestSplitChoices;
class FolderOpener;

/// File > Export features: the options of `cepstra-cli export` as a form over the run in the
/// output folder. Every edit re-plans at once (typing counts, no Enter needed), and the form
/// shows what would be written: shapes per split, clip and example counts, what is left out
/// and why, and the size; a value the form cannot take is refused next to its field. Nothing
/// that drops clips is ticked by default; the last options are remembered per output folder,
/// and an existing file is replaced only after a question. Export writes on a worker thread
/// with progress and Cancel; then the file can be shown in its folder and the code that loads
/// it copied. UI thread only.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    /// `reviewed`: this dataset's last health check, ignored findings taken out (or null);
    /// `excludedByUser`: the clips excluded by hand in the Health tab.
    ExportDialog(const QString& featuresFolder, std::shared_ptr<const HealthReport> reviewed,
                 std::vector<std::string> excludedByUser, QWidget* parent = nullptr);
    ~ExportDialog() override;

    /// The options as the form holds them now, or the reason they are not valid.
    Result<ExportOptions> options() const;
    /// The plan of the current options; an error when they cannot be exported.
    const Result<ExportPlan>& plan() const { return m_plan; }
    bool isExporting() const { return m_writing.isRunning(); }
    /// Exports what the form holds now (re-planned first). When the file exists, asks first
    /// (window-modal): false then, and the export starts once the user says Replace.
    bool startExport();

    QLineEdit& destination() { return *m_destination; }
    QCheckBox& featureBox(Feature feature) { return *m_featureBoxes.at(feature); }
    QComboBox& scaler() { return *m_scaler; }
    QCheckBox& fixedLength() { return *m_fixedLength; }
    QSpinBox& frames() { return *m_frames; }
    QLabel& framesError() { return *m_framesError; }
    QComboBox& fit() { return *m_fit; }
    QComboBox& align() { return *m_align; }
    QSpinBox& segmentHop() { return *m_segmentHop; }
    QLineEdit& split() { return *m_split; }
    QLabel& splitError() { return *m_splitError; }
    QSpinBox& seed() { return *m_seed; }
    QComboBox& dtype() { return *m_dtype; }
    QComboBox& compression() { return *m_compression; }
    ExportLeaveOut& leaveOut() { return *m_leaveOut; }
    ManifestSplitChoices& datasetSplit() { return *m_datasetSplit; }
    QLabel& planText() { return *m_planText; }
    QPushButton& exportButton() { return *m_export; }
    QString loadingCode() const;

signals:
    void exported(const QString& destination);
    void exportFailed(const QString& message);

protected:
    void done(int result) override;

private:
    QWidget* buildForm();
    void addLengthRows(QFormLayout& layout);
    void addSplitRows(QFormLayout& layout);
    void connectEdits(QTimer& replanTimer);
    /// What the fields hold, to remember them for this output folder.
    QVariantMap formState() const;
    void applyFormState(const QVariantMap& state);
    void replan();
    void showPlan();
    void write();
    void writingDone();
    void copyLoadingCode();

    QString m_featuresFolder;
    QLineEdit* m_destination;
    std::map<Feature, QCheckBox*> m_featureBoxes;
    QComboBox* m_scaler;
    QCheckBox* m_fixedLength;
    QSpinBox* m_frames;
    QLabel* m_framesError;
    QComboBox* m_fit;
    QComboBox* m_align;
    QSpinBox* m_segmentHop;
    QLineEdit* m_padValue;
    QLineEdit* m_split;
    QLabel* m_splitError;
    QLineEdit* m_splitLists;
    QSpinBox* m_seed;
    ManifestSplitChoices* m_datasetSplit;
    QComboBox* m_dtype;
    QComboBox* m_compression;
    ExportLeaveOut* m_leaveOut;
    QLabel* m_planText;
    QProgressBar* m_progress;
    QPushButton* m_export;
    QPushButton* m_cancel;
    QPushButton* m_showFolder;
    QPushButton* m_copyCode;
    FolderOpener* m_opener;
    bool m_hasRun = false; ///< the output folder records a run to export
    Result<ExportPlan> m_plan;
    std::optional<ExportPlan> m_written; ///< the plan of the last finished export
    JobController m_writing;
    /// Written by the export's job, read when it has finished.
    std::optional<Result<ExportSummary>> m_writeOutcome;
};

} // namespace cepstra::ui
