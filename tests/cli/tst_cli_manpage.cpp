// SPDX-License-Identifier: GPL-3.0-or-later
// The man page is generated from the commands: every option --help shows for a subcommand is
// in cepstra-cli.1 under that subcommand, and every option the man page lists there is in
// --help. Also the settings listings: params --checks and --export list their declarations.
#include "core/export/ExportOptions.h"
#include "core/health/HealthThresholds.h"
#include "tests/support/CliProcess.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace cepstra;
using namespace cepstra::test;

namespace {

/// The subcommands `cepstra-cli --help` lists.
QStringList subcommands() {
    const QString help = runCli({"--help"}).standardOutput;
    QStringList names;
    bool inList = false;
    for (const QString& line : help.split('\n')) {
        if (line.startsWith("Subcommands:")) {
            inList = true;
            continue;
        }
        if (inList && line.startsWith("  ") && !line.startsWith("   "))
            names << line.trimmed().section(' ', 0, 0);
        else if (inList && !line.startsWith(" "))
            inList = false;
    }
    return names;
}

/// The option names in the "Options:" block of a command's --help.
QSet<QString> helpOptions(const QString& command) {
    const QString help = runCli({command, "--help"}).standardOutput;
    QSet<QString> names;
    bool inOptions = false;
    for (const QString& line : help.split('\n')) {
        if (line.startsWith("Options:")) {
            inOptions = true;
            continue;
        }
        if (!inOptions)
            continue;
        if (!line.startsWith(" "))
            break;
        const QString first = line.trimmed().section(' ', 0, 0);
        if (line.startsWith("  -"))
            for (const QString& name : first.split(','))
                names << name;
    }
    return names;
}

/// The option names the man page lists under ".SS <command>".
QSet<QString> manOptions(const QString& page, const QString& command) {
    QSet<QString> names;
    const qsizetype start = page.indexOf("\n.SS " + command + "\n");
    if (start < 0)
        return names;
    qsizetype end = page.indexOf(QRegularExpression("\n\\.S[SH] "), start + 1);
    const QString section = page.mid(start, end < 0 ? -1 : end - start);
    const QRegularExpression entry("\n\\.TP\n\\.B ([^\n]+)\n");
    for (auto match = entry.globalMatch(section); match.hasNext();) {
        const QString listed = match.next().captured(1);
        for (const QString& name : listed.split(", "))
            if (name.startsWith("\\-"))
                names << QString(name).replace("\\-", "-");
    }
    return names;
}

} // namespace

class TestCliManPage : public QObject {
    Q_OBJECT

private slots:
    void everyOptionOfEveryCommandIsInTheManPage() {
        QFile file(CEPSTRA_CLI_MANPAGE);
        QVERIFY2(file.open(QIODevice::ReadOnly), CEPSTRA_CLI_MANPAGE);
        const QString page = QString::fromUtf8(file.readAll());
        const QStringList commands = subcommands();
        QVERIFY(commands.contains("run") && commands.contains("export") && commands.size() >= 9);
        for (const QString& command : commands) {
            const QSet<QString> help = helpOptions(command), man = manOptions(page, command);
            QVERIFY2(!help.isEmpty(), qPrintable(command));
            QVERIFY2(help == man, qPrintable(command + ": --help " + help.values().join(' ') +
                                             " | man " + man.values().join(' ')));
        }
        // A setting declared once is in the man page with its doc.
        for (const auto& setting : healthThresholdTable())
            QVERIFY2(page.contains(".B " + QString::fromUtf8(setting.key.data(),
                                                             qsizetype(setting.key.size()))),
                     setting.key.data());
    }

    /// params lists each table from its declarations: --checks the thresholds, --export the
    /// export options, with their defaults.
    void paramsListsEveryTable() {
        for (const auto& [flag, keys] :
             {std::pair{QString("--checks"), declarationsOf(healthThresholdTable())},
              std::pair{QString("--export"), declarationsOf(exportOptionTable())}}) {
            const CliRun run = runCli({"params", flag, "--format", "json"});
            QCOMPARE(run.exitCode, 0);
            const auto listed = nlohmann::json::parse(run.standardOutput.toStdString());
            QCOMPARE(listed.size(), keys.size());
            for (std::size_t i = 0; i < keys.size(); ++i)
                QCOMPARE(listed[i]["key"].get<std::string>(), std::string(keys[i]->key));
        }
        const auto exportDefaults = nlohmann::json::parse(
            runCli({"params", "--export", "--format", "json"}).standardOutput.toStdString());
        QCOMPARE(exportDefaults[1]["default"].get<std::string>(), std::string("none")); // scaler
        QVERIFY(runCli({"params", "--export"}).standardOutput.contains("segment_hop"));
    }

    /// The README's export options table is the one the declarations print.
    void readmeExportOptionsAreTheDeclaredOnes() {
        QFile readme(QStringLiteral(CEPSTRA_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const qsizetype begin = text.indexOf("<!-- export-options:begin");
        const qsizetype end = text.indexOf("<!-- export-options:end -->");
        QVERIFY(begin >= 0 && end > begin);
        const qsizetype firstRow = text.indexOf('\n', begin) + 1;
        const CliRun printed = runCli({"params", "--export", "--format", "markdown"});
        QCOMPARE(printed.exitCode, 0);
        QCOMPARE(text.mid(firstRow, end - firstRow), printed.standardOutput);
    }
};

QTEST_GUILESS_MAIN(TestCliManPage)
#include "tst_cli_manpage.moc"
