// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/batch/BatchRunner.h"
#include "core/dataset/Catalog.h"
#include "ui/dataset/DatasetModel.h"

#include <QWidget>

class QChartView;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace cepstra::ui {

/// After a run: the summary, every failure with its reason, per-label charts, and the log.
/// UI thread only.
class ResultsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ResultsPanel(QWidget* parent = nullptr);

    /// Forgets the last run: another dataset was opened.
    void clear();
    void showSummary(const RunSummary& summary, const QString& outputFolder);
    /// The last run as OUTPUT's catalog recorded it (a folder opened, or the app restarted):
    /// its counts, and the files that failed with their reasons.
    void showRecordedRun(const Catalog::RecordedRun& run,
                         const std::map<std::string, Catalog::RecordedState>& states,
                         const QString& outputFolder);
    QString summaryText() const;
    void showLabels(const std::vector<LabelStatistics>& labels);
    void appendLog(const QString& line);
    QString logText() const;
    QString failureListText() const;
    int failureRows() const;
    QTableWidget& failureTable() { return *m_failures; }

signals:
    void openOutputRequested();
    void exportRequested();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// The file column no wider than two fifths, the reasons wrapped to the rest.
    void fitFailures();
    void showFailures(const std::vector<std::pair<std::string, std::string>>& failures);
    void copyFailures();
    void saveLog();

    QLabel* m_summary;
    QTableWidget* m_failures;
    QChartView* m_clipsChart;
    QChartView* m_failuresChart;
    QChartView* m_minutesChart;
    QChartView* m_meanChart;
    std::vector<LabelStatistics> m_labels; ///< kept to redraw the charts when the theme changes
    QPlainTextEdit* m_log;
};

} // namespace cepstra::ui
