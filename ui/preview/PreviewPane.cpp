// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/preview/PreviewPane.h"

#include "ui/widgets/HeatmapView.h"
#include "ui/widgets/WaveformView.h"

#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <vector>

namespace cepstra::ui {
namespace {

constexpr double kDefaultDecibelSpan = 80.0; // power_to_db's top_db

bool isMelFamily(const NamedOutput& array) {
    return array.feature != Feature::Mfcc;
}

/// A symmetric colour range over the rows from `firstRow` on, ignoring the 10% most extreme
/// values: MFCC coefficient 0 (overall loudness) would otherwise wash out the rest.
double robustAbsoluteLimit(const FeatureMatrix& values, Eigen::Index firstRow) {
    firstRow = values.rows() > firstRow ? firstRow : 0;
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

PreviewPane::PreviewPane(TimeViewport& viewport, QWidget* parent)
    : QWidget(parent)
    , m_upper(new HeatmapView)
    , m_lower(new HeatmapView)
    , m_waveform(new WaveformView)
    , m_upperPicker(new QComboBox)
    , m_lowerPicker(new QComboBox)
    , m_title(new QLabel) {
    for (TimelineWidget* view :
         std::initializer_list<TimelineWidget*>{m_waveform, m_upper, m_lower}) {
        view->setViewport(&viewport);
        connect(view, &TimelineWidget::playRequested, this, &PreviewPane::playRequested);
    }
    for (HeatmapView* view : {m_upper, m_lower})
        connect(view, &HeatmapView::hoverTextChanged, this, &PreviewPane::hoverTextChanged);
    for (QComboBox* picker : {m_upperPicker, m_lowerPicker}) {
        picker->setToolTip(tr("Which of the arrays the run writes for this clip to show: the "
                              "file name's suffix, <clip>_<suffix>.npy"));
        picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(picker, &QComboBox::activated, this, &PreviewPane::render);
    }
    m_title->setWordWrap(true); // long errors wrap instead of being cut off
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_upper->clear(tr("Select a clip in the dataset, or drop an audio file, to preview its "
                      "features."));
    m_lower->clear(QString());

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title, 0, 0, 1, 2);
    layout->addWidget(m_waveform, 1, 0, 1, 2);
    layout->addWidget(new QLabel(tr("Upper view")), 2, 0);
    layout->addWidget(m_upperPicker, 2, 1, Qt::AlignLeft);
    layout->addWidget(m_upper, 3, 0, 1, 2);
    layout->addWidget(new QLabel(tr("Lower view")), 4, 0);
    layout->addWidget(m_lowerPicker, 4, 1, Qt::AlignLeft);
    layout->addWidget(m_lower, 5, 0, 1, 2);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(3, 3);
    layout->setRowStretch(5, 2);
}

void PreviewPane::setTimeShift(double seconds) {
    for (TimelineWidget* view :
         std::initializer_list<TimelineWidget*>{m_waveform, m_upper, m_lower})
        view->setTimeShift(seconds);
}

void PreviewPane::setHeading(const QString& heading) {
    m_heading = heading;
    if (m_result)
        render();
}

QString PreviewPane::upperArray() const {
    return m_upperPicker->currentData().toString();
}
QString PreviewPane::lowerArray() const {
    return m_lowerPicker->currentData().toString();
}

void PreviewPane::showResult(std::shared_ptr<const PreviewResult> result,
                             const ColourSettings& colours) {
    m_result = std::move(result);
    m_colours = colours;
    fillPickers();
    render();
}

void PreviewPane::recolour(const ColourSettings& colours) {
    m_colours = colours;
    if (m_result)
        render();
}

void PreviewPane::showError(const QString& path, const QString& message) {
    m_result.reset();
    m_title->setText(tr("<b>%1</b>: cannot preview this clip. %2")
                         .arg(QFileInfo(path).fileName().toHtmlEscaped(), message.toHtmlEscaped()));
    m_waveform->clear();
    m_upper->clear(message);
    m_lower->clear(QString());
    m_upperPicker->clear();
    m_lowerPicker->clear();
}

void PreviewPane::fillPickers() {
    // Keep what the user picked when the new result writes an array of the same name.
    const QString upper = upperArray(), lower = lowerArray();
    QString defaultUpper, defaultLower;
    for (QComboBox* picker : {m_upperPicker, m_lowerPicker})
        picker->clear();
    for (const NamedOutput& array : m_result->arrays) {
        const QString name = QString::fromStdString(array.suffix);
        for (QComboBox* picker : {m_upperPicker, m_lowerPicker})
            picker->addItem(name + ".npy", name);
        if (defaultUpper.isEmpty() && isMelFamily(array) && !array.scaler)
            defaultUpper = name;
        if (defaultLower.isEmpty() && array.feature == Feature::Mfcc && !array.scaler)
            defaultLower = name;
    }
    if (m_result->arrays.empty())
        return;
    if (defaultUpper.isEmpty())
        defaultUpper = QString::fromStdString(m_result->arrays.front().suffix);
    if (defaultLower.isEmpty())
        defaultLower = QString::fromStdString(
            m_result->arrays[std::min<std::size_t>(1, m_result->arrays.size() - 1)].suffix);
    const auto choose = [](QComboBox* picker, const QString& wanted, const QString& fallback) {
        const int index = picker->findData(wanted);
        picker->setCurrentIndex(index >= 0 ? index : picker->findData(fallback));
    };
    choose(m_upperPicker, upper, defaultUpper);
    choose(m_lowerPicker, lower, defaultLower);
}

void PreviewPane::render() {
    if (!m_result)
        return;
    const PreviewResult& r = *m_result;
    const auto& samples = *r.samples;
    const auto kept = r.trimRange.value_or(SampleRange{0, (long long)samples.size()});
    const NamedOutput* first = r.arrays.empty() ? nullptr : &r.arrays.front();
    m_title->setText(
        tr("%1<b>%2</b> &nbsp; %3 × %4 frames, computed in %5 ms%6")
            .arg(m_heading.isEmpty() ? QString() : m_heading.toHtmlEscaped() + " &nbsp; ")
            .arg(QFileInfo(r.path).fileName().toHtmlEscaped())
            .arg(first ? first->values.rows() : 0)
            .arg(first ? first->values.cols() : 0)
            .arg(r.computeMilliseconds, 0, 'f', 0)
            .arg(r.scalingNote.isEmpty() ? QString() : " &nbsp; " + r.scalingNote));
    m_waveform->setSignal(r.samples, r.audio->sampleRateHz, kept.start, kept.end);
    renderView(*m_upper, upperArray());
    renderView(*m_lower, lowerArray());
}

void PreviewPane::renderView(HeatmapView& view, const QString& suffix) const {
    const PreviewResult& r = *m_result;
    const NamedOutput* array = r.find(suffix.toStdString());
    if (!array) {
        view.clear(tr("This run writes no arrays."));
        return;
    }
    const FeatureConfig& c = r.config;
    const double rate = r.audio->sampleRateHz;
    HeatmapData heatmap;
    heatmap.values = array->values;
    heatmap.secondsPerFrame = double(c.hopLength) / rate;
    const auto kept = r.trimRange.value_or(SampleRange{0, (long long)r.samples->size()});
    heatmap.firstFrameSeconds = double(kept.start) / rate;
    heatmap.keptStartSeconds = double(kept.start) / rate;
    heatmap.keptEndSeconds = double(kept.end) / rate;
    heatmap.title =
        tr("%1.npy (%2 × %3)").arg(suffix).arg(heatmap.values.rows()).arg(heatmap.values.cols());
    const bool mel = isMelFamily(*array);
    heatmap.melAxis = mel;
    heatmap.melLowHz = c.fminHz;
    heatmap.melHighHz = c.effectiveFmaxHz();
    heatmap.htk = c.htk;
    heatmap.rowName = mel ? tr("band") : tr("coefficient");
    heatmap.colormap = mel ? Colormap::Magma : Colormap::CoolWarm;
    if (array->scaler) {
        heatmap.low = heatmap.values.minCoeff();
        heatmap.high = heatmap.values.maxCoeff();
    } else if (mel) {
        // Power is coloured in dB; log-mel already is dB. Either way the dB range applies.
        heatmap.powerInDecibels = array->feature == Feature::MelSpectrogram;
        heatmap.unit = heatmap.powerInDecibels ? QString() : "dB";
        const double top =
            heatmap.powerInDecibels
                ? 10.0 * std::log10(std::max(double(heatmap.values.maxCoeff()), 1e-10))
                : double(heatmap.values.maxCoeff());
        const auto range =
            m_colours.decibelRange.value_or(std::pair{top - kDefaultDecibelSpan, top});
        heatmap.low = range.first;
        heatmap.high = range.second;
    } else {
        const double limit = robustAbsoluteLimit(heatmap.values, m_colours.includeC0 ? 0 : 1);
        heatmap.low = -limit;
        heatmap.high = limit;
    }
    view.setData(std::move(heatmap));
}

} // namespace cepstra::ui
