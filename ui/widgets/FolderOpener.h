// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QUrl>

namespace cepstra::ui {

/// Opens a folder in the file manager, or a web page in the browser, and says when nothing
/// could. On Linux it runs xdg-open itself and waits for its answer: QDesktopServices reports
/// success as soon as xdg-open starts, even when it then finds no method ("xdg-open: no method
/// available") and nothing opens. Elsewhere it asks QDesktopServices. UI thread only.
class FolderOpener : public QObject {
    Q_OBJECT

public:
    explicit FolderOpener(QObject* parent = nullptr);
    /// Opens `url` (a local folder or a web address); failed() follows when nothing opens it.
    void open(const QUrl& url);

signals:
    /// Nothing could open `url`; `why` says what happened, for the message.
    void failed(const QUrl& url, const QString& why);
};

} // namespace cepstra::ui
