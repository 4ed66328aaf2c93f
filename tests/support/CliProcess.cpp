// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CliProcess.h"

#include "tests/support/TestPaths.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cepstra::test {

CliRun runCli(const QStringList& arguments, int timeoutMs) {
    QProcess process;
    process.start(cliPath(), arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

CliRun runCliAsUser(const QString& workFolder, const QStringList& arguments) {
    if (::geteuid() != 0)
        return runCli(arguments);
    ::chmod(QFile::encodeName(workFolder).constData(), 0777);
    QProcess process;
    process.start("/usr/bin/setpriv",
                  QStringList{"--reuid=65534", "--regid=65534", "--clear-groups", cliPath()} +
                      arguments);
    process.closeWriteChannel();
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QMap<QString, FileSnapshot> snapshotFolder(const QString& root) {
    QMap<QString, FileSnapshot> snapshot;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        struct stat info {};
        ::stat(QFile::encodeName(path).constData(), &info);
        snapshot.insert(
            QDir(root).relativeFilePath(path),
            {file.readAll(), qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec});
    }
    return snapshot;
}

QMap<QString, FileSnapshot> snapshotNpyFiles(const QString& root) {
    QMap<QString, FileSnapshot> files = snapshotFolder(root);
    for (auto it = files.begin(); it != files.end();)
        it = it.key().endsWith(".npy") ? std::next(it) : files.erase(it);
    return files;
}

QStringList queryDatabase(const QString& databasePath, const QString& sql, bool writable) {
    QStringList rows;
    sqlite3* database = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(databasePath).constData(), &database,
                        writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                        nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(database, sql.toUtf8().constData(), -1, &statement, nullptr) ==
            SQLITE_OK) {
            while (sqlite3_step(statement) == SQLITE_ROW) {
                QStringList columns;
                for (int c = 0; c < sqlite3_column_count(statement); ++c) {
                    const auto* text = sqlite3_column_text(statement, c);
                    columns << (text ? QString::fromUtf8(reinterpret_cast<const char*>(text))
                                     : QString("NULL"));
                }
                rows << columns.join('|');
            }
        } else {
            rows << QString("SQL ERROR: ") + sqlite3_errmsg(database);
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(database);
    return rows;
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace cepstra::test
