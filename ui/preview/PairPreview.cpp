// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/preview/PairPreview.h"

#include "ui/preview/PreviewController.h"
#include "ui/preview/PreviewPanel.h"

namespace cepstra::ui {

PairPreview::PairPreview(PreviewController& controller, PreviewPanel& panel, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_panel(panel) {
    // Queued: the partner must be on screen (PreviewPanel::showResult, connected to the same
    // signal) before it is pinned, whatever order the connections were made in.
    connect(
        &m_controller, &PreviewController::previewReady, this,
        [this](const std::shared_ptr<const PreviewResult>& result) {
            if (!m_pending || m_controller.clip() != m_pending->partner)
                return;
            const Pending pending = *m_pending;
            m_pending.reset();
            if (!result->error.isEmpty())
                return;
            m_panel.pinAligned(pending.shift);
            m_controller.setClip(pending.clip);
        },
        Qt::QueuedConnection);
}

void PairPreview::show(const QByteArray& clip, const QByteArray& partner, double partnerShift) {
    m_panel.setPinned(false);
    if (partner.isEmpty()) {
        m_pending.reset();
        m_controller.setClip(clip);
        return;
    }
    // The partner first, to pin as A; the clip itself follows as B.
    m_pending = Pending{partner, clip, partnerShift};
    m_controller.setClip(partner);
}

} // namespace cepstra::ui
