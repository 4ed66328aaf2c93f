// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ExportDialog.h"

#include "core/dataset/Catalog.h"
#include "core/features/FeatureConfig.h"
#include "ui/PathText.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <map>

namespace cepstra::ui {
namespace {

constexpr int kReplanDelayMs = 150;

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

/// The run's config, from the catalog the export will read, or why there is none.
Result<FeatureConfig> runConfigOf(const QString& featuresFolder) {
    auto catalog = Catalog::openReadOnly(QFile::encodeName(featuresFolder).toStdString());
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

QString shapeText(const std::vector<long long>& shape) {
    QStringList parts;
    for (long long size : shape)
        parts << QString::number(size);
    return "(" + parts.join(", ") + ")";
}

QComboBox* comboOf(const QStringList& items) {
    auto* combo = new QComboBox;
    combo->addItems(items);
    return combo;
}

} // namespace

ExportDialog::ExportDialog(const QString& featuresFolder, std::vector<std::string> flaggedClips,
                           QWidget* parent)
    : QDialog(parent)
    , m_featuresFolder(featuresFolder)
    , m_flagged(std::move(flaggedClips))
    , m_destination(new QLineEdit)
    , m_scaler(comboOf({"none"}))
    , m_fixedLength(new QCheckBox(tr("Fixed length")))
    , m_frames(new QSpinBox)
    , m_fit(comboOf({"pad", "crop", "segment"}))
    , m_align(comboOf({"start", "center"}))
    , m_segmentHop(new QSpinBox)
    , m_padValue(new QLineEdit)
    , m_split(new QLineEdit)
    , m_splitLists(new QLineEdit)
    , m_seed(new QSpinBox)
    , m_dtype(comboOf({"float32", "float16"}))
    , m_compression(comboOf({"none", "gzip"}))
    , m_excludeFlagged(new QCheckBox)
    , m_planText(new QLabel)
    , m_progress(new QProgressBar)
    , m_export(new QPushButton(tr("Export")))
    , m_cancel(new QPushButton(tr("Cancel export")))
    , m_showFolder(new QPushButton(tr("Show in folder")))
    , m_copyCode(new QPushButton(tr("Copy loading code")))
    , m_plan(Error{ErrorKind::InvalidUsage, "not planned yet"}) {
    setWindowTitle(tr("Export features"));
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, [this] {
        m_progress->setRange(0, int(std::max(1LL, m_total.load())));
        m_progress->setValue(int(m_done.load()));
    });
    connect(&m_writing, &QFutureWatcher<Result<ExportSummary>>::finished, this,
            &ExportDialog::writingDone);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildForm());
    m_planText->setWordWrap(true);
    m_planText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_planText->setMinimumWidth(520);
    layout->addWidget(m_planText, 1);
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
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_cancelToken.requestStop(); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_showFolder, &QPushButton::clicked, this, &ExportDialog::showInFolder);
    connect(m_copyCode, &QPushButton::clicked, this, &ExportDialog::copyLoadingCode);
    replan();
}

ExportDialog::~ExportDialog() {
    m_cancelToken.requestStop();
    m_writing.waitForFinished();
}

QWidget* ExportDialog::buildForm() {
    auto* form = new QWidget;
    auto* layout = new QFormLayout(form);
    auto* replanTimer = new QTimer(this);
    replanTimer->setSingleShot(true);
    replanTimer->setInterval(kReplanDelayMs);
    connect(replanTimer, &QTimer::timeout, this, &ExportDialog::replan);
    const auto onEdit = [replanTimer] { replanTimer->start(); };

    m_destination->setText(QDir::cleanPath(m_featuresFolder) + ".h5");
    m_destination->setToolTip(tr(".h5 or .hdf5 writes HDF5; .npz writes NumPy's zip of arrays"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export to"), m_destination->text(), tr("HDF5 (*.h5 *.hdf5);;NumPy (*.npz)"));
        if (!path.isEmpty())
            m_destination->setText(path);
    });
    auto* destinationRow = new QHBoxLayout;
    destinationRow->addWidget(m_destination, 1);
    destinationRow->addWidget(browse);
    layout->addRow(tr("File"), destinationRow);

    const auto config = runConfigOf(m_featuresFolder);
    auto* featureRow = new QHBoxLayout;
    for (Feature feature : config ? config->features : std::vector<Feature>{}) {
        auto* box = new QCheckBox(text(toString(feature)));
        box->setChecked(true);
        m_featureBoxes[feature] = box;
        featureRow->addWidget(box);
        connect(box, &QCheckBox::toggled, this, onEdit);
    }
    featureRow->addStretch(1);
    layout->addRow(tr("Features"), featureRow);
    for (Scaler scaler : config ? config->scalers : std::vector<Scaler>{})
        m_scaler->addItem(text(toString(scaler)));
    m_scaler->setToolTip(tr("none: the raw arrays; standard or minmax: the run's scaled copies"));
    layout->addRow(tr("Scaler"), m_scaler);

    m_frames->setRange(1, 10'000'000);
    m_frames->setValue(128);
    m_frames->setSuffix(tr(" frames"));
    m_segmentHop->setRange(0, 10'000'000);
    m_segmentHop->setSpecialValueText(tr("= length"));
    m_segmentHop->setSuffix(tr(" frames"));
    auto* lengthRow = new QHBoxLayout;
    lengthRow->addWidget(m_fixedLength);
    lengthRow->addWidget(m_frames);
    lengthRow->addWidget(new QLabel(tr("fit")));
    lengthRow->addWidget(m_fit);
    lengthRow->addWidget(new QLabel(tr("align")));
    lengthRow->addWidget(m_align);
    lengthRow->addWidget(new QLabel(tr("hop")));
    lengthRow->addWidget(m_segmentHop);
    lengthRow->addStretch(1);
    m_fixedLength->setToolTip(tr("Without it, whole clips one after another (the ragged form)"));
    layout->addRow(tr("Examples"), lengthRow);
    m_padValue->setPlaceholderText(tr("default: 0, or each clip's floor for raw logmel and mfcc"));
    layout->addRow(tr("Pad value"), m_padValue);

    m_split->setPlaceholderText(tr("e.g. train=0.8,valid=0.1,test=0.1 (empty: one group, all)"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    auto* splitRow = new QHBoxLayout;
    splitRow->addWidget(m_split, 1);
    splitRow->addWidget(new QLabel(tr("seed")));
    splitRow->addWidget(m_seed);
    layout->addRow(tr("Split"), splitRow);
    m_splitLists->setPlaceholderText(tr("or a folder of train.txt, valid.txt, test.txt"));
    layout->addRow(tr("Split lists"), m_splitLists);
    auto* storageRow = new QHBoxLayout;
    storageRow->addWidget(m_dtype);
    storageRow->addWidget(new QLabel(tr("compression")));
    storageRow->addWidget(m_compression);
    storageRow->addStretch(1);
    layout->addRow(tr("Type"), storageRow);
    if (m_flagged.empty()) {
        m_excludeFlagged->setText(tr("Leave out flagged clips (check the dataset's health first)"));
        m_excludeFlagged->setEnabled(false);
    } else {
        m_excludeFlagged->setText(
            m_flagged.size() == 1
                ? tr("Leave out the clip the health check flagged")
                : tr("Leave out the %1 clips the health check flagged").arg(m_flagged.size()));
        m_excludeFlagged->setChecked(true);
    }
    layout->addRow(QString(), m_excludeFlagged);

    for (QLineEdit* edit : {m_destination, m_padValue, m_split, m_splitLists})
        connect(edit, &QLineEdit::textChanged, this, onEdit);
    for (QSpinBox* spin : {m_frames, m_segmentHop, m_seed})
        connect(spin, &QSpinBox::valueChanged, this, onEdit);
    for (QComboBox* combo : {m_scaler, m_fit, m_align, m_dtype, m_compression})
        connect(combo, &QComboBox::currentIndexChanged, this, onEdit);
    for (QCheckBox* box : {m_fixedLength, m_excludeFlagged})
        connect(box, &QCheckBox::toggled, this, onEdit);
    // Only what applies is enabled: align for pad and crop, the hop for segments.
    const auto enableLength = [this] {
        const bool fixed = m_fixedLength->isChecked();
        const bool segment = m_fit->currentText() == "segment";
        m_frames->setEnabled(fixed);
        m_fit->setEnabled(fixed);
        m_align->setEnabled(fixed && !segment);
        m_segmentHop->setEnabled(fixed && segment);
    };
    connect(m_fixedLength, &QCheckBox::toggled, this, enableLength);
    connect(m_fit, &QComboBox::currentIndexChanged, this, enableLength);
    enableLength();
    if (!config)
        m_planText->setText(
            tr("Nothing to export from %1: %2")
                .arg(m_featuresFolder, QString::fromStdString(config.error().message)));
    return form;
}

Result<ExportOptions> ExportDialog::options() const {
    ExportOptions options;
    options.destination = QFile::encodeName(m_destination->text().trimmed()).toStdString();
    for (const auto& [feature, box] : m_featureBoxes)
        if (box->isChecked())
            options.features.push_back(feature);
    if (options.features.empty())
        return Error{ErrorKind::InvalidUsage, "choose at least one feature"};
    // Each field's text goes through its option's declaration, as the CLI's does.
    const auto set = [&](std::string_view key, const QString& text) {
        return applySettingText(options, exportOptionTable(), key, text.toStdString(),
                                commandLineName(key));
    };
    if (auto status = set("scaler", m_scaler->currentText()); !status)
        return status.error();
    if (m_fixedLength->isChecked()) {
        options.frames = m_frames->value();
        if (auto status = set("fit", m_fit->currentText()); !status)
            return status.error();
        if (options.fit != FrameFit::Segment) {
            if (auto status = set("align", m_align->currentText()); !status)
                return status.error();
        } else if (m_segmentHop->value() > 0) {
            options.segmentHop = m_segmentHop->value();
        }
    }
    if (const QString pad = m_padValue->text().trimmed(); !pad.isEmpty()) {
        bool ok = false;
        const float value = QLocale::c().toFloat(pad, &ok);
        if (!ok || !std::isfinite(value))
            return Error{ErrorKind::InvalidUsage,
                         "the pad value \"" + pad.toStdString() +
                             "\" is not a number; clear it for the default"};
        options.padValue = value;
    }
    if (const QString split = m_split->text().trimmed(); !split.isEmpty()) {
        if (auto status = set("split", split); !status)
            return status.error();
    }
    options.splitLists = QFile::encodeName(m_splitLists->text().trimmed()).toStdString();
    options.seed = std::uint64_t(m_seed->value());
    for (const auto& [key, box] :
         {std::pair{"dtype", m_dtype}, std::pair{"compression", m_compression}})
        if (auto status = set(key, box->currentText()); !status)
            return status.error();
    if (m_excludeFlagged->isChecked())
        options.excludedClips = m_flagged;
    return options;
}

void ExportDialog::replan() {
    if (m_featureBoxes.empty())
        return; // no run to export: buildForm said why
    auto chosen = options();
    m_plan = chosen ? planExport(QFile::encodeName(m_featuresFolder).toStdString(), *chosen)
                    : Result<ExportPlan>(chosen.error());
    showPlan();
}

void ExportDialog::showPlan() {
    m_export->setEnabled(m_plan.ok() && !isExporting());
    if (!m_plan) {
        m_planText->setText(
            tr("<b>Cannot export:</b> %1")
                .arg(QString::fromStdString(m_plan.error().message).toHtmlEscaped()));
        return;
    }
    const ExportPlan& plan = *m_plan;
    QString html = tr("<b>%1</b>, %2 %3%4, about %5:")
                       .arg(QFileInfo(m_destination->text()).fileName().toHtmlEscaped(),
                            text(toString(plan.format)), text(toString(plan.options.dtype)),
                            plan.ragged() ? tr(", whole clips (ragged)") : QString(),
                            QLocale().formattedDataSize(qint64(plan.estimatedBytes)));
    html += "<ul>";
    for (const ExportSplit& split : plan.splits) {
        QStringList shapes;
        for (std::size_t f = 0; f < plan.features.size(); ++f)
            shapes << QString::fromStdString(plan.features[f].name) + " " +
                          shapeText(plan.shapeOf(split, f));
        html += tr("<li><b>%1</b>: %2 clips, %3 examples; %4</li>")
                    .arg(QString::fromStdString(split.name))
                    .arg(split.clips.size())
                    .arg(split.examples)
                    .arg(shapes.join(", "));
    }
    html += "</ul>";
    std::map<std::string, int> reasons;
    for (const ExcludedClip& clip : plan.excluded)
        ++reasons[std::string(toString(clip.reason))];
    if (!reasons.empty()) {
        QStringList parts;
        for (const auto& [reason, count] : reasons)
            parts << tr("%1 %2").arg(count).arg(QString::fromStdString(reason).toHtmlEscaped());
        html += tr("Left out: %1.").arg(parts.join("; "));
    }
    m_planText->setText(html);
}

bool ExportDialog::startExport() {
    if (isExporting())
        return false;
    replan(); // what the form holds now, typed or not
    if (!m_plan)
        return false;
    m_cancelToken.reset();
    m_done = 0;
    m_total = 0;
    m_export->setEnabled(false);
    m_cancel->setVisible(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_progressTimer.start();
    m_written.reset();
    const ExportPlan plan = *m_plan;
    m_writing.setFuture(QtConcurrent::run([this, plan] {
        return writeExport(
            plan,
            [this](const ExportProgressUpdate& update) {
                m_done = update.done;
                m_total = update.total;
            },
            m_cancelToken);
    }));
    m_written = plan;
    return true;
}

void ExportDialog::writingDone() {
    m_progressTimer.stop();
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    const Result<ExportSummary> summary = m_writing.result();
    showPlan();
    if (!summary) {
        m_written.reset();
        const QString message = summary.error().kind == ErrorKind::Cancelled
                                    ? tr("Export cancelled; nothing was written.")
                                    : QString::fromStdString(summary.error().message);
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
    if (!m_written || m_written->splits.empty() || m_written->features.empty())
        return {};
    const ExportPlan& plan = *m_written;
    const QString path = QFile::decodeName(plan.options.destination.c_str());
    const QString split = QString::fromStdString(plan.splits.front().name);
    const QString feature = QString::fromStdString(plan.features.front().name);
    QString code;
    if (plan.format == ExportFormat::Hdf5) {
        code = QStringLiteral("import h5py\n\nwith h5py.File(%1, \"r\") as f:\n"
                              "    names = [n.decode() for n in f[\"label_names\"][()]]\n"
                              "    x = f[\"%2/%3\"][()]\n    y = f[\"%2/label\"][()]\n")
                   .arg(QStringLiteral("r\"%1\"").arg(path), split, feature);
        if (plan.ragged())
            code += QStringLiteral("    offsets = f[\"%1/offsets\"][()]\n"
                                   "    clip0 = x[:, offsets[0]:offsets[1]]\n")
                        .arg(split);
    } else {
        code = QStringLiteral("import numpy as np\n\nz = np.load(%1)\nnames = z[\"label_names\"]\n"
                              "x, y = z[\"%2_%3\"], z[\"%2_label\"]\n")
                   .arg(QStringLiteral("r\"%1\"").arg(path), split, feature);
        if (plan.ragged())
            code +=
                QStringLiteral("offsets = z[\"%1_offsets\"]\nclip0 = x[:, offsets[0]:offsets[1]]\n")
                    .arg(split);
    }
    return code + QStringLiteral("print(x.shape, names[y[0]])\n");
}

void ExportDialog::copyLoadingCode() {
    QApplication::clipboard()->setText(loadingCode());
}

void ExportDialog::showInFolder() {
    if (!m_written)
        return;
    const QString folder =
        QFileInfo(QFile::decodeName(m_written->options.destination.c_str())).absolutePath();
    QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

} // namespace cepstra::ui
