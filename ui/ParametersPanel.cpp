// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ParametersPanel.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSaveFile>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace cepstra::ui {
namespace {

QSpinBox* intField(int minimum, int maximum, const QString& tip) {
    auto* box = new QSpinBox;
    box->setRange(minimum, maximum);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

QDoubleSpinBox* realField(double minimum, double maximum, int decimals, const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(minimum, maximum);
    box->setDecimals(decimals);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

QComboBox* choiceField(const QStringList& choices, const QString& tip) {
    auto* box = new QComboBox;
    box->addItems(choices);
    box->setToolTip(tip);
    return box;
}

QCheckBox* flagField(const QString& text, const QString& tip) {
    auto* box = new QCheckBox(text);
    box->setToolTip(tip);
    return box;
}

} // namespace

std::vector<Preset> builtInPresets() {
    std::vector<Preset> presets;
    const QDir directory(":/presets");
    for (const QString& name : directory.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        QFile file(directory.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const auto document = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
        FeatureConfig config;
        if (document.is_discarded() || !document.contains("config") ||
            !applyConfigJson(config, document["config"]).ok())
            continue;
        presets.push_back(
            {QString::fromStdString(document.value("name", name.toStdString())), config});
    }
    return presets;
}

ParametersPanel::ParametersPanel(QWidget* parent)
    : QWidget(parent) {
    m_presets = new QComboBox;
    m_presets->setToolTip(tr("Start from a common configuration; any change makes it Custom"));
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_presets->setMinimumContentsLength(12);
    m_presets->addItem(tr("Custom"));
    m_presetList = builtInPresets();
    for (const auto& preset : m_presetList)
        m_presets->addItem(preset.name);
    connect(m_presets, &QComboBox::activated, this, &ParametersPanel::applyPreset);

    m_problemLabel = new QLabel;
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet("color: #d04040;");

    auto* advancedToggle = new QToolButton;
    advancedToggle->setText(tr("Advanced"));
    advancedToggle->setCheckable(true);
    advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle->setArrowType(Qt::RightArrow);
    advancedToggle->setAutoRaise(true);
    QWidget* advanced = buildAdvancedFields();
    advanced->setVisible(false);
    connect(advancedToggle, &QToolButton::toggled, this, [advanced, advancedToggle](bool open) {
        advanced->setVisible(open);
        advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel(tr("Preset")));
    presetRow->addWidget(m_presets, 1);
    layout->addLayout(presetRow);
    layout->addWidget(buildBasicFields());
    layout->addWidget(advancedToggle);
    layout->addWidget(advanced);
    layout->addWidget(m_problemLabel);
    layout->addStretch(1);

    m_editors = {{"n_mels", m_nMels},
                 {"n_mfcc", m_nMfcc},
                 {"n_fft", m_nFft},
                 {"hop_length", m_hopLength},
                 {"sr", m_sampleRate},
                 {"win_length", m_winLength},
                 {"window", m_window},
                 {"center", m_center},
                 {"pad_mode", m_padMode},
                 {"power", m_power},
                 {"fmin", m_fmin},
                 {"fmax", m_fmax},
                 {"htk", m_htk},
                 {"norm", m_norm},
                 {"dct_type", m_dctType},
                 {"lifter", m_lifter},
                 {"trim", m_trim},
                 {"top_db", m_topDb},
                 {"scale_axis", m_scaleAxis},
                 {"naming", m_naming}};
    setConfig(FeatureConfig{});

    // Any edit re-validates and notifies; editing by hand leaves the preset.
    auto changed = [this] {
        if (!m_updating) {
            m_presets->setCurrentIndex(0);
            refresh();
        }
    };
    for (QSpinBox* box : findChildren<QSpinBox*>())
        connect(box, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>())
        connect(box, &QDoubleSpinBox::valueChanged, this, changed);
    for (QComboBox* box : findChildren<QComboBox*>())
        if (box != m_presets)
            connect(box, &QComboBox::currentIndexChanged, this, changed);
    for (QCheckBox* box : findChildren<QCheckBox*>())
        connect(box, &QCheckBox::toggled, this, changed);
}

QWidget* ParametersPanel::buildBasicFields() {
    // Ranges reach past what the core accepts, so a bad value is explained, not silently clamped.
    m_nMels = intField(0, 4096, tr("n_mels: number of mel bands (librosa.feature.melspectrogram)"));
    m_nMfcc = intField(0, 4096,
                       tr("n_mfcc: number of cepstral coefficients kept (librosa.feature.mfcc)"));
    m_nFft =
        intField(1, 65536, tr("n_fft: FFT size in samples; frequency resolution is sr / n_fft"));
    m_hopLength =
        intField(0, 65536, tr("hop_length: samples between frames; sets the time resolution"));
    auto* box = new QGroupBox(tr("Features"));
    auto* form = new QFormLayout(box);
    form->addRow("n_mels", m_nMels);
    form->addRow("n_mfcc", m_nMfcc);
    form->addRow("n_fft", m_nFft);
    form->addRow("hop_length", m_hopLength);
    return box;
}

QWidget* ParametersPanel::buildAdvancedFields() {
    m_sampleRate = intField(
        0, 768000, tr("sr: clips are resampled to this rate (Hz) with soxr HQ, as librosa.load"));
    m_winLength = intField(
        0, 65536, tr("win_length: window length in samples, at most n_fft; \"n_fft\" uses n_fft"));
    m_winLength->setSpecialValueText("n_fft");
    m_window = choiceField({"hann", "hamming", "blackman", "boxcar"},
                           tr("window: periodic analysis window, centred in n_fft"));
    m_center = flagField(tr("center"),
                         tr("center: pad n_fft/2 samples on each side so frames are centred"));
    m_padMode = choiceField({"constant", "reflect"},
                            tr("pad_mode: how centre padding is filled (zeros or mirror)"));
    m_power = realField(0.0, 8.0, 2, tr("power: exponent on |STFT|; 2 = power, 1 = magnitude"));
    m_fmin = realField(0.0, 384000.0, 1, tr("fmin: lowest mel filter edge (Hz)"));
    m_fmax = realField(0.0, 384000.0, 1,
                       tr("fmax: highest mel filter edge (Hz), at most sr/2; \"sr/2\" uses sr/2"));
    m_fmax->setSpecialValueText("sr/2");
    m_htk = flagField(tr("htk"), tr("htk: use the HTK mel formula instead of Slaney's"));
    m_norm = choiceField({"slaney", "none"},
                         tr("norm: mel filter normalisation; slaney gives each filter equal area"));
    m_dctType = choiceField({"1", "2", "3"}, tr("dct_type: orthonormal DCT type used for MFCCs"));
    m_lifter =
        realField(0.0, 10000.0, 1, tr("lifter: sinusoidal liftering of MFCCs; 0 turns it off"));
    m_trim = flagField(
        tr("trim"), tr("trim: librosa.effects.trim before the features, as the old pipeline did"));
    m_topDb = realField(0.0, 200.0, 1, tr("top_db: trim threshold below the loudest frame (dB)"));
    for (Feature feature : {Feature::MelSpectrogram, Feature::Mfcc, Feature::LogMel})
        m_features[feature] = flagField(QString::fromUtf8(toString(feature).data()),
                                        tr("features: write this array for every clip"));
    for (Scaler scaler : {Scaler::Standard, Scaler::MinMax})
        m_scalers[scaler] =
            flagField(QString::fromUtf8(toString(scaler).data()),
                      tr("scalers: also write a copy scaled like sklearn's %1")
                          .arg(scaler == Scaler::Standard ? "scale" : "minmax_scale"));
    m_scaleAxis = choiceField(
        {"frame", "band", "global", "dataset"},
        tr("scale_axis: frame = sklearn axis=0 (each frame across its features); band = "
           "axis=1; global = whole array; dataset = each band over the whole run"));
    m_naming = choiceField({"clean", "legacy"},
                           tr("naming: clean writes _standard/_minmax, legacy the old "
                              "pipeline's _standardcaler/_minmaxnormalizer"));

    auto* box = new QGroupBox;
    auto* form = new QFormLayout(box);
    form->addRow("sr", m_sampleRate);
    form->addRow("win_length", m_winLength);
    form->addRow("window", m_window);
    form->addRow(QString(), m_center);
    form->addRow("pad_mode", m_padMode);
    form->addRow("power", m_power);
    form->addRow("fmin", m_fmin);
    form->addRow("fmax", m_fmax);
    form->addRow(QString(), m_htk);
    form->addRow("norm", m_norm);
    form->addRow("dct_type", m_dctType);
    form->addRow("lifter", m_lifter);
    form->addRow(QString(), m_trim);
    form->addRow("top_db", m_topDb);
    auto* featureRow = new QVBoxLayout; // stacked, so the panel stays narrow
    for (auto& [feature, check] : m_features)
        featureRow->addWidget(check);
    form->addRow("features", featureRow);
    auto* scalerRow = new QVBoxLayout;
    for (auto& [scaler, check] : m_scalers)
        scalerRow->addWidget(check);
    form->addRow("scalers", scalerRow);
    form->addRow("scale_axis", m_scaleAxis);
    form->addRow("naming", m_naming);
    return box;
}

FeatureConfig ParametersPanel::config() const {
    FeatureConfig c;
    c.sampleRateHz = m_sampleRate->value();
    c.nFft = m_nFft->value();
    c.hopLength = m_hopLength->value();
    c.winLength =
        m_winLength->value() == 0 ? std::nullopt : std::optional<int>(m_winLength->value());
    c.window = WindowType(m_window->currentIndex());
    c.center = m_center->isChecked();
    c.padMode = m_padMode->currentIndex() == 0 ? PadMode::Constant : PadMode::Reflect;
    c.power = m_power->value();
    c.nMels = m_nMels->value();
    c.fminHz = m_fmin->value();
    c.fmaxHz = m_fmax->value() == 0.0 ? std::nullopt : std::optional<double>(m_fmax->value());
    c.htk = m_htk->isChecked();
    c.melNorm = m_norm->currentIndex() == 0 ? MelNorm::Slaney : MelNorm::None;
    c.nMfcc = m_nMfcc->value();
    c.dctType = m_dctType->currentIndex() + 1;
    c.lifter = m_lifter->value();
    c.trim = m_trim->isChecked();
    c.topDb = m_topDb->value();
    c.features.clear();
    for (const auto& [feature, check] : m_features)
        if (check->isChecked())
            c.features.push_back(feature);
    c.scalers.clear();
    for (const auto& [scaler, check] : m_scalers)
        if (check->isChecked())
            c.scalers.push_back(scaler);
    c.scaleAxis = ScaleAxis(m_scaleAxis->currentIndex());
    c.naming = m_naming->currentIndex() == 0 ? OutputNaming::Clean : OutputNaming::Legacy;
    return c;
}

void ParametersPanel::setConfig(const FeatureConfig& c) {
    m_updating = true;
    m_sampleRate->setValue(c.sampleRateHz);
    m_nFft->setValue(c.nFft);
    m_hopLength->setValue(c.hopLength);
    m_winLength->setValue(c.winLength.value_or(0));
    m_window->setCurrentIndex(int(c.window));
    m_center->setChecked(c.center);
    m_padMode->setCurrentIndex(c.padMode == PadMode::Constant ? 0 : 1);
    m_power->setValue(c.power);
    m_nMels->setValue(c.nMels);
    m_fmin->setValue(c.fminHz);
    m_fmax->setValue(c.fmaxHz.value_or(0.0));
    m_htk->setChecked(c.htk);
    m_norm->setCurrentIndex(c.melNorm == MelNorm::Slaney ? 0 : 1);
    m_nMfcc->setValue(c.nMfcc);
    m_dctType->setCurrentIndex(std::clamp(c.dctType, 1, 3) - 1);
    m_lifter->setValue(c.lifter);
    m_trim->setChecked(c.trim);
    m_topDb->setValue(c.topDb);
    for (auto& [feature, check] : m_features)
        check->setChecked(std::find(c.features.begin(), c.features.end(), feature) !=
                          c.features.end());
    for (auto& [scaler, check] : m_scalers)
        check->setChecked(std::find(c.scalers.begin(), c.scalers.end(), scaler) != c.scalers.end());
    m_scaleAxis->setCurrentIndex(int(c.scaleAxis));
    m_naming->setCurrentIndex(c.naming == OutputNaming::Clean ? 0 : 1);
    m_updating = false;
    refresh();
}

QStringList ParametersPanel::problems() const {
    QStringList messages;
    for (const auto& problem : m_problems)
        messages << QString::fromStdString(problem.message);
    return messages;
}

void ParametersPanel::refresh() {
    const FeatureConfig current = config();
    m_problems = validate(current);
    for (auto& [key, editor] : m_editors)
        editor->setStyleSheet(QString());
    for (const auto& problem : m_problems)
        if (auto found = m_editors.find(QString::fromStdString(problem.key));
            found != m_editors.end())
            found->second->setStyleSheet("border: 1px solid #d04040;");
    m_problemLabel->setText(problems().join('\n'));
    m_problemLabel->setVisible(!m_problems.empty());
    emit configChanged(current, m_problems.empty());
}

void ParametersPanel::applyPreset(int index) {
    if (index <= 0 || index > int(m_presetList.size()))
        return;
    setConfig(m_presetList[std::size_t(index - 1)].config);
    m_presets->setCurrentIndex(index);
}

QString ParametersPanel::loadConfigFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read %1: %2").arg(path, file.errorString());
    FeatureConfig loaded;
    if (auto status = applyConfigText(loaded, file.readAll().toStdString()); !status)
        return tr("%1 is not a valid Cepstra config: %2")
            .arg(path, QString::fromStdString(status.error().message));
    setConfig(loaded);
    m_presets->setCurrentIndex(0);
    return {};
}

QString ParametersPanel::saveConfigFile(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    file.write(QByteArray::fromStdString(toJson(config()).dump(2) + "\n"));
    if (!file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QWidget* ParametersPanel::editorFor(const QString& key) const {
    auto found = m_editors.find(key);
    return found == m_editors.end() ? nullptr : found->second;
}

} // namespace cepstra::ui
