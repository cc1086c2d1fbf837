#include "core/exhibition/toml_mistakes.hpp"

#include <array>
#include <cctype>

#include "core/files/showable_text.hpp"

namespace amanat {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// Quotes word processors and keyboards put where TOML needs " or '.
constexpr std::array<std::string_view, 14> kCurlyQuotes = {
    "\u201C", "\u201D", "\u201E", "\u201F", "\u2018", "\u2019", "\u201A",
    "\u201B", "\u00AB", "\u00BB", "\u2039", "\u203A", "\uFF02", "\u2033",
};

std::string_view curly_quote_at(std::string_view text, std::size_t at) {
    for (std::string_view quote : kCurlyQuotes)
        if (text.substr(at).starts_with(quote)) return quote;
    return {};
}

std::size_t find_curly_quote(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i)
        if (!curly_quote_at(text, i).empty()) return i;
    return npos;
}

// The 1-based column, in characters, of the byte at `at`.
int column_of(std::string_view line, std::size_t at) {
    int column = 1;
    for (std::size_t i = 0; i < at && i < line.size(); ++i)
        column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 ? 1 : 0;
    return column;
}

std::string_view line_at(std::string_view content, int number) {
    std::size_t start = 0;
    for (int line = 1; line < number; ++line) {
        start = content.find('\n', start);
        if (start == npos) return {};
        ++start;
    }
    std::string_view line = content.substr(start, content.find('\n', start) - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    return at;
}

std::string_view trim(std::string_view text) {
    const std::size_t start = skip_spaces(text, 0);
    std::size_t end = text.size();
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    return text.substr(start, end - start);
}

// The first '=' outside quotes, or npos.
std::size_t equals_sign(std::string_view line) {
    char open = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (open == 0 && (line[i] == '"' || line[i] == '\'')) {
            open = line[i];
        } else if (open != 0 && line[i] == open) {
            open = 0;
        } else if (open == '"' && line[i] == '\\') {
            ++i;
        } else if (open == 0 && line[i] == '=') {
            return i;
        } else if (open == 0 && line[i] == '#') {
            return npos;
        }
    }
    return npos;
}

// Where a "..." text opened at `open` closes, or npos.
std::size_t closing_quote(std::string_view line, std::size_t open, char quote) {
    for (std::size_t i = open + 1; i < line.size(); ++i) {
        if (quote == '"' && line[i] == '\\') {
            ++i;
        } else if (line[i] == quote) {
            return i;
        }
    }
    return npos;
}

// What the staff member wrote between the quotes, for the example in a fix;
// shortened at a character's start when long.
std::string written_text(std::string_view value) {
    std::string_view text = trim(value);
    if (const auto open = curly_quote_at(text, 0); !open.empty()) {
        text.remove_prefix(open.size());
    } else if (!text.empty() && (text[0] == '"' || text[0] == '\'')) {
        text.remove_prefix(1);
    }
    if (const auto close = find_curly_quote(text, 0); close != npos) {
        text = text.substr(0, close);
    } else if (const auto straight = text.find_last_of("\"'"); straight != npos) {
        text = text.substr(0, straight);
    }
    constexpr std::size_t kLongest = 40;
    if (text.size() <= kLongest) return std::string(text);
    std::size_t cut = kLongest;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

std::string straight(std::string_view key, std::string_view value) {
    return std::string(key) + " = \"" + written_text(value) + "\"";
}

// A key as staff write them (title.en, inventory_number, "kk-Latn"), short enough to quote.
bool plain_key(std::string_view key) {
    if (key.empty() || key.size() > 60) return false;
    for (const char c : key) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
                        c == '"' || c == ' ';
        if (!ok) return false;
    }
    return true;
}

std::optional<TomlMistake> heading_mistake(std::string_view line, std::size_t start) {
    std::string_view heading = trim(line.substr(start, line.find('#', start) - start));
    if (heading.size() > 60) return std::nullopt;
    const bool double_brackets = heading.starts_with("[[");
    const std::string_view close = double_brackets ? "]]" : "]";
    if (heading.ends_with(close)) return std::nullopt;
    std::string_view name = heading.substr(double_brackets ? 2 : 1);
    while (!name.empty() && name.back() == ']') name.remove_suffix(1);
    const std::string open(double_brackets ? "[[" : "[");
    return TomlMistake{
        "the heading " + std::string(heading) + " is not closed",
        "end it with " + std::string(close) + ": " + open + std::string(trim(name)) + std::string(close),
        column_of(line, start + heading.size())};
}

// `inventory number = ...`: a space inside a part of the key (around dots is allowed).
std::optional<TomlMistake> key_with_space(std::string_view line, std::size_t start, std::size_t equals) {
    const std::string_view key = trim(line.substr(start, equals - start));
    if (key.find_first_of("\"'") != npos || !plain_key(key))
        return std::nullopt;  // a quoted key may hold anything
    for (std::size_t i = 1; i + 1 < key.size(); ++i) {
        if (key[i] != ' ' && key[i] != '\t') continue;
        const std::size_t before = key.find_last_not_of(" \t", i);
        const std::size_t after = key.find_first_not_of(" \t", i);
        if (key[before] == '.' || key[after] == '.') continue;
        std::string joined;
        for (const char c : key) joined += c == ' ' || c == '\t' ? '_' : c;
        return TomlMistake{
            "the key `" + std::string(key) + "` has a space in it; keys are written without spaces",
            "write " + joined + " (content/FORMAT.md spells every key)",
            column_of(line, start + (key.data() - line.data() - start) + i)};
    }
    return std::nullopt;
}

// `title.en "Dombra"`: a key and its value with no '=' between them.
// “title”.en = ...: a key in curly quotes.
std::optional<TomlMistake> curly_key(std::string_view line, std::size_t start) {
    const std::size_t equals = line.find('=');
    std::string key(trim(line.substr(start, equals == npos ? npos : equals - start)));
    for (const std::string_view quote : kCurlyQuotes) {
        for (std::size_t at = key.find(quote); at != npos; at = key.find(quote)) key.erase(at, quote.size());
    }
    if (!plain_key(key)) return std::nullopt;
    return TomlMistake{"the key starts with a curly quote " + std::string(curly_quote_at(line, start)) +
                           "; keys are written without quotes",
                       "write the key without them: " + key + " = ...", column_of(line, start)};
}

std::optional<TomlMistake> missing_equals(std::string_view line, std::size_t start,
                                          std::string_view description) {
    if (description.find("'='") == npos) return std::nullopt;
    const std::size_t end = line.find_first_of(" \t\"':", start);
    if (end == npos || end == start) return std::nullopt;
    const std::string_view key = line.substr(start, end - start);
    if (!plain_key(key)) return std::nullopt;
    if (line[end] == ':') {  // title.en: "Dombra", as YAML and JSON write it
        return TomlMistake{"`" + std::string(key) + "` is followed by : where TOML has =",
                           "write " + std::string(key) + " = " + std::string(trim(line.substr(end + 1))),
                           column_of(line, end)};
    }
    const std::size_t value = skip_spaces(line, end);
    const bool quoted = value < line.size() &&
                        (line[value] == '"' || line[value] == '\'' || !curly_quote_at(line, value).empty());
    if (!quoted) return std::nullopt;
    return TomlMistake{"there is no = between `" + std::string(key) + "` and its text",
                       "write " + straight(key, line.substr(value)), column_of(line, end)};
}

constexpr std::string_view kStraightQuotes =
    " \u2014 TOML needs straight quotes \"...\" (word processors change them as you type)";

// A text that starts with a curly quote, in a value or in a list.
std::optional<TomlMistake> curly_start(std::string_view line, std::string_view key, std::size_t value) {
    std::size_t at = value;
    const bool list = line[value] == '[';
    if (list) at = skip_spaces(line, value + 1);
    const std::string_view quote = curly_quote_at(line, at);
    if (quote.empty()) return std::nullopt;
    if (list) {
        return TomlMistake{"the list after `" + std::string(key) + " =` has a curly quote " +
                               std::string(quote) + std::string(kStraightQuotes),
                           "retype every quote in the list as a straight quote \", like " + std::string(key) +
                               " = [\"en\", \"kk\"]",
                           column_of(line, at)};
    }
    return TomlMistake{"the text after `" + std::string(key) + " =` starts with a curly quote " +
                           std::string(quote) + std::string(kStraightQuotes),
                       "retype the quotes: " + straight(key, line.substr(value)), column_of(line, at)};
}

// A "..." text whose closing quote is missing, curled, or on a later line.
TomlMistake unclosed_text(std::string_view content, int number, std::string_view line, std::string_view key,
                          std::size_t value) {
    const std::string_view rest = line.substr(value + 1);
    if (const std::size_t curly = find_curly_quote(rest, 0); curly != npos) {
        return TomlMistake{"the text after `" + std::string(key) + " =` ends with a curly quote " +
                               std::string(curly_quote_at(rest, curly)) + std::string(kStraightQuotes),
                           "retype the last quote: " + straight(key, line.substr(value)),
                           column_of(line, value + 1 + curly)};
    }
    // Its end on a later line, before the next key: one text broken over lines.
    for (int next = number + 1; next <= number + 20; ++next) {
        const std::string_view following = trim(line_at(content, next));
        if (following.starts_with("[") || equals_sign(following) != npos) break;
        if (!following.ends_with("\"")) continue;
        return TomlMistake{"the text after `" + std::string(key) + " =` goes on over " +
                               std::to_string(next - number + 1) +
                               " lines; a text in \"...\" must end on the line it starts on",
                           "join it into one line, or write it between three quotes \"\"\"...\"\"\" to keep "
                           "its line breaks",
                           column_of(line, line.size()) + 1};
    }
    return TomlMistake{"the text after `" + std::string(key) + " =` has no closing quote \"",
                       "add \" at the end of the text: " + straight(key, line.substr(value)),
                       column_of(line, line.size()) + 1};
}

// `title.en = "The "Golden" Man"`: a straight quote inside ends the text early.
std::optional<TomlMistake> quote_inside(std::string_view line, std::string_view key, std::size_t value,
                                        std::size_t close) {
    const std::size_t after = skip_spaces(line, close + 1);
    if (after >= line.size() || line[after] == '#') return std::nullopt;
    const std::string quoted(line.substr(value, close - value + 1));
    if ((line[after] == ',' || line[after] == ';') && skip_spaces(line, after + 1) >= line.size()) {
        return TomlMistake{
            "there is a " + std::string(1, line[after]) + " after the text; a TOML line ends with its value",
            "take out the " + std::string(1, line[after]) + ": " + std::string(key) + " = " + quoted,
            column_of(line, after)};
    }
    const char quote = line[value];
    const std::size_t last = line.rfind(quote);
    const std::string inner(line.substr(value + 1, last > value ? last - value - 1 : 0));
    if (quote == '\'') {  // 'Children's toy': an apostrophe ends a text in single quotes
        return TomlMistake{
            "the text after `" + std::string(key) +
                " =` is between single quotes and has an apostrophe ' inside it, which TOML reads "
                "as the end of the text",
            "put the text between double quotes instead: " + std::string(key) + " = \"" + inner + "\"",
            column_of(line, close)};
    }
    const bool example = inner.find('\'') == npos && inner.size() <= 60;
    return TomlMistake{"the text after `" + std::string(key) +
                           " =` has a straight quote \" inside it, which TOML reads as the end of the text",
                       "write a quote inside a text as \\\" or as \u00AB \u00BB or \u201C \u201D, or put the "
                       "whole text between single quotes '...'" +
                           (example ? " (here: " + std::string(key) + " = '" + inner + "')" : std::string()),
                       column_of(line, close)};
}

// The line, at or above `number`, where the list the parser was reading starts
// (`key = [`), or 0.
int list_start(std::string_view content, int number) {
    for (int at = number; at > 0 && at > number - 50; --at) {
        const std::string_view line = line_at(content, at);
        const std::size_t equals = equals_sign(line);
        if (equals == npos) continue;
        const std::size_t open = skip_spaces(line, equals + 1);
        return open < line.size() && line[open] == '[' ? at : 0;
    }
    return 0;
}

// Whether the brackets opened from line `from` are still open before line `to`.
bool still_open(std::string_view content, int from, int to) {
    int depth = 0;
    for (int at = from; at < to; ++at) {
        const std::string_view line = line_at(content, at);
        char quote = 0;
        for (std::size_t i = at == from ? equals_sign(line) : 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quote != 0) {
                if (c == '\\' && quote == '"')
                    ++i;
                else if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                break;
            } else {
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            }
        }
    }
    return depth > 0;
}

// `languages = ["en" "kk"]`, an item of a list over several lines without its
// comma, or a list whose ] is missing (the parser then stops on a later line).
std::optional<TomlMistake> list_mistake(std::string_view content, int number, std::string_view description) {
    const std::string_view here = trim(line_at(content, number));
    const bool item_line = here.starts_with("\"") || here.starts_with("'");
    const bool starts_here = list_start(content, number) == number;
    const int start =
        item_line || starts_here ? list_start(content, number) : list_start(content, number - 1);
    if (start == 0) return std::nullopt;
    const bool comma_or_bracket = description.find("closing ']'") != npos;
    if (!comma_or_bracket && (start == number || !still_open(content, start, number))) return std::nullopt;
    const std::string_view first = line_at(content, start);
    const std::size_t equals = equals_sign(first);
    const std::string key(trim(first.substr(0, equals)));
    if (!plain_key(key)) return std::nullopt;
    const std::size_t open = skip_spaces(first, equals + 1);
    if (start == number) {
        return TomlMistake{"the items of the list after `" + key + " =` need a comma between them",
                           "put a comma after each item but the last, like " + key + " = [\"en\", \"kk\"]",
                           column_of(first, open), 0};
    }
    if (item_line && comma_or_bracket) {  // the item above this one has no comma after it
        const std::string_view above = line_at(content, number - 1);
        return TomlMistake{"the item on this line of the list `" + key + " = [...]` has no comma after it",
                           "put a comma at the end of line " + std::to_string(number - 1),
                           column_of(above, above.size()) + 1, number - 1};
    }
    return TomlMistake{"the list after `" + key + " =` is not closed with ]",
                       "end it with ] after its last item (before line " + std::to_string(number) + ")",
                       column_of(first, open), start};
}

// `title.en = Dombra`, `captions = True`: a value TOML does not recognise.
std::optional<TomlMistake> bare_word(std::string_view line, std::string_view key, std::size_t value) {
    if (!std::isalpha(static_cast<unsigned char>(line[value]))) return std::nullopt;
    std::string_view word = line.substr(value);
    word = trim(word.substr(0, word.find('#')));
    if (word.size() > 60) return std::nullopt;
    std::string lower(word);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true" || lower == "false" || lower == "yes" || lower == "no") {
        const std::string meant = lower == "true" || lower == "yes" ? "true" : "false";
        return TomlMistake{"`" + std::string(key) + "` is " + std::string(word) +
                               "; TOML writes yes and no as true and false, in small letters",
                           "write " + std::string(key) + " = " + meant, column_of(line, value)};
    }
    return TomlMistake{
        "the text after `" + std::string(key) + " =` is not in quotes",
        "write it between straight quotes: " + std::string(key) + " = \"" + std::string(word) + "\"",
        column_of(line, value)};
}

std::optional<TomlMistake> value_mistake(std::string_view content, int number, std::string_view line,
                                         std::string_view key, std::size_t value) {
    if (value >= line.size() || line[value] == '#') {
        return TomlMistake{"there is nothing after `" + std::string(key) + " =`",
                           "write the value after =, like " + std::string(key) + " = \"...\"",
                           column_of(line, value)};
    }
    if (auto curly = curly_start(line, key, value)) return curly;
    const char quote = line[value];
    const bool multi_line = line.substr(value, 3) == "\"\"\"" || line.substr(value, 3) == "'''";
    if ((quote == '"' || quote == '\'') && !multi_line) {
        const std::size_t close = closing_quote(line, value, quote);
        if (close == npos) return unclosed_text(content, number, line, key, value);
        return quote_inside(line, key, value, close);
    }
    return bare_word(line, key, value);
}

// `title.en` written twice: where the first one is, so that staff keep the right one.
std::optional<TomlMistake> written_twice(std::string_view content, int number, std::string_view description) {
    const std::size_t open = description.find('\'');
    const std::size_t close = description.rfind('\'');
    if (description.find("redefine") == npos || open == npos || close <= open) return std::nullopt;
    const std::string name(description.substr(open + 1, close - open - 1));
    if (name.size() > 60) return std::nullopt;
    const std::string_view last = std::string_view(name).substr(name.rfind('.') + 1);
    const std::string_view line = line_at(content, number);
    int first = 0;
    for (int earlier = 1; earlier < number && first == 0; ++earlier) {
        const std::string_view text = trim(line_at(content, earlier));
        const std::size_t equals = equals_sign(text);
        const std::string_view key = trim(text.substr(0, equals == npos ? 0 : equals));
        const bool heading = text.starts_with("[") && text.find(name) != npos;
        if (heading ||
            (!key.empty() && (key == name || key.ends_with("." + std::string(last)) || key == last)))
            first = earlier;
    }
    const bool table = description.find("existing table") != npos;
    std::string message =
        std::string(table ? "the table [" : "`") + name + (table ? "]" : "`") + " is written twice";
    if (first > 0) message += ": here and on line " + std::to_string(first);
    return TomlMistake{message,
                       table ? "write everything of [" + name + "] under one heading"
                             : "keep one of the two lines (a key may be given once in its table)",
                       column_of(line, skip_spaces(line, 0))};
}

}  // namespace

std::optional<TomlMistake> explain_toml_mistake(std::string_view content, int line_number,
                                                std::string_view description) {
    const std::string_view line = line_at(content, line_number);
    // Only a line of showable text is quoted back (a message may not carry raw bytes).
    if (find_unshowable(line)) return std::nullopt;
    if (auto twice = written_twice(content, line_number, description)) return twice;
    if (auto list = list_mistake(content, line_number, description)) return list;
    const std::size_t start = skip_spaces(line, 0);
    if (start >= line.size() || line[start] == '#') return std::nullopt;
    if (line[start] == '[') return heading_mistake(line, start);
    if (!curly_quote_at(line, start).empty()) return curly_key(line, start);
    const std::size_t equals = equals_sign(line);
    if (equals == npos) return missing_equals(line, start, description);
    if (auto spaced = key_with_space(line, start, equals)) return spaced;
    const std::string_view key = trim(line.substr(start, equals - start));
    if (!plain_key(key)) return std::nullopt;
    return value_mistake(content, line_number, line, key, skip_spaces(line, equals + 1));
}

}  // namespace amanat
