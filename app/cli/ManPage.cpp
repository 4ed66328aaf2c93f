// SPDX-License-Identifier: GPL-3.0-or-later
// cepstra-manpage cli|gui TEMPLATE: writes cepstra-cli.1 (or cepstra.1) at build time from the
// program's own options, help texts and settings declarations, at the template's marker lines
// (".\" SYNOPSIS", ".\" COMMANDS", ".\" OPTIONS"), so each man page says what --help says.
#include "app/cli/CliApp.h"
#include "app/gui/GuiCommandLine.h"
#include "core/features/ConfigParameters.h"
#include "core/health/HealthThresholds.h"
#include "core/util/JsonText.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using namespace cepstra;

/// A word as troff shows it literally: backslashes and hyphens escaped.
std::string roffWord(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
    }
    return out;
}

/// Text as troff shows it literally, ending in a newline: no line taken for a request.
std::string roff(std::string_view text) {
    std::string escaped;
    std::istringstream lines(roffWord(text));
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && (line.front() == '.' || line.front() == '\''))
            line.insert(0, "\\&");
        escaped += line + "\n";
    }
    return escaped;
}

/// The names an option has on the command line, "--jobs" and "-j", or "INPUT".
std::vector<std::string> namesOf(const CLI::Option& option) {
    if (option.get_positional())
        return {option.get_name(true)};
    std::vector<std::string> names;
    for (const std::string& name : option.get_lnames())
        names.push_back("--" + name);
    for (const std::string& name : option.get_snames())
        names.push_back("-" + name);
    return names;
}

void writeSynopsis(std::ostream& out, const CLI::App& command) {
    out << ".B cepstra-cli " << command.get_name() << "\n";
    for (const CLI::Option* option : command.get_options()) {
        const std::string name = namesOf(*option).front();
        if (name == "--help") // every command has it; COMMANDS lists it
            continue;
        if (option->get_positional())
            out << ".I " << name << "\n";
        else if (option->get_type_name().empty()) // a flag
            out << ".RB [ " << roffWord(name) << " ]\n";
        else
            out << ".RB [ " << roffWord(name) << "\n.IR \"" << roffWord(option->get_type_name())
                << "\" ]\n";
    }
    out << ".br\n";
}

void writeCommand(std::ostream& out, const CLI::App& command) {
    out << ".SS " << command.get_name() << "\n" << roff(command.get_description());
    for (const CLI::Option* option : command.get_options()) {
        std::string names;
        for (const std::string& name : namesOf(*option))
            names += (names.empty() ? "" : ", ") + name;
        out << ".TP\n.B " << roff(names);
        if (!option->get_positional() && !option->get_type_name().empty())
            out << ".I " << roff(option->get_type_name());
        out << roff(option->get_description());
    }
    if (!command.get_footer().empty())
        out << ".PP\n" << roff(command.get_footer());
}

template <typename Table>
void writeSettings(std::ostream& out, const char* title, const Table& table,
                   const nlohmann::json& defaults) {
    out << ".SH " << title << "\n";
    for (const auto& setting : table) {
        out << ".TP\n.B " << roff(setting.key);
        const nlohmann::json value = defaults.value(std::string(setting.key), nlohmann::json());
        out << roff(std::string(setting.doc) + ". Default " + dumpJson(value) + "; accepts " +
                    describeAccepts(setting) + ".");
    }
}

/// The generated part of cepstra-cli.1 that belongs at `marker`, if it is one of its markers.
bool writeCliPart(std::ostream& out, const std::string& marker, const CLI::App& app) {
    const auto commands = app.get_subcommands({});
    if (marker == ".\\\" SYNOPSIS") {
        for (const CLI::App* command : commands)
            writeSynopsis(out, *command);
        return true;
    }
    if (marker == ".\\\" COMMANDS") {
        for (const CLI::App* command : commands)
            writeCommand(out, *command);
        writeSettings(out, "PARAMETERS", parameterTable(), toJson(FeatureConfig{}));
        writeSettings(out, "CHECK THRESHOLDS", healthThresholdTable(), toJson(HealthThresholds{}));
        return true;
    }
    return false;
}

/// The generated part of cepstra.1 that belongs at `marker`.
bool writeGuiPart(std::ostream& out, const std::string& marker) {
    using namespace cepstra::gui;
    if (marker == ".\\\" SYNOPSIS") {
        out << ".B cepstra\n.RI " << roffWord(kPathArgument.syntax) << "\n";
        return true;
    }
    if (marker == ".\\\" OPTIONS") {
        out << ".TP\n.I " << roffWord(kPathArgument.name) << "\n"
            << roff(kPathArgument.description);
        for (const BuiltInOption& option : kBuiltInOptions)
            out << ".TP\n.B " << roff(option.names) << roff(option.description);
        return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    const std::string page = argc == 3 ? argv[1] : "";
    if (page != "cli" && page != "gui") {
        std::cerr << "usage: cepstra-manpage cli|gui TEMPLATE > PAGE.1\n";
        return 2;
    }
    std::ifstream templateFile(argv[2]);
    if (!templateFile) {
        std::cerr << "cepstra-manpage: cannot read " << argv[2] << "\n";
        return 1;
    }
    const auto cli = cepstra::cli::makeCliApp();
    for (std::string line; std::getline(templateFile, line);) {
        const bool generated =
            page == "cli" ? writeCliPart(std::cout, line, cli->app) : writeGuiPart(std::cout, line);
        if (!generated)
            std::cout << line << "\n";
    }
    std::cout.flush();
    return std::cout ? 0 : 1;
}
