// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/FolderOpener.h"

#include <QDesktopServices>
#include <QProcess>

namespace cepstra::ui {

FolderOpener::FolderOpener(QObject* parent)
    : QObject(parent) {}

void FolderOpener::open(const QUrl& url) {
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    auto* process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::errorOccurred, this,
            [this, process, url](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart)
                    return;
                process->deleteLater();
                emit failed(url,
                            tr("xdg-open, which opens files and folders on Linux desktops, is not "
                               "installed"));
            });
    connect(process, &QProcess::finished, this, [this, process, url](int exitCode) {
        process->deleteLater();
        const QString said = QString::fromLocal8Bit(process->readAll()).trimmed();
        if (exitCode != 0)
            emit failed(url,
                        said.isEmpty() ? tr("xdg-open ended with code %1").arg(exitCode) : said);
    });
    process->start("xdg-open", {url.isLocalFile() ? url.toLocalFile() : url.toString()});
#else
    if (!QDesktopServices::openUrl(url))
        emit failed(url, tr("no application is set to open it"));
#endif
}

} // namespace cepstra::ui
