// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusReply>
#include <QVariantMap>

namespace cepstra::ui {

bool DesktopNotifier::notify(const QString& title, const QString& body) {
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusInterface service("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                           "org.freedesktop.Notifications", bus);
    if (!service.isValid())
        return false;
    constexpr int kShowForMs = 8000;
    const QDBusReply<uint> reply =
        service.call("Notify", QStringLiteral("Cepstra"), uint(0), QStringLiteral("cepstra"), title,
                     body, QStringList{}, QVariantMap{}, kShowForMs);
    return reply.isValid();
}

} // namespace cepstra::ui
