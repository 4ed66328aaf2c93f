// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/PreviewPanel.h"

#include "ui/HeatmapView.h"
#include "ui/WaveformView.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <vector>

namespace cepstra::ui {
namespace {

/// A symmetric colour range from coefficients 1 and up, ignoring the 10% most extreme values:
/// coefficient 0 (overall loudness) would otherwise wash out the rest.
double robustAbsoluteLimit(const FeatureMatrix& values) {
    const Eigen::Index firstRow = values.rows() > 1 ? 1 : 0;
    std::vector<float> magnitudes(values.data() + firstRow * values.cols(),
                                  values.data() + values.size());
    for (float& value : magnitudes)
        value = std::abs(value);
    if (magnitudes.empty())
        return 1.0;
    const auto rank = std::size_t(0.90 * double(magnitudes.size() - 1));
    std::nth_element(magnitudes.begin(), magnitudes.begin() + long(rank), magnitudes.end());
    return std::max(1e-6, double(magnitudes[rank]));
}

} // namespace

PreviewPanel::PreviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_waveform(new WaveformView)
    , m_mel(new HeatmapView)
    , m_mfcc(new HeatmapView)
    , m_scaled(new QCheckBox(tr("Show scaled")))
    , m_title(new QLabel)
    , m_hover(new QLabel) {
    m_scaled->setToolTip(
        tr("Show the arrays after the first configured scaler, as they are written"));
    m_scaled->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_scaled, &QCheckBox::toggled, this, &PreviewPanel::render);
    for (HeatmapView* view : {m_mel, m_mfcc})
        connect(view, &HeatmapView::hoverTextChanged, m_hover, &QLabel::setText);
    m_mel->clear(
        tr("Select a clip in the dataset, or drop an audio file, to preview its features."));
    m_mfcc->clear(QString());
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont hoverFont = m_hover->font();
    hoverFont.setFamily("monospace");
    m_hover->setFont(hoverFont);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_scaled);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_waveform);
    layout->addWidget(m_mel, 3);
    layout->addWidget(m_mfcc, 2);
    layout->addWidget(m_hover);
}

bool PreviewPanel::showsScaled() const {
    return m_scaled->isChecked();
}
void PreviewPanel::setShowScaled(bool scaled) {
    m_scaled->setChecked(scaled);
}

void PreviewPanel::showResult(const std::shared_ptr<const PreviewResult>& result) {
    m_result = result;
    render();
}

void PreviewPanel::showError(const QString& path, const QString& message) {
    m_result.reset();
    m_title->setText(QFileInfo(path).fileName());
    m_waveform->clear();
    m_mel->clear(tr("Cannot preview this clip: %1").arg(message));
    m_mfcc->clear(QString());
}

void PreviewPanel::showBusy(bool busy) {
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void PreviewPanel::render() {
    if (!m_result)
        return;
    const PreviewResult& r = *m_result;
    const FeatureConfig& c = r.config;
    const bool scaled = m_scaled->isChecked() && r.melScaled.size() > 0;
    m_scaled->setEnabled(r.melScaled.size() > 0);
    m_title->setText(tr("<b>%1</b> &nbsp; %2 × %3 frames, computed in %4 ms")
                         .arg(QFileInfo(r.path).fileName().toHtmlEscaped())
                         .arg(r.melDb.rows())
                         .arg(r.melDb.cols())
                         .arg(r.computeMilliseconds, 0, 'f', 0));
    const auto& samples = r.audio->samples;
    const auto kept = r.trimRange.value_or(SampleRange{0, (long long)samples.size()});
    m_waveform->setSignal(samples, r.audio->sampleRateHz, kept.start, kept.end);

    HeatmapData mel;
    mel.secondsPerFrame = double(c.hopLength) / c.sampleRateHz;
    mel.melAxis = true;
    mel.melLowHz = c.fminHz;
    mel.melHighHz = c.effectiveFmaxHz();
    mel.htk = c.htk;
    if (scaled) {
        mel.values = r.melScaled;
        mel.title = tr("Mel spectrogram, %1").arg(r.scalerName);
        mel.low = r.melScaled.minCoeff();
        mel.high = r.melScaled.maxCoeff();
    } else {
        mel.values = r.melDb;
        mel.title = tr("Mel spectrogram (power_to_db, ref 1)");
        mel.unit = "dB";
        mel.high = r.melDb.maxCoeff();
        mel.low = mel.high - 80.0; // power_to_db's top_db floor
    }
    m_mel->setData(std::move(mel));

    HeatmapData mfcc;
    mfcc.secondsPerFrame = double(c.hopLength) / c.sampleRateHz;
    mfcc.colormap = Colormap::CoolWarm;
    mfcc.rowName = tr("coefficient");
    mfcc.values = scaled ? r.mfccScaled : r.mfcc;
    mfcc.title =
        scaled ? tr("MFCC, %1").arg(r.scalerName) : tr("MFCC (DCT type %1)").arg(c.dctType);
    const double limit = robustAbsoluteLimit(mfcc.values);
    mfcc.low = -limit;
    mfcc.high = limit;
    m_mfcc->setData(std::move(mfcc));
}

} // namespace cepstra::ui
