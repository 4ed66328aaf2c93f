// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/preview/PreviewController.h"
#include "ui/preview/PreviewPane.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QToolButton;

namespace cepstra::ui {

class AudioPlayer;
class HeatmapView;
class TimeViewport;

/// The selected clip, as Sonic Visualiser users expect to look at it: the waveform and two
/// picked arrays on one time axis in the file's seconds, linked zoom and pan (wheel, Ctrl+
/// wheel, drag, Fit), playback with a cursor over every view (Space), a dB range for mel
/// views, and A/B comparison: pin the current preview, change parameters or the clip, and
/// both show side by side on the same axis. UI thread only.
class PreviewPanel : public QWidget {
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget* parent = nullptr);
    ~PreviewPanel() override;

    void showResult(const std::shared_ptr<const PreviewResult>& result);
    void showError(const QString& path, const QString& message);
    void showBusy(bool busy);
    /// The parameters on screen are not valid (`reason`): the preview, which keeps showing
    /// the last valid ones, is dimmed and says so. Empty: it shows the parameters on screen.
    void setStale(const QString& reason);
    bool isStale() const;
    QString staleText() const;

    /// The current preview (B when comparing) and the pinned one (A).
    PreviewPane& currentPane() { return *m_current; }
    PreviewPane& pinnedPane() { return *m_pinned; }
    HeatmapView& melView();
    HeatmapView& mfccView();
    TimeViewport& viewport() { return *m_viewport; }
    AudioPlayer& player() { return *m_player; }
    bool isComparing() const;
    /// A and B coloured over one range per view (on by default while comparing).
    QCheckBox& sharedScale() { return *m_sharedScale; }

    void togglePlayback();
    void setPinned(bool pinned);
    /// Pins the current preview as A, drawn `shiftSeconds` later on the axis, so that the
    /// clip previewed next (B) lines up with it where they share audio.
    void pinAligned(double shiftSeconds);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* buildToolbar();
    ColourSettings colourSettings() const;
    void recolour();
    /// While comparing with one scale: each view of A and B over the union of their ranges.
    void shareColourRange();
    /// Gives A's and B's titles the same height, so their views line up row by row.
    void alignPanes();
    void updatePlayButton();

    TimeViewport* m_viewport;
    AudioPlayer* m_player;
    PreviewPane* m_current;
    PreviewPane* m_pinned;
    QToolButton* m_play;
    QToolButton* m_pin;
    QDoubleSpinBox* m_floor;
    QDoubleSpinBox* m_ceiling;
    QCheckBox* m_autoRange;
    QCheckBox* m_includeC0;
    QCheckBox* m_sharedScale;
    QLabel* m_stale;
    QWidget* m_panes;
    QLabel* m_hover;
    QLabel* m_audioNote;
};

} // namespace cepstra::ui
