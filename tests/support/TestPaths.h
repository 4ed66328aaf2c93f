// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cepstra::test {

/// $CEPSTRA_GOLDEN_DIR, or ../shared/golden beside the checkout.
QString goldenDirectory();

/// The cepstra-cli binary this build produced.
QString cliPath();

/// Debian's python3 with numpy (the first python3 on PATH may lack numpy).
QString numpyPython();

} // namespace cepstra::test
