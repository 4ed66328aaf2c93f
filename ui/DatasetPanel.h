// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/DatasetModel.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeView;

namespace cepstra::ui {

/// Input and output folders and the dataset tree. Scans run on Qt's thread pool.
/// UI thread only.
class DatasetPanel : public QWidget {
    Q_OBJECT

public:
    explicit DatasetPanel(QWidget* parent = nullptr);
    ~DatasetPanel() override;

    DatasetModel& model() { return m_model; }
    QString inputFolder() const;
    QString outputFolder() const;
    bool isScanning() const { return m_scan.isRunning(); }

    /// Lists the folder and fills the tree; the output defaults to "<input>-features" beside it.
    void setInputFolder(const QString& folder);
    void setOutputFolder(const QString& folder);
    /// Selects a file by its path relative to the input folder.
    void selectFile(const QString& relativePath);
    /// Selects the first file whose header could be read, if any.
    void selectFirstReadableFile();

signals:
    void inputFolderChanged(const QString& folder);
    void outputFolderChanged(const QString& folder);
    void scanFinished(int labels, int files);
    void scanFailed(const QString& message);
    void clipSelected(const QByteArray& absolutePath); ///< the path's bytes

private:
    void chooseInput();
    void chooseOutput();
    void showScan();
    void updateSummary();

    DatasetModel m_model;
    QLineEdit* m_input;
    QLineEdit* m_output;
    QTreeView* m_tree;
    QLabel* m_summary;
    bool m_outputChosenByUser = false;
    QFutureWatcher<ScannedDataset> m_scan;
};

} // namespace cepstra::ui
