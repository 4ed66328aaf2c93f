// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cepstra::ui {

/// Desktop notifications through the freedesktop notification service (D-Bus
/// org.freedesktop.Notifications), which every Linux desktop runs. UI thread only.
class DesktopNotifier {
public:
    virtual ~DesktopNotifier() = default;
    /// Shows a notification; false when no notification service answers (it is then dropped:
    /// the status bar and the Results panel say the same).
    virtual bool notify(const QString& title, const QString& body);
};

} // namespace cepstra::ui
