// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cepstra::ui {

/// View > Dark theme: Fusion with a dark palette whose text, links and fields keep their
/// contrast, or Fusion's own light one. UI thread only.
void applyTheme(bool dark);

} // namespace cepstra::ui
