// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/JsonText.h"

#include <nlohmann/json.hpp>

#include <set>

#include <cstdio>

namespace cepstra {
namespace {

using nlohmann::json;

/// The length of the valid UTF-8 sequence starting at `at`, or 0 if none starts there.
std::size_t validSequenceLength(std::string_view bytes, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // the allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlongs
        high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
    } else
        return 0;
    if (at + length > bytes.size() || byte(at + 1) < low || byte(at + 1) > high)
        return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (byte(at + i) < 0x80 || byte(at + i) > 0xBF)
            return 0;
    return length;
}

void appendEscape(std::string& out, unsigned code) {
    char text[8];
    std::snprintf(text, sizeof(text), "\\u%04x", code);
    out += text;
}

void writeString(std::string_view bytes, std::string& out) {
    out += '"';
    for (std::size_t at = 0; at < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes[at]);
        const std::size_t length = validSequenceLength(bytes, at);
        if (length == 0) {
            appendEscape(out, 0xDC00u + c);
            ++at;
            continue;
        }
        if (length > 1) {
            out.append(bytes.substr(at, length));
            at += length;
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20)
                appendEscape(out, c);
            else
                out += char(c);
        }
        ++at;
    }
    out += '"';
}

void newline(std::string& out, int indent, int level) {
    if (indent < 0)
        return;
    out += '\n';
    out.append(std::size_t(indent) * std::size_t(level), ' ');
}

template <typename Json> void write(const Json& value, std::string& out, int indent, int level) {
    if (value.is_string())
        return writeString(value.template get_ref<const std::string&>(), out);
    if (value.is_object() || value.is_array()) {
        const bool object = value.is_object();
        if (value.empty()) {
            out += object ? "{}" : "[]";
            return;
        }
        out += object ? '{' : '[';
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!first)
                out += ',';
            first = false;
            newline(out, indent, level + 1);
            if (object) {
                writeString(it.key(), out);
                out += indent < 0 ? ":" : ": ";
            }
            write(*it, out, indent, level + 1);
        }
        newline(out, indent, level);
        out += object ? '}' : ']';
        return;
    }
    out += value.dump(); // numbers, booleans and null hold no text
}

/// A minimal reader for the arrays writeString produces (and any other JSON string array).
class StringArrayReader {
public:
    explicit StringArrayReader(std::string_view text)
        : m_text(text) {}

    Result<std::vector<std::string>> read() {
        std::vector<std::string> items;
        skipSpace();
        if (!take('['))
            return malformed("expected [");
        skipSpace();
        if (take(']'))
            return finish(std::move(items));
        for (;;) {
            skipSpace();
            std::string item;
            if (!readString(item))
                return malformed("expected a string");
            items.push_back(std::move(item));
            skipSpace();
            if (take(']'))
                return finish(std::move(items));
            if (!take(','))
                return malformed("expected , or ]");
        }
    }

private:
    Result<std::vector<std::string>> finish(std::vector<std::string> items) {
        skipSpace();
        if (m_at != m_text.size())
            return malformed("text after the array");
        return items;
    }
    Error malformed(const char* what) const {
        return {ErrorKind::Malformed, std::string("not a JSON array of strings (") + what +
                                          " at offset " + std::to_string(m_at) + ")"};
    }
    void skipSpace() {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\n' ||
                                        m_text[m_at] == '\r' || m_text[m_at] == '\t'))
            ++m_at;
    }
    bool take(char c) {
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool readHex4(unsigned& code) {
        if (m_at + 4 > m_text.size())
            return false;
        code = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_at++];
            code <<= 4;
            if (c >= '0' && c <= '9')
                code |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f')
                code |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                code |= unsigned(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }
    static void appendUtf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += char(code);
        } else if (code < 0x800) {
            out += char(0xC0 | (code >> 6));
            out += char(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += char(0xE0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        } else {
            out += char(0xF0 | (code >> 18));
            out += char(0x80 | ((code >> 12) & 0x3F));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        }
    }
    bool readEscape(std::string& out) {
        if (m_at >= m_text.size())
            return false;
        const char c = m_text[m_at++];
        switch (c) {
        case '"':
            out += '"';
            return true;
        case '\\':
            out += '\\';
            return true;
        case '/':
            out += '/';
            return true;
        case 'b':
            out += '\b';
            return true;
        case 'f':
            out += '\f';
            return true;
        case 'n':
            out += '\n';
            return true;
        case 'r':
            out += '\r';
            return true;
        case 't':
            out += '\t';
            return true;
        case 'u':
            break;
        default:
            return false;
        }
        unsigned code = 0;
        if (!readHex4(code))
            return false;
        if (code >= 0xDC80 && code <= 0xDCFF) { // surrogateescape: one raw byte
            out += char(code - 0xDC00);
            return true;
        }
        if (code >= 0xD800 && code <= 0xDBFF) { // a pair
            unsigned low = 0;
            if (!take('\\') || !take('u') || !readHex4(low) || low < 0xDC00 || low > 0xDFFF)
                return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        } else if (code >= 0xDC00 && code <= 0xDFFF) {
            return false;
        }
        appendUtf8(out, code);
        return true;
    }
    bool readString(std::string& out) {
        if (!take('"'))
            return false;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at++];
            if (c == '"')
                return true;
            if (c == '\\') {
                if (!readEscape(out))
                    return false;
            } else if (static_cast<unsigned char>(c) < 0x20) {
                return false;
            } else {
                out += c;
            }
        }
        return false;
    }

    std::string_view m_text;
    std::size_t m_at = 0;
};

} // namespace

std::string dumpJson(const json& value, int indent) {
    std::string out;
    write(value, out, indent, 0);
    return out;
}

std::string dumpJson(const nlohmann::ordered_json& value, int indent) {
    std::string out;
    write(value, out, indent, 0);
    return out;
}

Result<std::vector<std::string>> parseJsonStringArray(std::string_view text) {
    return StringArrayReader(text).read();
}

std::string displayText(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t length = validSequenceLength(bytes, at);
        const auto byte = static_cast<unsigned char>(bytes[at]);
        // A control character (a newline in a file name) would break the line it is shown on.
        if (length == 0 || byte < 0x20 || byte == 0x7F) {
            char text[8];
            std::snprintf(text, sizeof(text), "\\x%02X", static_cast<unsigned char>(bytes[at]));
            out += text;
            ++at;
        } else {
            out.append(bytes.substr(at, length));
            at += length;
        }
    }
    return out;
}

std::u32string codePointsOf(std::string_view bytes) {
    std::u32string codes;
    for (std::size_t at = 0; at < bytes.size();) {
        const auto lead = static_cast<unsigned char>(bytes[at]);
        const std::size_t length = validSequenceLength(bytes, at);
        if (length == 0) {
            codes.push_back(char32_t(0xDC00u + lead));
            ++at;
            continue;
        }
        // The lead byte's payload bits, then six from each continuation byte.
        static constexpr unsigned kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
        char32_t code = lead & kLeadMask[length];
        for (std::size_t i = 1; i < length; ++i)
            code = (code << 6) | (static_cast<unsigned char>(bytes[at + i]) & 0x3Fu);
        codes.push_back(code);
        at += length;
    }
    return codes;
}

bool isValidUtf8(std::string_view bytes) {
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t length = validSequenceLength(bytes, at);
        if (length == 0)
            return false;
        at += length;
    }
    return true;
}

Result<nlohmann::json> parseJsonText(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return Error{ErrorKind::InvalidConfig,
                             "nests lists or objects more than " + std::to_string(maxDepth) +
                                 " deep; give one object of numbers, text and flat lists"};
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    // A key given twice in one object: nlohmann keeps the last in silence; a person meant one.
    std::vector<std::set<std::string>> keysOfOpenObjects;
    std::string repeatedKey;
    const auto watchKeys = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (event == Event::object_start)
            keysOfOpenObjects.emplace_back();
        else if (event == Event::object_end && !keysOfOpenObjects.empty())
            keysOfOpenObjects.pop_back();
        else if (event == Event::key && !keysOfOpenObjects.empty() && repeatedKey.empty() &&
                 !keysOfOpenObjects.back().insert(parsed.get<std::string>()).second)
            repeatedKey = parsed.get<std::string>();
        return true;
    };
    try {
        nlohmann::json document = nlohmann::json::parse(text, watchKeys);
        if (!repeatedKey.empty())
            return Error{ErrorKind::Malformed, "names the key \"" + displayText(repeatedKey) +
                                                   "\" twice; give each key once"};
        return document;
    } catch (const nlohmann::json::out_of_range& error) { // 1e400: a number no double holds
        std::string reason = error.what();
        if (const auto bracket = reason.find("] "); bracket != std::string::npos)
            reason = reason.substr(bracket + 2);
        return Error{ErrorKind::Malformed, "is not valid JSON: " + displayText(reason)};
    } catch (const nlohmann::json::parse_error& error) {
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error..."
        std::string reason = error.what();
        const std::string_view marker = "parse error at ";
        if (const auto at = reason.find(marker); at != std::string::npos)
            reason = reason.substr(at + marker.size());
        else if (const auto bracket = reason.find("] "); bracket != std::string::npos)
            reason = reason.substr(bracket + 2);
        return Error{ErrorKind::Malformed, "is not valid JSON: " + displayText(reason)};
    }
}

} // namespace cepstra
