// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestPaths.h"

#include <QDir>

namespace cepstra::test {

QString goldenDirectory() {
    const QString fromEnvironment = qEnvironmentVariable("CEPSTRA_GOLDEN_DIR");
    return QDir::cleanPath(fromEnvironment.isEmpty() ? QStringLiteral(CEPSTRA_GOLDEN_DIR_DEFAULT)
                                                     : fromEnvironment);
}

QString cliPath() {
    return QStringLiteral(CEPSTRA_CLI_PATH);
}

QString numpyPython() {
    return QStringLiteral("/usr/bin/python3");
}

} // namespace cepstra::test
