// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/JsonText.h"

#include <QString>

#include <string_view>

namespace cepstra {

/// A path's bytes for the screen: UTF-8 as it is, any other byte shown as \xE9. File access
/// keeps the bytes themselves (a QString cannot hold them); this is only for display and for
/// matching the core's paths to tree items.
inline QString displayPath(std::string_view bytes) {
    return QString::fromStdString(displayText(bytes));
}

} // namespace cepstra
