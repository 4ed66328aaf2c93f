// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dataset/DemoDatasetDialog.h"

#include "core/dataset/DemoDataset.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cepstra::ui {

DemoDatasetDialog::DemoDatasetDialog(QWidget* parent)
    : QDialog(parent)
    , m_folder(new QLineEdit)
    , m_clips(new QSpinBox)
    , m_seconds(new QDoubleSpinBox)
    , m_progress(new QProgressBar)
    , m_message(new QLabel)
    , m_create(new QPushButton(tr("Create and open"))) {
    setWindowTitle(tr("Make a demo dataset"));
    const QString home = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    m_folder->setText(QDir(home).filePath("cepstra-demo/genres"));
    m_folder->setToolTip(tr("A new folder, or an empty one: nothing is ever overwritten"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setAutoDefault(false); // Enter in the folder field creates, it does not browse
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString parentFolder = QFileDialog::getExistingDirectory(
            this, tr("Where the demo dataset goes"), QFileInfo(m_folder->text()).path());
        if (!parentFolder.isEmpty())
            m_folder->setText(QDir(parentFolder).filePath("genres"));
    });
    m_clips->setRange(1, 1000);
    m_clips->setValue(10);
    m_clips->setSuffix(tr(" clips per label"));
    m_seconds->setRange(0.5, 600.0);
    m_seconds->setDecimals(1);
    m_seconds->setValue(30.0);
    m_seconds->setSuffix(tr(" s each"));
    m_progress->setVisible(false);
    m_message->setWordWrap(true);
    m_message->setText(tr("Four labels of synthetic music (tones, chords, drums, noise) as WAV "
                          "files, one folder per label, as cepstra-cli make-demo writes them."));

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Folder"), folderRow);
    form->addRow(tr("Size"), m_clips);
    form->addRow(tr("Length"), m_seconds);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    connect(m_create, &QPushButton::clicked, this, &DemoDatasetDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    m_create->setDefault(true); // now that it is in the dialog: Enter creates

    auto* ticker = new QTimer(this);
    ticker->setInterval(100);
    connect(ticker, &QTimer::timeout, this, [this] {
        m_progress->setRange(0, std::max(1, m_total.load()));
        m_progress->setValue(m_done.load());
    });
    connect(&m_writing, &QFutureWatcher<Result<int>>::started, ticker, qOverload<>(&QTimer::start));
    connect(&m_writing, &QFutureWatcher<Result<int>>::finished, ticker, &QTimer::stop);
    connect(&m_writing, &QFutureWatcher<Result<int>>::finished, this, &DemoDatasetDialog::written);
}

DemoDatasetDialog::~DemoDatasetDialog() {
    m_writing.waitForFinished();
}

QString DemoDatasetDialog::message() const {
    return m_message->text();
}

void DemoDatasetDialog::create() {
    if (m_writing.isRunning())
        return;
    const QString folder = QDir::cleanPath(m_folder->text().trimmed());
    if (folder.isEmpty()) {
        m_message->setText(tr("Give the folder the dataset goes into."));
        return;
    }
    m_target = folder;
    m_create->setEnabled(false);
    m_progress->setVisible(true);
    m_done = 0;
    m_total = m_clips->value() * int(allDemoStyles().size());
    const DemoOptions options{
        .clipsPerLabel = m_clips->value(), .seconds = m_seconds->value(), .sampleRateHz = 22050};
    m_message->setText(tr("Writing %1 clips into %2…").arg(m_total.load()).arg(folder));
    m_writing.setFuture(QtConcurrent::run([this, folder, options] {
        return writeDemoDataset(QFile::encodeName(folder).toStdString(), options,
                                [this](int done, int total) {
                                    m_done = done;
                                    m_total = total;
                                });
    }));
}

void DemoDatasetDialog::written() {
    m_progress->setVisible(false);
    m_create->setEnabled(true);
    const Result<int> result = m_writing.result();
    if (!result) {
        m_message->setText(tr("Cannot make the demo dataset: %1")
                               .arg(QString::fromStdString(result.error().message)));
        return;
    }
    emit created(m_target);
    accept();
}

} // namespace cepstra::ui
