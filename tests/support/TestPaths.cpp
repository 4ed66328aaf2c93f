// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestPaths.h"

#include <QDir>

namespace cepstra::test {

QString goldenDirectory(GoldenSet set) {
    const QString fromEnvironment = qEnvironmentVariable("CEPSTRA_GOLDEN_DIR");
    const QString reference = QDir::cleanPath(
        fromEnvironment.isEmpty() ? QStringLiteral(CEPSTRA_GOLDEN_DIR_DEFAULT) : fromEnvironment);
    return set == GoldenSet::Reference ? reference : reference + QStringLiteral("-quiet");
}

QString cliPath() {
    return QStringLiteral(CEPSTRA_CLI_PATH);
}

QString numpyPython() {
    return QStringLiteral("/usr/bin/python3");
}

} // namespace cepstra::test
