#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// The kiosk's phrases with numbers in them are ICU MessageFormat patterns, e.g.
//   "{count, plural, one {# object} other {# objects}}"
// and each translation writes the plural forms its own language has by CLDR
// (Russian one/few/many/other, Korean only other). This reads such patterns so
// the catalogs and `amanat l10n check` can tell a translator what is wrong before
// a visitor sees it. Thread contract: every function is safe on any thread.

// True when a phrase is a pattern (it names an argument in braces); other phrases
// are shown as written.
bool is_message_pattern(std::string_view text);

// The CLDR plural categories of `language`, in CLDR's order ("one", "few", "many",
// "other" for Russian; just "other" for Korean).
std::vector<std::string> plural_categories(std::string_view language);

// What one plural (or selectordinal) argument of a pattern distinguishes.
struct PluralArgument {
    std::string name;                    // "count"
    std::vector<std::string> selectors;  // as written: "one", "other", "=0"
};

// A pattern taken apart: the names of its arguments (sorted, each once) and its
// plural arguments in order.
struct MessageParts {
    std::vector<std::string> arguments;
    std::vector<PluralArgument> plurals;
};

// nullopt, with `error` saying where and why, when ICU cannot parse `pattern`.
std::optional<MessageParts> read_message_pattern(std::string_view pattern, std::string& error);

// One reason a translation of a pattern would show wrongly.
struct MessageProblem {
    std::string code;     // "bad-message-pattern", "argument-mismatch", "plural-forms-missing", ...
    std::string message;  // what is wrong, in words for a translator
    std::string fix;      // what to do about it
    bool error = true;    // false: shown correctly, but worth a look ("plural-forms-unused")
};

// What is wrong with `translation` (in `language`) of the English `source`: it
// does not parse; it uses other arguments than the source; a plural argument lacks
// one of the language's CLDR categories or "other" (errors); or it writes a
// category the language never selects (a warning). Empty when all is well.
std::vector<MessageProblem> check_message_translation(std::string_view language, std::string_view source,
                                                      std::string_view translation);

}  // namespace amanat
