#include "core/exhibition/manifest_reader.hpp"
#include "core/exhibition/toml_mistakes.hpp"
#include "core/localisation/edit_distance.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "core/files/showable_text.hpp"
#include "core/localisation/language_tag.hpp"

namespace amanat {
namespace {

std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "text";
        case toml::node_type::integer:
            return "a whole number";
        case toml::node_type::floating_point:
            return "a decimal number";
        case toml::node_type::boolean:
            return "true/false";
        case toml::node_type::array:
            return "a list";
        case toml::node_type::table:
            return "a table";
        default:
            return "a date or time";
    }
}

// The line of the first [table] heading, where a file's top-level keys end; 0 when none.
int first_heading_line(std::string_view content) {
    int line = 1;
    for (std::size_t start = 0; start < content.size(); ++line) {
        const std::size_t text = content.find_first_not_of(" \t", start);
        if (text != std::string_view::npos && content[text] == '[') return line;
        start = content.find('\n', start);
        if (start == std::string_view::npos) break;
        ++start;
    }
    return 0;
}

std::string in(std::string_view where) {
    return where.empty() ? std::string() : " in " + std::string(where);
}

}  // namespace

std::string closest_match(std::string_view word, std::initializer_list<std::string_view> candidates) {
    return closest_match(word, std::vector<std::string_view>(candidates));
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::string_view best;
    std::size_t best_distance = 3;
    for (std::string_view candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        const std::size_t allowed = candidate.size() <= 4 ? 1 : 2;
        if (distance <= allowed && distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return std::string(best);
}

bool is_identifier(std::string_view text) {
    if (text.empty() || text.size() > 64 || text.front() == '-' || text.back() == '-') return false;
    char previous = 0;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && previous != '-');
        if (!ok) return false;
        previous = c;
    }
    return true;
}

void ManifestReader::error(const toml::source_region& at, std::string code, std::string message,
                           std::string fix) {
    m_out.error(m_file, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column), std::move(code),
                std::move(message), std::move(fix));
}

void ManifestReader::warning(const toml::source_region& at, std::string code, std::string message,
                             std::string fix) {
    m_out.warning(m_file, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column), std::move(code),
                  std::move(message), std::move(fix));
}

void ManifestReader::error_in_file(std::string code, std::string message, std::string fix) {
    m_out.error(m_file, 0, 0, std::move(code), std::move(message), std::move(fix));
}

std::optional<toml::table> ManifestReader::parse(std::string_view content) {
    m_first_heading_line = first_heading_line(content);
    try {
        return toml::parse(content, m_file);
    } catch (const toml::parse_error& e) {
        const std::string description(e.description());
        toml::source_region at = e.source();
        // Curly quotes, a missing quote, a text not in quotes...: said in plain words.
        if (auto mistake = explain_toml_mistake(content, static_cast<int>(at.begin.line), description)) {
            at.begin.column = static_cast<toml::source_index>(mistake->column);
            if (mistake->line > 0) at.begin.line = static_cast<toml::source_index>(mistake->line);
            error(at, "syntax", std::move(mistake->message), std::move(mistake->fix));
            return std::nullopt;
        }
        std::string fix = "correct the TOML syntax at this place (see content/FORMAT.md for examples)";
        std::string lower = description;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos) {
            error(
                at, "syntax",
                "this file is not UTF-8 text from here on (it was saved in another encoding, such as UTF-16 "
                "or Windows-1251)",
                "save the file as UTF-8 in your text editor");
            return std::nullopt;
        } else if (description.find("redefin") != std::string::npos ||
                   description.find("already") != std::string::npos) {
            fix = "keep one of the two (each key and table may be given once)";
        }
        error(at, "syntax", "this is not valid TOML: " + description, fix);
        return std::nullopt;
    }
}

void ManifestReader::expect_keys(const toml::table& root, FileKeys keys) {
    m_root = &root;
    m_keys = std::move(keys);
}

bool ManifestReader::top_level_key(std::string_view key) const {
    return m_root != nullptr && std::find(m_keys.top.begin(), m_keys.top.end(), key) != m_keys.top.end();
}

std::string ManifestReader::homes_of(std::string_view key, std::string_view where) const {
    std::string homes;
    for (const auto& [heading, keys] : m_keys.tables) {
        if (where.starts_with(heading) || std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
        homes += (homes.empty() ? "" : " or ") + std::string(heading);
    }
    return homes;
}

namespace {

// "[[images]]" -> "images", "[[survey.options]]" -> "survey.options".
std::string_view table_name(std::string_view heading) {
    while (heading.starts_with('[')) heading.remove_prefix(1);
    while (heading.ends_with(']')) heading.remove_suffix(1);
    return heading;
}

}  // namespace

bool ManifestReader::written_below_a_heading(std::string_view key) const {
    if (m_root == nullptr) return false;
    // Does `table`, named `name` ("images"), hold `key` where it does not belong?
    const auto holds_stray = [&](const toml::table& table, std::string_view name) {
        if (table.get(key) == nullptr) return false;
        for (const auto& [heading, keys] : m_keys.tables) {
            if (table_name(heading) == name) return std::find(keys.begin(), keys.end(), key) == keys.end();
        }
        return language_tag_problem(key).has_value();  // a language map
    };
    for (const auto& [name, node] : *m_root) {
        if (const toml::table* table = node.as_table(); table != nullptr && holds_stray(*table, name.str()))
            return true;
        const toml::array* list = node.as_array();
        for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
            const toml::table* item = list->get(i)->as_table();
            if (item == nullptr) continue;
            if (holds_stray(*item, name.str())) return true;
            const toml::node* options = item->get("options");  // [[survey.options]]
            for (std::size_t j = 0;
                 options != nullptr && options->is_array() && j < options->as_array()->size(); ++j) {
                const toml::table* option = options->as_array()->get(j)->as_table();
                if (option != nullptr && holds_stray(*option, std::string(name.str()) + ".options"))
                    return true;
            }
        }
    }
    return false;
}

void ManifestReader::report_misplaced(const toml::key& key, std::string_view where) {
    error(
        key.source(), "misplaced-key",
        "`" + std::string(key.str()) +
            "` belongs at the top of the file, but it is written below a [table] heading, so TOML counts it "
            "as part of " +
            std::string(where),
        std::string("move it above the first [table] heading") +
            (m_first_heading_line > 0 ? " (line " + std::to_string(m_first_heading_line) + ")" : ""));
}

bool ManifestReader::misplaced(const toml::key& key, const toml::node& value, std::string_view where) {
    const std::string_view name = key.str();
    if (!top_level_key(name)) return false;
    if (!language_tag_problem(name)) {
        // "id" is also Indonesian: a language when offered, or when its value is a
        // file name rather than an identifier.
        const std::string tag = canonical_language_tag(name);
        const auto* text = value.as_string();
        const bool offered =
            std::find(m_known_languages.begin(), m_known_languages.end(), tag) != m_known_languages.end();
        if (offered || text == nullptr || !is_identifier(text->get())) return false;
    }
    report_misplaced(key, where);
    return true;
}

void ManifestReader::check_table(const toml::table& table, std::string_view heading, std::string_view where) {
    if (heading.empty()) {
        check_keys(table, m_keys.top, where);
        return;
    }
    for (const auto& [known, keys] : m_keys.tables) {
        if (known == heading) check_keys(table, keys, where);
    }
}

void ManifestReader::check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                                std::string_view where) {
    check_keys(table, std::vector<std::string_view>(allowed), where);
}

void ManifestReader::check_keys(const toml::table& table, const std::vector<std::string_view>& allowed,
                                std::string_view where) {
    for (const auto& [key, value] : table) {
        const std::string_view name = key.str();
        if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
        if (&table != m_root && top_level_key(name)) {
            report_misplaced(key, where);
            continue;
        }
        if (const std::string homes = homes_of(name, where); !homes.empty()) {
            error(key.source(), "misplaced-key",
                  "`" + std::string(name) + "` belongs in " + homes + ", not in " + std::string(where),
                  "move it below the " + homes + " heading it belongs to");
            continue;
        }
        const std::string near = closest_match(name, allowed);
        std::string known;
        for (std::string_view candidate : allowed)
            known += (known.empty() ? "" : ", ") + std::string(candidate);
        if (!near.empty()) {
            m_misspellings[&table].push_back(near);
            m_misspelt.insert(near);
            error(key.source(), "unknown-key",
                  "unknown key '" + std::string(name) + "'" + in(where) +
                      ": what it holds is not used until it is spelt right",
                  "did you mean '" + near + "'? Rename " + std::string(name) + " to " + near +
                      " (known keys: " + known + ")");
            continue;
        }
        error(key.source(), "unknown-key", "unknown key '" + std::string(name) + "'" + in(where),
              "rename it to one of: " + known +
                  "; or, to keep it as a note, put # at the start of its line (the kiosk ignores comments)");
    }
}

bool ManifestReader::written_elsewhere(const toml::table& table, std::string_view key) const {
    return misspelt(table, key) || (&table == m_root && written_below_a_heading(key));
}

bool ManifestReader::misspelt(const toml::table& table, std::string_view key) const {
    const auto found = m_misspellings.find(&table);
    return found != m_misspellings.end() &&
           std::find(found->second.begin(), found->second.end(), key) != found->second.end();
}

// '\'' as a char below: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on "'" + std::string
void ManifestReader::wrong_type(const toml::node& node, std::string_view key, std::string_view where,
                                std::string_view wanted) {
    error(node.source(), "wrong-type",
          '\'' + std::string(key) + "'" + in(where) + " must be " + std::string(wanted) + ", not " +
              std::string(type_name(node)),
          "write it as " + std::string(wanted) + " (see content/FORMAT.md)");
}

void ManifestReader::missing(const toml::table& table, std::string_view key, std::string_view where,
                             std::string_view example) {
    if (written_elsewhere(table, key)) return;
    error(table.source(), "missing-key", '\'' + std::string(key) + "' is missing" + in(where),
          "add it, for example: " + std::string(example));
}

std::optional<std::string> ManifestReader::text(const toml::table& table, std::string_view key, bool required,
                                                std::string_view where) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        if (required) missing(table, key, where, std::string(key) + " = \"...\"");
        return std::nullopt;
    }
    const auto* value = node->as_string();
    if (value == nullptr) {
        wrong_type(*node, key, where, "text in quotes");
        return std::nullopt;
    }
    if (value->get().empty()) {
        error(node->source(), "empty-value", '\'' + std::string(key) + "'" + in(where) + " is empty",
              "write the text between the quotes, or remove the line");
        return std::nullopt;
    }
    return showable(*node, value->get(), key, where);
}

std::optional<std::string> ManifestReader::identifier(const toml::table& table, std::string_view key,
                                                      std::string_view where) {
    auto value = text(table, key, true, where);
    if (value && !is_identifier(*value)) {
        error(table.get(key)->source(), "bad-id",
              "'" + *value + "' is not a valid identifier for '" + std::string(key) + "'" + in(where),
              "use only lower-case letters a-z, digits and single dashes, e.g. \"kiiz-ui\"");
        return std::nullopt;
    }
    return value;
}

std::optional<long long> ManifestReader::integer(const toml::table& table, std::string_view key,
                                                 std::string_view where) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    const auto* value = node->as_integer();
    if (value == nullptr) {
        wrong_type(*node, key, where, "a whole number");
        return std::nullopt;
    }
    return value->get();
}

std::optional<bool> ManifestReader::boolean(const toml::table& table, std::string_view key,
                                            std::string_view where) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    const auto* value = node->as_boolean();
    if (value == nullptr) {
        wrong_type(*node, key, where, "true or false");
        return std::nullopt;
    }
    return value->get();
}

std::vector<std::string> ManifestReader::text_list(const toml::table& table, std::string_view key,
                                                   bool required, std::string_view where) {
    std::vector<std::string> values;
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        if (required) missing(table, key, where, std::string(key) + " = [\"...\"]");
        return values;
    }
    const auto* array = node->as_array();
    if (array == nullptr) {
        wrong_type(*node, key, where, "a list in square brackets, like [\"a\", \"b\"]");
        return values;
    }
    for (const toml::node& item : *array) {
        if (const auto* value = item.as_string()) {
            values.push_back(showable(item, value->get(), key, where));
        } else {
            wrong_type(item, key, where, "a list of texts in quotes");
        }
    }
    if (values.empty() && required) {
        error(node->source(), "empty-value", '\'' + std::string(key) + "'" + in(where) + " is an empty list",
              "add at least one entry");
    }
    return values;
}

std::string ManifestReader::showable(const toml::node& node, const std::string& value, std::string_view name,
                                     std::string_view where) {
    const auto found = find_unshowable(value);
    if (!found) return value;
    // The line of a multi-line text's character, counted from the text's start.
    toml::source_region at = node.source();
    at.begin.line += static_cast<toml::source_index>(found->line - 1);
    error(at, "unshowable-character",
          '\'' + std::string(name) + "'" + in(where) + " holds " + found->describe() + " at character " +
              std::to_string(found->column) +
              (found->line > 1 ? " of its line " + std::to_string(found->line) : "") +
              ", which the kiosk cannot show",
          unshowable_fix(*found));
    return showable_text(value);
}

bool ManifestReader::check_language(std::string_view tag, const toml::source_region& where) {
    return language(tag, where).has_value();
}

std::optional<std::string> ManifestReader::language(std::string_view tag, const toml::source_region& where) {
    if (auto problem = language_tag_problem(tag)) {
        const std::string suggestion = did_you_mean_language(tag, m_known_languages);
        error(where, "bad-language-tag", *problem,
              suggestion.empty() ? "use a BCP 47 language tag such as en, kk, kk-Latn, ru, nl, tr or ko"
                                 : suggestion +
                                       " Use a BCP 47 language tag such as en, kk, kk-Latn, ru, nl, "
                                       "tr or ko");
        return std::nullopt;
    }
    return canonical_language_tag(tag);
}

LanguageMap ManifestReader::language_map(const toml::table& table, std::string_view key, bool required,
                                         std::string_view where) {
    LanguageMap map;
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        if (required) missing(table, key, where, std::string(key) + ".en = \"...\"");
        return map;
    }
    const auto* languages = node->as_table();
    if (languages == nullptr) {
        wrong_type(*node, key, where,
                   "a table of languages, like " + std::string(key) + ".en = \"...\" on its own line");
        return map;
    }
    std::map<std::string, std::pair<toml::source_region, std::string>>
        placed;  // each language's text: where, key
    for (const auto& [written, value] : *languages) {
        if (misplaced(written, value, '[' + std::string(key) + ']')) continue;
        const auto language = this->language(written.str(), written.source());
        if (!language) continue;
        const std::string name = std::string(key) + "." + std::string(written.str());
        const auto* text = value.as_string();
        if (text == nullptr) {
            wrong_type(value, name, where, "text in quotes");
            continue;
        }
        if (text->get().empty()) {
            warning(value.source(), "empty-value", '\'' + name + "'" + in(where) + " is empty",
                    "write the text, or remove the line so that the fallback language is shown");
            continue;
        }
        const auto at = [](const toml::source_region& r) { return std::pair(r.begin.line, r.begin.column); };
        // "title.kk" and "title.KK": one language (tags ignore case). toml++ gives keys
        // in sorted order ("KK" first), so the one further down the file is found by
        // its place: it is reported, and wins, as a line written later would.
        const toml::source_region here = written.source();
        const auto [earlier, first] = placed.emplace(*language, std::pair(here, name));
        if (!first) {
            const bool this_one_later = at(here) > at(earlier->second.first);
            const auto& [later_place, later_name] = this_one_later ? std::pair(here, name) : earlier->second;
            warning(later_place, "duplicate-language",
                    '\'' + later_name + "'" + in(where) + " is a second " + std::string(key) + " in " +
                        *language + " (language tags ignore upper and lower case); it replaces the first",
                    "keep one " + std::string(key) + "." + *language + " line");
            if (!this_one_later) continue;
            earlier->second = std::pair(here, name);
        }
        TextLanguage& use = m_text_languages[*language];
        if (use.texts++ == 0 || at(here) < at(use.first)) {  // the first line, not the first key
            use.first = written.source();
            use.key = name;
        }
        map.set(*language, showable(value, text->get(), name, where));
    }
    if (map.empty() && required) {
        error(node->source(), "missing-key",
              '\'' + std::string(key) + "'" + in(where) + " has no text in any language",
              "add at least one language, for example: " + std::string(key) + ".en = \"...\"");
    }
    return map;
}

const toml::table* ManifestReader::subtable(const toml::table& table, std::string_view key, bool required,
                                            std::string_view where) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        if (required) missing(table, key, where, '[' + std::string(key) + ']');
        return nullptr;
    }
    const auto* sub = node->as_table();
    if (sub == nullptr) wrong_type(*node, key, where, "a table ([" + std::string(key) + "] on its own line)");
    return sub;
}

std::vector<const toml::table*> ManifestReader::table_list(const toml::table& table, std::string_view key,
                                                           std::string_view where) {
    std::vector<const toml::table*> tables;
    const toml::node* node = table.get(key);
    if (node == nullptr) return tables;
    const auto* array = node->as_array();
    if (array == nullptr) {
        wrong_type(*node, key, where, "a list of tables, each starting with [[" + std::string(key) + "]]");
        return tables;
    }
    for (const toml::node& item : *array) {
        if (const auto* sub = item.as_table()) {
            tables.push_back(sub);
        } else {
            wrong_type(item, key, where, "a table starting with [[" + std::string(key) + "]]");
        }
    }
    return tables;
}

}  // namespace amanat
