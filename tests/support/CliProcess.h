// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace cepstra::test {

struct CliRun {
    int exitCode = -1; ///< -1 when it crashed or timed out
    QString standardOutput;
    QString standardError;
};

/// Runs the built cepstra-cli with no standard input and waits for it.
CliRun runCli(const QStringList& arguments, int timeoutMs = 300000);

/// Permissions stop everyone but root. As root, runs the CLI as nobody (setpriv, util-linux),
/// so that a file or folder made unreadable is unreadable to it too; `workFolder` is opened
/// up to it. Otherwise the same as runCli.
CliRun runCliAsUser(const QString& workFolder, const QStringList& arguments);

/// Every file under `root` (hidden ones too), relative path -> its bytes and modification time.
struct FileSnapshot {
    QByteArray bytes;
    qint64 mtimeNs = 0;
    bool operator==(const FileSnapshot&) const = default;
};
QMap<QString, FileSnapshot> snapshotFolder(const QString& root);

/// snapshotFolder, keeping only the .npy files.
QMap<QString, FileSnapshot> snapshotNpyFiles(const QString& root);

/// Rows of an SQL query on a SQLite file, each row's columns joined with '|'. `writable` opens
/// it for writing, for tests that damage a catalog on purpose.
QStringList queryDatabase(const QString& databasePath, const QString& sql, bool writable = false);

/// Writes bytes to a file, creating its folder.
bool writeBytes(const QString& path, const QByteArray& bytes);

} // namespace cepstra::test
