// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

#include <optional>

namespace cepstra::ui {

class PreviewController;
class PreviewPanel;

/// Previews a clip found by the health check, and a duplicate beside its partner: the partner
/// first, pinned as A and shifted by the measured offset once it shows, then the clip as B, so
/// the audio they share lines up on the time axis. UI thread only.
class PairPreview : public QObject {
    Q_OBJECT

public:
    PairPreview(PreviewController& controller, PreviewPanel& panel, QObject* parent = nullptr);

    /// `clip` alone, or beside `partner` drawn `partnerShift` seconds later (paths' bytes).
    void show(const QByteArray& clip, const QByteArray& partner, double partnerShift);

private:
    /// A duplicate being previewed: once `partner` (A) shows, it is pinned, shifted, and
    /// `clip` (B) is previewed beside it.
    struct Pending {
        QByteArray partner, clip;
        double shift = 0.0;
    };

    PreviewController& m_controller;
    PreviewPanel& m_panel;
    std::optional<Pending> m_pending;
};

} // namespace cepstra::ui
