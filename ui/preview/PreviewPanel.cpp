// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/preview/PreviewPanel.h"

#include "ui/preview/AudioPlayer.h"
#include "ui/widgets/HeatmapView.h"
#include "ui/widgets/TimeViewport.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGraphicsOpacityEffect>
#include <QHBoxLayout>
#include <QLabel>
#include <QShortcut>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace cepstra::ui {
namespace {

/// "A: n_mels 128, n_fft 2048, hop 512": what tells two previews apart.
QString configHeading(const QString& which, const FeatureConfig& c) {
    return QObject::tr("%1: n_mels %2, n_mfcc %3, n_fft %4, hop %5")
        .arg(which)
        .arg(c.nMels)
        .arg(c.nMfcc)
        .arg(c.nFft)
        .arg(c.hopLength);
}

} // namespace

PreviewPanel::PreviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_viewport(new TimeViewport(this))
    , m_player(new AudioPlayer(this))
    , m_current(new PreviewPane(*m_viewport))
    , m_pinned(new PreviewPane(*m_viewport))
    , m_sharedScale(new QCheckBox(tr("Same colours for A and B")))
    , m_stale(new QLabel)
    , m_panes(new QWidget)
    , m_hover(new QLabel)
    , m_audioNote(new QLabel) {
    QFont hoverFont = m_hover->font();
    hoverFont.setFamily("monospace");
    m_hover->setFont(hoverFont);
    m_audioNote->setWordWrap(true);
    m_pinned->setVisible(false);
    for (PreviewPane* pane : {m_current, m_pinned}) {
        connect(pane, &PreviewPane::hoverTextChanged, m_hover, &QLabel::setText);
        connect(pane, &PreviewPane::playRequested, this,
                [this](double seconds) { m_player->play(seconds); });
    }
    connect(m_player, &AudioPlayer::positionChanged, m_viewport, &TimeViewport::setPlayhead);
    connect(m_player, &AudioPlayer::playingChanged, this, &PreviewPanel::updatePlayButton);
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    space->setContext(Qt::WindowShortcut);
    connect(space, &QShortcut::activated, this, &PreviewPanel::togglePlayback);

    auto* panes = new QHBoxLayout(m_panes);
    panes->setContentsMargins(0, 0, 0, 0);
    panes->addWidget(m_pinned, 1);
    panes->addWidget(m_current, 1);
    // Dimmed while the parameters on screen are not valid: what it shows is not them.
    auto* dimming = new QGraphicsOpacityEffect(m_panes);
    dimming->setOpacity(0.35);
    dimming->setEnabled(false);
    m_panes->setGraphicsEffect(dimming);
    m_stale->setWordWrap(true);
    m_stale->setAutoFillBackground(true);
    m_stale->setStyleSheet("QLabel { background: #fff3cd; color: #5c4400; padding: 4px; }");
    m_stale->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildToolbar());
    layout->addWidget(m_stale);
    layout->addWidget(m_panes, 1);
    layout->addWidget(m_hover);
    layout->addWidget(m_audioNote);
    m_audioNote->setVisible(false);
}

PreviewPanel::~PreviewPanel() = default;

QWidget* PreviewPanel::buildToolbar() {
    auto button = [](const QString& text, const QString& tip) {
        auto* made = new QToolButton;
        made->setText(text);
        made->setToolTip(tip);
        return made;
    };
    m_play = button(tr("Play"), tr("Play the clip from the cursor (Space); double-click a view "
                                   "to play from there, click to move the cursor"));
    m_play->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    connect(m_play, &QToolButton::clicked, this, &PreviewPanel::togglePlayback);
    auto* fit = button(tr("Fit"), tr("Show the whole clip (Ctrl+0)"));
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(fit, &QToolButton::clicked, m_viewport, &TimeViewport::fit);
    auto* zoomIn = button(tr("+"), tr("Zoom in (Ctrl+wheel over a view; Ctrl++)"));
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    connect(zoomIn, &QToolButton::clicked, this, [this] {
        m_viewport->zoom(0.5, m_viewport->playhead() >= 0
                                  ? m_viewport->playhead()
                                  : (m_viewport->start() + m_viewport->end()) / 2);
    });
    auto* zoomOut = button(tr("−"), tr("Zoom out (Ctrl+wheel; Ctrl+-)"));
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    connect(zoomOut, &QToolButton::clicked, this,
            [this] { m_viewport->zoom(2.0, (m_viewport->start() + m_viewport->end()) / 2); });
    m_pin = button(tr("Pin as A"), tr("Keep this preview as A, then change the parameters or the "
                                      "clip to compare it with B side by side (Ctrl+P)"));
    m_pin->setCheckable(true);
    m_pin->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_pin, &QToolButton::toggled, this, &PreviewPanel::setPinned);

    auto decibels = [](const QString& tip) {
        auto* box = new QDoubleSpinBox;
        box->setRange(-400.0, 400.0);
        box->setDecimals(0);
        box->setSuffix(" dB");
        box->setToolTip(tip);
        return box;
    };
    m_floor = decibels(tr("The dB value drawn darkest in mel views"));
    m_floor->setAccessibleName(tr("Mel colour floor (dB)"));
    m_ceiling = decibels(tr("The dB value drawn brightest in mel views"));
    m_ceiling->setAccessibleName(tr("Mel colour ceiling (dB)"));
    m_autoRange = new QCheckBox(tr("Auto"));
    m_autoRange->setChecked(true);
    m_autoRange->setToolTip(tr("The top 80 dB of each array, as power_to_db's top_db"));
    m_includeC0 = new QCheckBox(tr("c0 in colours"));
    m_includeC0->setToolTip(tr("Let coefficient 0 (overall loudness) set the MFCC colour range; "
                               "off, the other coefficients use the full range"));
    const auto manual = [this] {
        m_autoRange->setChecked(false);
        recolour();
    };
    connect(m_floor, &QDoubleSpinBox::valueChanged, this, manual);
    connect(m_ceiling, &QDoubleSpinBox::valueChanged, this, manual);
    connect(m_autoRange, &QCheckBox::toggled, this, &PreviewPanel::recolour);
    connect(m_includeC0, &QCheckBox::toggled, this, &PreviewPanel::recolour);
    m_sharedScale->setChecked(true);
    m_sharedScale->setVisible(false);
    m_sharedScale->setToolTip(tr("Colour A and B over one range per view, so that the same "
                                 "colour is the same value in both"));
    connect(m_sharedScale, &QCheckBox::toggled, this, &PreviewPanel::recolour);

    // Two short rows, so the preview stays usable in a 1024-pixel window.
    auto* bar = new QWidget;
    auto* rows = new QVBoxLayout(bar);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    auto* transport = new QHBoxLayout;
    for (QWidget* widget : std::initializer_list<QWidget*>{m_play, fit, zoomIn, zoomOut})
        transport->addWidget(widget);
    transport->addStretch(1);
    transport->addWidget(m_pin);
    auto* colours = new QHBoxLayout;
    auto* range = new QLabel(tr("Mel dB"));
    range->setToolTip(m_floor->toolTip());
    colours->addWidget(range);
    colours->addWidget(m_floor);
    colours->addWidget(new QLabel(tr("to")));
    colours->addWidget(m_ceiling);
    colours->addWidget(m_autoRange);
    colours->addSpacing(8);
    colours->addWidget(m_includeC0);
    colours->addStretch(1);
    colours->addWidget(m_sharedScale);
    rows->addLayout(transport);
    rows->addLayout(colours);
    return bar;
}

HeatmapView& PreviewPanel::melView() {
    return m_current->upperView();
}
HeatmapView& PreviewPanel::mfccView() {
    return m_current->lowerView();
}
bool PreviewPanel::isComparing() const {
    return m_pinned->isVisible();
}

ColourSettings PreviewPanel::colourSettings() const {
    ColourSettings settings;
    settings.includeC0 = m_includeC0->isChecked();
    if (!m_autoRange->isChecked())
        settings.decibelRange = std::pair{m_floor->value(), m_ceiling->value()};
    return settings;
}

void PreviewPanel::setStale(const QString& reason) {
    m_stale->setText(reason.isEmpty()
                         ? QString()
                         : tr("<b>Not the parameters on screen.</b> %1 The preview keeps the last "
                              "valid parameters, dimmed, until the fields are valid again.")
                               .arg(reason.toHtmlEscaped()));
    m_stale->setVisible(!reason.isEmpty());
    m_panes->graphicsEffect()->setEnabled(!reason.isEmpty());
}

bool PreviewPanel::isStale() const {
    return !m_stale->text().isEmpty();
}

QString PreviewPanel::staleText() const {
    return m_stale->text();
}

void PreviewPanel::shareColourRange() {
    if (!isComparing() || !m_sharedScale->isChecked())
        return;
    for (auto view : {&PreviewPane::upperView, &PreviewPane::lowerView}) {
        HeatmapView& a = (m_pinned->*view)();
        HeatmapView& b = (m_current->*view)();
        // One scale only for the same array with the same unit: mel dB, or MFCCs.
        if (a.data().title.isEmpty() || b.data().title.isEmpty() ||
            a.data().title.section(' ', 0, 0) != b.data().title.section(' ', 0, 0))
            continue;
        const double low = std::min(a.data().low, b.data().low);
        const double high = std::max(a.data().high, b.data().high);
        a.setColourRange(low, high);
        b.setColourRange(low, high);
    }
}

void PreviewPanel::alignPanes() {
    QLabel& a = m_pinned->title();
    QLabel& b = m_current->title();
    if (!isComparing()) {
        b.setMinimumHeight(0);
        return;
    }
    const int height = std::max(a.heightForWidth(std::max(1, a.width())),
                                b.heightForWidth(std::max(1, b.width())));
    a.setMinimumHeight(height);
    b.setMinimumHeight(height);
}

void PreviewPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The titles' widths settle once the layout has run.
    QTimer::singleShot(0, this, &PreviewPanel::alignPanes);
}

void PreviewPanel::recolour() {
    m_current->recolour(colourSettings());
    m_pinned->recolour(colourSettings());
    shareColourRange();
    alignPanes();
    if (m_autoRange->isChecked()) {
        // Show the automatic range the current upper view uses, without leaving Auto.
        const HeatmapData& shown = m_current->upperView().data();
        const QSignalBlocker blockFloor(m_floor), blockCeiling(m_ceiling);
        if (shown.melAxis && !shown.title.isEmpty()) {
            m_floor->setValue(shown.low);
            m_ceiling->setValue(shown.high);
        }
    }
}

void PreviewPanel::showResult(const std::shared_ptr<const PreviewResult>& result) {
    const bool newClip = !m_current->result() || m_current->result()->path != result->path ||
                         m_current->result()->samples != result->samples;
    if (isComparing())
        m_current->setHeading(configHeading(tr("B"), result->config));
    m_current->showResult(result, colourSettings());
    recolour();
    if (newClip && !isComparing()) {
        m_player->setSamples(result->samples, result->audio->sampleRateHz);
        m_viewport->setDuration(m_player->durationSeconds());
        m_audioNote->setText(m_player->isSilent()
                                 ? tr("No audio output device: playback moves the cursor silently.")
                                 : QString());
        m_audioNote->setVisible(m_player->isSilent());
    } else if (newClip) {
        m_player->setSamples(result->samples, result->audio->sampleRateHz);
        // Comparing: keep the axis, but let it reach the longer of the two clips.
        const double longer = std::max(m_viewport->duration(), m_player->durationSeconds());
        const double start = m_viewport->start(), end = m_viewport->end();
        m_viewport->setDuration(longer);
        m_viewport->setRange(start, end);
    }
}

void PreviewPanel::showError(const QString& path, const QString& message) {
    m_current->showError(path, message);
}

void PreviewPanel::showBusy(bool busy) {
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void PreviewPanel::togglePlayback() {
    if (m_player->isPlaying())
        m_player->pause();
    else
        m_player->play(m_viewport->playhead() >= 0.0 ? m_viewport->playhead()
                                                     : m_viewport->start());
}

void PreviewPanel::updatePlayButton() {
    const bool playing = m_player->isPlaying();
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void PreviewPanel::setPinned(bool pinned) {
    if (pinned && !m_current->result()) {
        const QSignalBlocker block(m_pin);
        m_pin->setChecked(false);
        return;
    }
    const QSignalBlocker block(m_pin);
    m_pin->setChecked(pinned);
    m_pinned->setVisible(pinned);
    m_sharedScale->setVisible(pinned);
    m_pinned->setTimeShift(0.0);
    if (pinned) {
        m_pinned->showResult(m_current->result(), colourSettings());
        m_pinned->setHeading(configHeading(tr("A (pinned)"), m_current->result()->config));
        m_current->setHeading(configHeading(tr("B"), m_current->result()->config));
    } else {
        m_current->setHeading(QString());
    }
    recolour();
}

void PreviewPanel::pinAligned(double shiftSeconds) {
    setPinned(true);
    if (!isComparing())
        return;
    m_pinned->setTimeShift(shiftSeconds);
    m_pinned->setHeading(configHeading(tr("A (pinned, shifted %1 s to line up with B)")
                                           .arg(QString::asprintf("%+.2f", shiftSeconds)),
                                       m_pinned->result()->config));
    recolour();
}

} // namespace cepstra::ui
