// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/Result.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cepstra {

/// Linux paths are bytes, not UTF-8. These functions carry any byte string through JSON and
/// onto the screen without loss or a throw (nlohmann's dump() throws on invalid UTF-8).

/// JSON text for `value`, as nlohmann's dump(indent) writes it, except that a byte that is not
/// part of valid UTF-8 is written as the escape \udcXX (XX its value): Python's surrogateescape
/// convention, so `os.fsencode(json.loads(text)["path"])` gives back the exact bytes.
std::string dumpJson(const nlohmann::json& value, int indent = -1);
std::string dumpJson(const nlohmann::ordered_json& value, int indent = -1);

/// Reads a JSON array of strings as dumpJson writes it, turning \udc80-\udcff back into bytes.
Result<std::vector<std::string>> parseJsonStringArray(std::string_view text);

/// Parses a JSON document a person wrote (a config, a manifest line). A document that nests
/// lists or objects more than `maxDepth` deep is refused before parsing, so hostile input
/// cannot exhaust the stack; text that is not JSON fails with where and why. Messages have no
/// subject, so callers name the document: "is not valid JSON: line 3, column 7: syntax error
/// while parsing object - unexpected '}'; expected string literal" (Malformed), "nests lists
/// or objects more than 8 deep; ..." (InvalidConfig).
Result<nlohmann::json> parseJsonText(std::string_view text, int maxDepth = 8);

/// `bytes` as valid UTF-8 on one line, for people: each invalid byte is shown as \xE9 and each
/// control character (a line break, a tab) as \x0A. Not reversible.
std::string displayText(std::string_view bytes);

/// The code points of `bytes`: valid UTF-8 decoded, any other byte b as U+DC00+b (Python's
/// surrogateescape), so that os.fsencode() of the text gives the exact bytes back.
std::u32string codePointsOf(std::string_view bytes);

/// True when `bytes` is valid UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool isValidUtf8(std::string_view bytes);

} // namespace cepstra
