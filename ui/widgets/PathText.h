// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/JsonText.h"

#include <QString>

#include <string_view>

namespace cepstra {

/// UTF-8 text from the core (a name, a message, an enum's name) as a QString: the one
/// conversion every panel uses. Paths, which may not be UTF-8, go through displayPath().
inline QString toQString(std::string_view utf8) {
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

/// A path's bytes for the screen: UTF-8 as it is, any other byte shown as \xE9. File access
/// keeps the bytes themselves (a QString cannot hold them); this is only for display and for
/// matching the core's paths to tree items.
inline QString displayPath(std::string_view bytes) {
    return QString::fromStdString(displayText(bytes));
}

} // namespace cepstra
