// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportDialog.h"

#include "core/dataset/Catalog.h"
#include "core/features/FeatureConfig.h"
#include "core/util/Settings.h"
#include "ui/export/ExportLeaveOut.h"
#include "ui/export/ExportMemory.h"
#include "ui/export/ExportText.h"
#include "ui/export/ManifestSplitChoices.h"
#include "ui/widgets/ErrorLabel.h"
#include "ui/widgets/FolderOpener.h"
#include "ui/widgets/PathText.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace cepstra::ui {
namespace {

constexpr int kReplanDelayMs = 150;

/// The run's config, from the catalog the export will read, or why there is none, in the
/// app's words.
Result<FeatureConfig> runConfigOf(const QString& featuresFolder) {
    const std::string folder = QFile::encodeName(featuresFolder).toStdString();
    if (!QFileInfo::exists(QDir(featuresFolder).filePath(Catalog::kFileName)))
        return Error{ErrorKind::InvalidUsage, "no run has written features into " + folder +
                                                  " yet: press Run (Ctrl+R), then export"};
    auto catalog = Catalog::openReadOnly(folder);
    if (!catalog)
        return catalog.error();
    auto run = (*catalog)->latestRun();
    if (!run)
        return run.error();
    if (!*run)
        return Error{ErrorKind::InvalidUsage, "the output folder records no run yet: press Run"};
    FeatureConfig config;
    if (auto status = applyConfigText(config, (*run)->configJson); !status)
        return status.error();
    return config;
}

/// A combo box of an export option's choices, from its declaration: each item's data is the
/// value options() reads, so nothing is decided by display text; its tooltip is the doc.
QComboBox* comboFor(std::string_view key) {
    const auto* setting = findSetting(exportOptionTable(), key);
    auto* combo = new QComboBox;
    for (std::string_view choice : setting->choices)
        combo->addItem(toQString(choice), toQString(choice));
    combo->setToolTip(toQString(setting->doc));
    combo->setObjectName(toQString(key));
    return combo;
}

} // namespace

ExportDialog::ExportDialog(const QString& featuresFolder,
                           std::shared_ptr<const HealthReport> reviewed,
                           std::vector<std::string> excludedByUser, QWidget* parent)
    : QDialog(parent)
    , m_featuresFolder(featuresFolder)
    , m_destination(new QLineEdit)
    , m_scaler(comboFor("scaler"))
    , m_fixedLength(new QCheckBox(tr("Fixed length")))
    , m_frames(new QSpinBox)
    , m_framesError(makeErrorLabel())
    , m_fit(comboFor("fit"))
    , m_align(comboFor("align"))
    , m_segmentHop(new QSpinBox)
    , m_padValue(new QLineEdit)
    , m_split(new QLineEdit)
    , m_splitError(makeErrorLabel())
    , m_splitLists(new QLineEdit)
    , m_seed(new QSpinBox)
    , m_datasetSplit(new ManifestSplitChoices(reviewed))
    , m_dtype(comboFor("dtype"))
    , m_compression(comboFor("compression"))
    , m_leaveOut(new ExportLeaveOut(std::move(reviewed), std::move(excludedByUser)))
    , m_planText(new QLabel)
    , m_progress(new QProgressBar)
    , m_export(new QPushButton(tr("Export")))
    , m_cancel(new QPushButton(tr("Cancel export")))
    , m_showFolder(new QPushButton(tr("Show in folder")))
    , m_copyCode(new QPushButton(tr("Copy loading code")))
    , m_opener(new FolderOpener(this))
    , m_plan(Error{ErrorKind::InvalidUsage, "not planned yet"}) {
    setWindowTitle(tr("Export features"));
    connect(&m_writing, &JobController::progress, this, [this](const JobProgress& progress) {
        if (progress.total <= 0)
            return;
        m_progress->setRange(0, int(progress.total));
        m_progress->setValue(int(progress.done));
        m_progress->setFormat(progressText(progress));
    });
    connect(&m_writing, &JobController::finished, this, &ExportDialog::writingDone);
    connect(m_opener, &FolderOpener::failed, this, [this](const QUrl& url) {
        m_planText->setText(m_planText->text() +
                            tr("<p>No file manager could open the folder. The file is in "
                               "<b>%1</b>.</p>")
                                .arg(url.toLocalFile().toHtmlEscaped()));
    });

    // The form and the plan scroll together when the screen is short.
    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->addWidget(buildForm());
    column->addWidget(m_leaveOut);
    m_planText->setWordWrap(true);
    m_planText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_planText, 1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    auto* buttons = new QHBoxLayout;
    auto* close = new QPushButton(tr("Close"));
    m_cancel->setVisible(false);
    m_showFolder->setEnabled(false);
    m_copyCode->setEnabled(false);
    m_copyCode->setToolTip(tr("Python (h5py or numpy) that loads this file, to paste"));
    buttons->addWidget(m_showFolder);
    buttons->addWidget(m_copyCode);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_export);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    m_export->setDefault(true);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, &m_writing, &JobController::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_showFolder, &QPushButton::clicked, this, [this] {
        if (m_written)
            m_opener->open(QUrl::fromLocalFile(
                QFileInfo(QFile::decodeName(m_written->options.destination.c_str()))
                    .absolutePath()));
    });
    connect(m_copyCode, &QPushButton::clicked, this, &ExportDialog::copyLoadingCode);
    resize(680, 640);
    replan();
}

ExportDialog::~ExportDialog() = default; // m_writing stops and waits for a running export

QWidget* ExportDialog::buildForm() {
    auto* form = new QWidget;
    auto* layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setRowWrapPolicy(QFormLayout::WrapLongRows);

    m_destination->setText(QDir::cleanPath(m_featuresFolder) + ".h5");
    m_destination->setToolTip(tr(".h5 or .hdf5 writes HDF5; .npz writes NumPy's zip of arrays"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setAutoDefault(false);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export to"), m_destination->text(), tr("HDF5 (*.h5 *.hdf5);;NumPy (*.npz)"),
            nullptr, QFileDialog::DontConfirmOverwrite); // Export asks, with the file's details
        if (!path.isEmpty())
            m_destination->setText(path);
    });
    auto* destinationRow = new QHBoxLayout;
    destinationRow->addWidget(m_destination, 1);
    destinationRow->addWidget(browse);
    layout->addRow(tr("File"), destinationRow);

    const auto config = runConfigOf(m_featuresFolder);
    m_hasRun = config.ok();
    auto* featureRow = new QHBoxLayout;
    for (Feature feature : config ? config->features : std::vector<Feature>{}) {
        auto* box = new QCheckBox(toQString(toString(feature)));
        box->setChecked(true);
        m_featureBoxes[feature] = box;
        featureRow->addWidget(box);
    }
    featureRow->addStretch(1);
    layout->addRow(tr("Features"), featureRow);
    // Only the scalers the run wrote copies for can be exported.
    const std::vector<Scaler> written = config ? config->scalers : std::vector<Scaler>{};
    for (int index = m_scaler->count() - 1; index > 0; --index)
        if (std::none_of(written.begin(), written.end(), [&](Scaler scaler) {
                return toQString(toString(scaler)) == m_scaler->itemData(index).toString();
            }))
            m_scaler->removeItem(index);
    layout->addRow(tr("Scaler"), m_scaler);
    addLengthRows(*layout);
    addSplitRows(*layout);
    auto* storageRow = new QHBoxLayout;
    storageRow->addWidget(m_dtype);
    storageRow->addWidget(new QLabel(tr("compression")));
    storageRow->addWidget(m_compression);
    storageRow->addStretch(1);
    layout->addRow(tr("Type"), storageRow);

    auto* replanTimer = new QTimer(this);
    replanTimer->setSingleShot(true);
    replanTimer->setInterval(kReplanDelayMs);
    connect(replanTimer, &QTimer::timeout, this, &ExportDialog::replan);
    connectEdits(*replanTimer);
    m_export->setEnabled(m_hasRun);
    if (!config)
        m_planText->setText(tr("<b>Nothing to export yet.</b> %1")
                                .arg(formWording(config.error().message).toHtmlEscaped()));
    applyFormState(rememberedExport(m_featuresFolder)); // this output folder's last options
    return form;
}

void ExportDialog::addLengthRows(QFormLayout& layout) {
    // 0 is allowed in the field so that it can be refused beside it, not silently reverted.
    m_frames->setRange(0, 10'000'000);
    m_frames->setValue(128);
    m_frames->setSuffix(tr(" frames"));
    m_frames->setAccessibleName(tr("Example length in frames"));
    m_segmentHop->setRange(0, 10'000'000);
    m_segmentHop->setSpecialValueText(tr("= length"));
    m_segmentHop->setSuffix(tr(" frames"));
    m_segmentHop->setAccessibleName(tr("Segment hop in frames"));
    auto* lengthRow = new QHBoxLayout;
    lengthRow->addWidget(m_fixedLength);
    lengthRow->addWidget(m_frames);
    lengthRow->addStretch(1);
    m_fixedLength->setToolTip(tr("Without it, whole clips one after another (the ragged form)"));
    layout.addRow(tr("Examples"), lengthRow);
    layout.addRow(QString(), m_framesError);
    auto* fitRow = new QHBoxLayout;
    fitRow->addWidget(m_fit);
    fitRow->addWidget(new QLabel(tr("align")));
    fitRow->addWidget(m_align);
    fitRow->addWidget(new QLabel(tr("hop")));
    fitRow->addWidget(m_segmentHop);
    fitRow->addStretch(1);
    layout.addRow(tr("Fit"), fitRow);
    m_padValue->setPlaceholderText(tr("default: 0, or each clip's floor for raw logmel and mfcc"));
    layout.addRow(tr("Pad value"), m_padValue);
    // Only what applies is enabled: align for pad and crop, the hop for segments.
    const auto enableLength = [this] {
        const bool fixed = m_fixedLength->isChecked();
        ExportOptions chosen;
        const bool segment =
            applySettingText(chosen, exportOptionTable(), "fit",
                             m_fit->currentData().toString().toStdString(), "fit") &&
            chosen.fit == FrameFit::Segment;
        m_frames->setEnabled(fixed);
        m_fit->setEnabled(fixed);
        m_align->setEnabled(fixed && !segment);
        m_segmentHop->setEnabled(fixed && segment);
    };
    connect(m_fixedLength, &QCheckBox::toggled, this, enableLength);
    connect(m_fit, &QComboBox::currentIndexChanged, this, enableLength);
    enableLength();
}

void ExportDialog::addSplitRows(QFormLayout& layout) {
    m_split->setPlaceholderText(tr("e.g. train=0.8,valid=0.1,test=0.1 (empty: one group, all)"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setAccessibleName(tr("Split seed"));
    auto* splitRow = new QHBoxLayout;
    splitRow->addWidget(m_split, 1);
    splitRow->addWidget(new QLabel(tr("seed")));
    splitRow->addWidget(m_seed);
    layout.addRow(tr("Split"), splitRow);
    layout.addRow(QString(), m_splitError);
    m_splitLists->setPlaceholderText(tr("or a folder of train.txt, valid.txt, test.txt"));
    layout.addRow(tr("Split lists"), m_splitLists);
    layout.addRow(m_datasetSplit); // hidden unless the dataset has folds, a split or copies
    connect(m_datasetSplit, &ManifestSplitChoices::officialSplitRequested, this,
            [this] { m_split->setText(QStringLiteral("manifest")); });
}

void ExportDialog::connectEdits(QTimer& replanTimer) {
    const auto onEdit = [timer = &replanTimer] { timer->start(); };
    for (const auto& [feature, box] : m_featureBoxes)
        connect(box, &QCheckBox::toggled, this, onEdit);
    for (QLineEdit* edit : {m_destination, m_padValue, m_split, m_splitLists})
        connect(edit, &QLineEdit::textChanged, this, onEdit);
    for (QSpinBox* spin : {m_frames, m_segmentHop, m_seed})
        connect(spin, &QSpinBox::valueChanged, this, onEdit);
    for (QComboBox* combo : {m_scaler, m_fit, m_align, m_dtype, m_compression})
        connect(combo, &QComboBox::currentIndexChanged, this, onEdit);
    connect(m_fixedLength, &QCheckBox::toggled, this, onEdit);
    connect(m_leaveOut, &ExportLeaveOut::changed, this, onEdit);
    connect(m_datasetSplit, &ManifestSplitChoices::changed, this, onEdit);
}

void ExportDialog::replan() {
    if (!m_hasRun)
        return; // no run to export: buildForm said why
    // Values a field cannot take are refused beside it.
    showError(*m_framesError, m_fixedLength->isChecked() && m_frames->value() < 1
                                  ? tr("The length must be at least 1 frame.")
                                  : QString());
    // The split field's text, read by its option's own declaration ("manifest" too).
    const QString split = m_split->text().trimmed();
    const auto parsed = split.isEmpty()
                            ? Result<nlohmann::json>(nlohmann::json())
                            : findSetting(exportOptionTable(), "split")
                                  ->parseText(nlohmann::json(split.toStdString()), "split");
    showError(*m_splitError, parsed ? QString() : formWording(parsed.error().message));
    if (!m_framesError->text().isEmpty() || !m_splitError->text().isEmpty()) {
        m_plan = Error{ErrorKind::InvalidUsage, "a field holds a value it cannot take"};
        m_export->setEnabled(false);
        m_planText->setText(tr("<b>Cannot export:</b> fix the field marked in red."));
        return;
    }
    auto chosen = options();
    m_plan = chosen ? planExport(QFile::encodeName(m_featuresFolder).toStdString(), *chosen)
                    : Result<ExportPlan>(chosen.error());
    showPlan();
}

void ExportDialog::showPlan() {
    m_export->setEnabled(m_plan.ok() && !isExporting());
    if (!m_plan) {
        m_planText->setText(tr("<b>Cannot export:</b> %1")
                                .arg(formWording(m_plan.error().message).toHtmlEscaped()));
        return;
    }
    m_datasetSplit->showDataset(m_plan->manifestFolds, m_plan->hasManifestSplit);
    m_planText->setText(planHtml(*m_plan, QFileInfo(m_destination->text()).fileName()));
}

bool ExportDialog::startExport() {
    if (isExporting())
        return false;
    replan(); // what the form holds now, typed or not
    if (!m_plan)
        return false;
    const QFileInfo existing(QFile::decodeName(m_plan->options.destination.c_str()));
    if (!existing.exists()) {
        write();
        return true;
    }
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Replace %1?").arg(existing.fileName()),
        tr("%1 exists (%2, written %3). Exporting replaces it with what this form says.")
            .arg(existing.absoluteFilePath(), QLocale().formattedDataSize(existing.size()),
                 QLocale().toString(existing.lastModified(), QLocale::ShortFormat)),
        QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* replace = box->addButton(tr("Replace"), QMessageBox::DestructiveRole);
    replace->setObjectName("replace");
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, replace] {
        if (box->clickedButton() == replace && !isExporting())
            write();
    });
    box->open();
    return false;
}

void ExportDialog::write() {
    m_export->setEnabled(false);
    m_cancel->setVisible(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_written.reset();
    rememberExport(m_featuresFolder, formState());
    const ExportPlan plan = *m_plan;
    m_writeOutcome.reset();
    m_writing.start([this, plan](JobObserver& observer, const CancelToken& cancel) {
        m_writeOutcome = writeExport(plan, observer, cancel);
    });
    m_written = plan;
}

void ExportDialog::writingDone() {
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    const Result<ExportSummary> summary =
        m_writeOutcome.value_or(Error{ErrorKind::OutputFailed, "the export ended unexpectedly"});
    showPlan();
    if (!summary) {
        m_written.reset();
        const QString message = summary.error().kind == ErrorKind::Cancelled
                                    ? tr("Export cancelled; nothing was written.")
                                    : formWording(summary.error().message);
        m_planText->setText(m_planText->text() + "<p><b>" + message.toHtmlEscaped() + "</b></p>");
        emit exportFailed(message);
        return;
    }
    const QString destination = QFile::decodeName(summary->destination.c_str());
    m_planText->setText(
        m_planText->text() +
        tr("<p><b>Written</b> to %1 (%2) in %3 s.</p>")
            .arg(destination.toHtmlEscaped(), QLocale().formattedDataSize(qint64(summary->bytes)))
            .arg(summary->wallSeconds, 0, 'f', 1));
    m_showFolder->setEnabled(true);
    m_copyCode->setEnabled(true);
    emit exported(destination);
}

QString ExportDialog::loadingCode() const {
    return m_written ? ui::loadingCode(*m_written) : QString();
}

void ExportDialog::copyLoadingCode() {
    QApplication::clipboard()->setText(loadingCode());
}

void ExportDialog::done(int result) {
    if (m_hasRun)
        rememberExport(m_featuresFolder, formState());
    QDialog::done(result);
}

} // namespace cepstra::ui
