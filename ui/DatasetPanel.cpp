// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/DatasetPanel.h"

#include "core/batch/RunPlan.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QtConcurrent/QtConcurrentRun>

namespace cepstra::ui {

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent)
    , m_input(new QLineEdit)
    , m_output(new QLineEdit)
    , m_tree(new QTreeView)
    , m_summary(new QLabel) {
    m_input->setReadOnly(true);
    m_input->setPlaceholderText(tr("Drop a dataset folder here"));
    m_output->setPlaceholderText(tr("<input>-features"));
    m_input->setToolTip(tr("The dataset: one subfolder per label, holding audio files"));
    m_output->setToolTip(tr("Where features go: <output>/<label>/<clip>_<feature>.npy"));
    auto* browseInput = new QPushButton(tr("Open…"));
    auto* browseOutput = new QPushButton(tr("Choose…"));
    connect(browseInput, &QPushButton::clicked, this, &DatasetPanel::chooseInput);
    connect(browseOutput, &QPushButton::clicked, this, &DatasetPanel::chooseOutput);
    connect(m_output, &QLineEdit::editingFinished, this, [this] {
        m_outputChosenByUser = true;
        emit outputFolderChanged(outputFolder());
    });

    m_tree->setModel(&m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DatasetModel::NameColumn, QHeaderView::Stretch);
    for (int column = DatasetModel::DurationColumn; column < DatasetModel::ColumnCount; ++column)
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // The names must stay readable however narrow the window: at least 16 characters, and
    // the panel never narrower than that plus the other columns.
    const int nameWidth = fontMetrics().averageCharWidth() * 16 + m_tree->indentation() * 2;
    m_tree->header()->setMinimumSectionSize(fontMetrics().averageCharWidth() * 4);
    m_tree->setMinimumWidth(nameWidth +
                            fontMetrics().horizontalAdvance("00:00  44100  Ch  unreadable") + 40);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& index) {
                const QByteArray path = m_model.itemFromIndex(index.siblingAtColumn(0))
                                            ->data(DatasetModel::kAbsolutePathRole)
                                            .toByteArray();
                if (!path.isEmpty())
                    emit clipSelected(path);
            });
    connect(&m_scan, &QFutureWatcher<ScannedDataset>::finished, this, &DatasetPanel::showScan);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Dataset")), 0, 0);
    layout->addWidget(m_input, 0, 1);
    layout->addWidget(browseInput, 0, 2);
    layout->addWidget(new QLabel(tr("Output")), 1, 0);
    layout->addWidget(m_output, 1, 1);
    layout->addWidget(browseOutput, 1, 2);
    layout->addWidget(m_tree, 2, 0, 1, 3);
    layout->addWidget(m_summary, 3, 0, 1, 3);
    m_summary->setText(tr("Open or drop a folder with one subfolder per label."));
    m_summary->setWordWrap(true);
}

DatasetPanel::~DatasetPanel() {
    m_scan.waitForFinished();
}

QString DatasetPanel::inputFolder() const {
    return m_input->text();
}
QString DatasetPanel::outputFolder() const {
    return m_output->text();
}

void DatasetPanel::setInputFolder(const QString& folder) {
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    m_input->setText(clean);
    if (!m_outputChosenByUser) {
        m_output->setText(
            QFile::decodeName(defaultOutputFolder(QFile::encodeName(clean).toStdString()).c_str()));
        emit outputFolderChanged(outputFolder());
    }
    m_summary->setText(tr("Scanning %1…").arg(clean));
    // A scan still running for an older folder finishes unseen: showScan() checks the root.
    m_scan.setFuture(QtConcurrent::run(scanForModel, clean));
    emit inputFolderChanged(clean);
}

void DatasetPanel::setOutputFolder(const QString& folder) {
    m_outputChosenByUser = !folder.isEmpty();
    m_output->setText(folder);
    emit outputFolderChanged(folder);
}

void DatasetPanel::selectFile(const QString& relativePath) {
    for (int r = 0; r < m_model.rowCount(); ++r) {
        QStandardItem* label = m_model.item(r);
        for (int f = 0; f < label->rowCount(); ++f)
            if (label->child(f)->data(DatasetModel::kRelativePathRole).toString() == relativePath) {
                m_tree->expand(label->index());
                m_tree->setCurrentIndex(label->child(f)->index());
                return;
            }
    }
}

void DatasetPanel::selectFirstReadableFile() {
    for (int r = 0; r < m_model.rowCount(); ++r) {
        QStandardItem* label = m_model.item(r);
        for (int f = 0; f < label->rowCount(); ++f) {
            const QString relative =
                label->child(f)->data(DatasetModel::kRelativePathRole).toString();
            if (m_model.stateOf(relative) != DatasetModel::ClipState::Unreadable) {
                selectFile(relative);
                return;
            }
        }
    }
}

void DatasetPanel::chooseInput() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open dataset folder"), inputFolder());
    if (!folder.isEmpty())
        setInputFolder(folder);
}

void DatasetPanel::chooseOutput() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Choose output folder"), outputFolder());
    if (!folder.isEmpty())
        setOutputFolder(folder);
}

void DatasetPanel::showScan() {
    const ScannedDataset scanned = m_scan.result();
    if (scanned.root != inputFolder())
        return; // a newer folder replaced this one
    if (!scanned.error.isEmpty()) {
        m_model.load({});
        m_summary->setText(scanned.error);
        emit scanFailed(scanned.error);
        return;
    }
    m_model.load(scanned);
    if (m_model.rowCount() > 0)
        m_tree->expand(m_model.index(0, 0));
    updateSummary();
    emit scanFinished(m_model.labelCount(), m_model.fileCount());
}

void DatasetPanel::updateSummary() {
    const auto total = qint64(m_model.totalSeconds() + 0.5);
    QString text = tr("%1 labels, %2 files, %3:%4:%5 of audio")
                       .arg(m_model.labelCount())
                       .arg(m_model.fileCount())
                       .arg(total / 3600)
                       .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
                       .arg(total % 60, 2, 10, QLatin1Char('0'));
    if (const int unreadable = m_model.unreadableCount())
        text += tr("; %1 cannot be read (hover for why)").arg(unreadable);
    m_summary->setText(text);
}

} // namespace cepstra::ui
