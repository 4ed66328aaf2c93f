// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace cepstra::test {

/// The team's librosa reference sets: `golden` (81 cases) and `golden-quiet` (16 cases that
/// look hard at bands far below a frame's peak), in the same layout.
enum class GoldenSet { Reference, Quiet };

/// $CEPSTRA_GOLDEN_DIR, or ../shared/golden beside the checkout; the quiet set is the
/// `golden-quiet` folder beside it.
QString goldenDirectory(GoldenSet set = GoldenSet::Reference);

/// The cepstra-cli binary this build produced.
QString cliPath();

/// Debian's python3 with numpy (the first python3 on PATH may lack numpy).
QString numpyPython();

} // namespace cepstra::test
