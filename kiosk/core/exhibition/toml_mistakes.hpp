#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amanat {

// A TOML syntax error explained as the mistake staff most likely made, read from
// the bytes of the line the parser stopped on: quotes a word processor curled
// (“ ” ‘ ’ « »), a text with no closing quote or with a quote inside it, a text
// not in quotes, a key with a space, a missing '=', an unclosed [heading].
struct TomlMistake {
    std::string message;  // what is wrong, in plain words
    std::string fix;      // what to type instead
    int column = 0;       // 1-based, in characters, of the place to look at
    int line = 0;         // the line of that place when the parser stopped on a later one; else 0
};

// `content` is the whole file; `line` (1-based) where the parser stopped;
// `description` the parser's own words. Nothing when the line shows none of these
// mistakes (the parser's words are then the best there is).
std::optional<TomlMistake> explain_toml_mistake(std::string_view content, int line,
                                                std::string_view description);

}  // namespace amanat
