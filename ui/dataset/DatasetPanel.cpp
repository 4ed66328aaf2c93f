// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dataset/DatasetPanel.h"

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
namespace {

QString defaultOutputOf(const QString& input) {
    return QFile::decodeName(defaultOutputFolder(QFile::encodeName(input).toStdString()).c_str());
}

} // namespace

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent)
    , m_input(new QLineEdit)
    , m_output(new QLineEdit)
    , m_tree(new QTreeView)
    , m_summary(new QLabel) {
    m_input->setPlaceholderText(tr("Type, paste or drop a dataset folder, then Enter"));
    m_output->setPlaceholderText(tr("<input>-features"));
    m_input->setToolTip(tr("The dataset: one subfolder per label, holding audio files. Type or "
                           "paste its path and press Enter, or drop the folder here"));
    m_input->setClearButtonEnabled(true);
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        const QString typed = m_input->text().trimmed();
        if (!typed.isEmpty())
            emit pathEntered(QDir::fromNativeSeparators(QDir::cleanPath(typed)));
    });
    auto* browseInput = new QPushButton(tr("Open…"));
    auto* browseOutput = new QPushButton(tr("Choose…"));
    connect(browseInput, &QPushButton::clicked, this, &DatasetPanel::chooseInput);
    connect(browseOutput, &QPushButton::clicked, this, &DatasetPanel::chooseOutput);
    connect(m_output, &QLineEdit::textEdited, this, &DatasetPanel::rememberOutput);
    connect(m_output, &QLineEdit::textChanged, this, [this](const QString& output) {
        m_output->setToolTip(
            tr("%1\n\nWhere features go: <output>/<label>/<clip>_<feature>.npy").arg(output));
    });
    connect(m_output, &QLineEdit::editingFinished, this,
            [this] { emit outputFolderChanged(outputFolder()); });

    m_tree->setModel(&m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    // Every column as wide as what it holds: a name is never cut to "orchestral.0000…", and a
    // narrow panel scrolls sideways to the columns after the name and state.
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    // The panel is wide enough for a 20-character name and its state side by side.
    const int nameWidth =
        fontMetrics().horizontalAdvance("orchestral.00000.wav") + m_tree->indentation() * 2 + 12;
    m_tree->setMinimumWidth(nameWidth + fontMetrics().horizontalAdvance("10/10 done") + 40);
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
    return m_inputFolder;
}
QString DatasetPanel::outputFolder() const {
    return m_output->text();
}

void DatasetPanel::setInputFolder(const QString& folder) {
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    m_inputFolder = clean;
    m_input->setText(clean);
    // Another dataset never inherits the last one's output: its own, or the one chosen for it.
    m_output->setText(m_chosenOutputs.value(clean, defaultOutputOf(clean)));
    // A narrow field shows the end of a long path; the whole of it is a hover away.
    m_input->setToolTip(
        tr("%1\n\nThe dataset: one subfolder per label, holding audio files").arg(clean));
    emit outputFolderChanged(outputFolder());
    m_summary->setText(tr("Scanning %1…").arg(clean));
    // A scan still running for an older folder finishes unseen: showScan() checks the root.
    m_scan.setFuture(QtConcurrent::run(scanForModel, clean));
    emit inputFolderChanged(clean);
}

void DatasetPanel::setOutputFolder(const QString& folder) {
    m_output->setText(folder);
    rememberOutput(folder);
    emit outputFolderChanged(folder);
}

void DatasetPanel::rememberOutput(const QString& output) {
    if (m_inputFolder.isEmpty())
        return;
    const QString chosen = QDir::cleanPath(output.trimmed());
    if (output.trimmed().isEmpty() || chosen == defaultOutputOf(m_inputFolder))
        m_chosenOutputs.remove(m_inputFolder);
    else
        m_chosenOutputs.insert(m_inputFolder, output);
}

QVariantMap DatasetPanel::chosenOutputs() const {
    QVariantMap outputs;
    for (auto chosen = m_chosenOutputs.begin(); chosen != m_chosenOutputs.end(); ++chosen)
        outputs.insert(chosen.key(), chosen.value());
    return outputs;
}

void DatasetPanel::setChosenOutputs(const QVariantMap& outputs) {
    m_chosenOutputs.clear();
    for (auto chosen = outputs.begin(); chosen != outputs.end(); ++chosen)
        if (!chosen.value().toString().isEmpty())
            m_chosenOutputs.insert(chosen.key(), chosen.value().toString());
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
    // A manifest's folds and groups matter next to the names; for folders they are empty.
    QHeaderView* header = m_tree->header();
    const int place = m_model.labelledByManifest() ? DatasetModel::DurationColumn
                                                   : DatasetModel::ChannelsColumn + 1;
    header->moveSection(header->visualIndex(DatasetModel::FoldColumn), place);
    header->moveSection(header->visualIndex(DatasetModel::GroupColumn), place + 1);
    header->setSectionHidden(DatasetModel::FoldColumn, !m_model.labelledByManifest());
    header->setSectionHidden(DatasetModel::GroupColumn, !m_model.labelledByManifest());
    if (m_model.rowCount() > 0)
        m_tree->expand(m_model.index(0, 0));
    if (m_input->hasFocus())
        m_tree->setFocus(); // opened from the field: on to its clips (arrows, Space to play)
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
    // The file that gave the labels; how it was read is one hover away.
    const QString labelsFrom = m_model.labelsFrom();
    m_summary->setText(text + QStringLiteral(". ") +
                       labelsFrom.section(QStringLiteral(" ("), 0, 0) + QStringLiteral("."));
    m_summary->setToolTip(labelsFrom);
}

} // namespace cepstra::ui
