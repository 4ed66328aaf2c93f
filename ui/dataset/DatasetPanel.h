// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/dataset/DatasetModel.h"

#include <QFutureWatcher>
#include <QHash>
#include <QVariantMap>
#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeView;

namespace cepstra::ui {

/// Input and output folders and the dataset tree. Scans run on Qt's thread pool. Each dataset
/// has its own output: "<input>-features" unless the user chose another for that dataset, which
/// is remembered for it alone. The Dataset field takes a typed or pasted path (Enter opens it).
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

    /// Lists the folder and fills the tree. The output becomes the one chosen for this folder
    /// before, else "<input>-features" beside it.
    void setInputFolder(const QString& folder);
    /// Chooses the output of the open dataset (remembered for it; empty or the default forgets).
    void setOutputFolder(const QString& folder);
    /// The outputs users chose, by input folder, for the settings.
    QVariantMap chosenOutputs() const;
    void setChosenOutputs(const QVariantMap& outputs);
    QLineEdit& inputField() { return *m_input; }
    QLineEdit& outputField() { return *m_output; }
    QTreeView& tree() { return *m_tree; }
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
    /// A path typed or pasted into the Dataset field, Enter pressed: a folder or a clip.
    void pathEntered(const QString& path);

private:
    void chooseInput();
    void chooseOutput();
    void showScan();
    void updateSummary();
    void rememberOutput(const QString& output);

    DatasetModel m_model;
    QLineEdit* m_input;
    QLineEdit* m_output;
    QTreeView* m_tree;
    QLabel* m_summary;
    QString m_inputFolder; ///< the open dataset; the field may hold a path being typed
    QHash<QString, QString> m_chosenOutputs; ///< input folder -> the output chosen for it
    QFutureWatcher<ScannedDataset> m_scan;
};

} // namespace cepstra::ui
