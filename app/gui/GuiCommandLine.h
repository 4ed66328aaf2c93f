// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The desktop app's command line, declared once: main() builds its QCommandLineParser from it
// and cepstra-manpage writes cepstra.1 from it. Qt-free, so the generator needs no Qt.

#include <string_view>

namespace cepstra::gui {

inline constexpr std::string_view kDescription =
    "Cepstra: librosa-identical mel spectrograms and MFCCs for audio datasets";

/// The one positional argument.
struct PositionalArgument {
    std::string_view name;
    std::string_view description;
    std::string_view syntax;
};
inline constexpr PositionalArgument kPathArgument{
    "path",
    "A dataset folder (one subfolder per label, or a root with its metadata) or an audio clip",
    "[path]"};

/// What QCommandLineParser's addHelpOption() and addVersionOption() add, as Qt 6 names them.
struct BuiltInOption {
    std::string_view names;
    std::string_view description;
};
inline constexpr BuiltInOption kBuiltInOptions[] = {
    {"-h, --help", "Displays help on commandline options."},
    {"--help-all", "Displays help, including generic Qt options."},
    {"-v, --version", "Displays version information."},
};

} // namespace cepstra::gui
