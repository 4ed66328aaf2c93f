// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace cepstra::ui {

/// File > Make a demo dataset: writes the CLI's make-demo dataset (four labels of synthetic
/// music, WAV) into a new folder on a worker thread, so a new user with no data of their own
/// can try everything; then it opens. UI thread only.
class DemoDatasetDialog : public QDialog {
    Q_OBJECT

public:
    explicit DemoDatasetDialog(QWidget* parent = nullptr);
    ~DemoDatasetDialog() override;

    QLineEdit& folder() { return *m_folder; }
    QSpinBox& clipsPerLabel() { return *m_clips; }
    QPushButton& createButton() { return *m_create; }
    QString message() const;

signals:
    /// The dataset is written in `folder`: open it.
    void created(const QString& folder);

private:
    void create();
    void written();

    QLineEdit* m_folder;
    QSpinBox* m_clips;
    QDoubleSpinBox* m_seconds;
    QProgressBar* m_progress;
    QLabel* m_message;
    QPushButton* m_create;
    QString m_target; ///< the folder being written
    QFutureWatcher<Result<int>> m_writing;
    std::atomic<int> m_done{0}, m_total{0};
};

} // namespace cepstra::ui
