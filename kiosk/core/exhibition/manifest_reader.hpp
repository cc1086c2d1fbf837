#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/files/diagnostics.hpp"
#include "core/localisation/language_map.hpp"

namespace amanat {

// Reads one TOML manifest and reports every problem in it with file:line:column
// and a fix staff can act on. Private to amanat_core (toml++ stays inside core).
class ManifestReader {
  public:
    ManifestReader(std::string file, Diagnostics& out) : m_file(std::move(file)), m_out(out) {}

    const std::string& file() const { return m_file; }

    std::optional<toml::table> parse(std::string_view content);

    // Where each key of the file belongs, so that a key written in the wrong place
    // is told where to go rather than to be removed: `top` the keys of the file's
    // top level (`root`), `tables` the keys of each table under it by its name
    // ("images"); a table not named there is a language map, keyed by language tags.
    struct FileKeys {
        std::vector<std::string_view> top;
        std::vector<std::pair<std::string_view, std::vector<std::string_view>>> tables;
    };
    void expect_keys(const toml::table& root, FileKeys keys);

    // Reports keys of `table` that are not in `allowed`: a top-level key written
    // below a [table] heading, a key of another table, or a misspelling with the
    // near match; only a key valid nowhere is "unknown".
    void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                    std::string_view where);
    void check_keys(const toml::table& table, const std::vector<std::string_view>& allowed,
                    std::string_view where);
    // check_keys with the keys expect_keys gave for `heading` ("[[images]]"; "" for the top).
    void check_table(const toml::table& table, std::string_view heading, std::string_view where);
    // True when `table` holds a misspelling of `key` (reported by check_keys):
    // "'key' is missing" would then only repeat it, and is left out.
    bool misspelt(const toml::table& table, std::string_view key) const;
    // True when `key`, missing from `table`, is misspelt there or written below a
    // [table] heading by mistake: reported where it is, so not as missing.
    bool written_elsewhere(const toml::table& table, std::string_view key) const;
    // The keys misspelt in this file ("title" for "tittle"), for the validator: what
    // their absence leads to is the misspelling's consequence, not another mistake.
    const std::set<std::string>& misspelt_keys() const { return m_misspelt; }
    // A top-level key written where `where` (a language map, [fallback]) expects a
    // language: reported as being in the wrong place; true when it was.
    bool misplaced(const toml::key& key, const toml::node& value, std::string_view where);

    std::optional<std::string> text(const toml::table& table, std::string_view key, bool required,
                                    std::string_view where);
    std::optional<std::string> identifier(const toml::table& table, std::string_view key,
                                          std::string_view where);
    std::optional<long long> integer(const toml::table& table, std::string_view key, std::string_view where);
    std::optional<bool> boolean(const toml::table& table, std::string_view key, std::string_view where);
    std::vector<std::string> text_list(const toml::table& table, std::string_view key, bool required,
                                       std::string_view where);
    // A language map: a table whose keys are language tags and values texts.
    LanguageMap language_map(const toml::table& table, std::string_view key, bool required,
                             std::string_view where);
    const toml::table* subtable(const toml::table& table, std::string_view key, bool required,
                                std::string_view where);
    // An array of tables ([[images]]), or nothing.
    std::vector<const toml::table*> table_list(const toml::table& table, std::string_view key,
                                               std::string_view where);

    // Checks a language tag used as a key; reports and returns false if it is bad.
    bool check_language(std::string_view tag, const toml::source_region& where);
    // The tag in its canonical case (core/localisation/language_tag.hpp), or nullopt (reported)
    // when it is not a valid tag. Every tag a manifest gives goes through here.
    std::optional<std::string> language(std::string_view tag, const toml::source_region& where);
    // The exhibition's languages, for "did you mean" on a wrong tag.
    void suggest_from(std::vector<std::string> languages) { m_known_languages = std::move(languages); }

    // The languages this file's language maps have texts in (canonical tags), each
    // with the first text's place and key and how many texts it has.
    struct TextLanguage {
        toml::source_region first;
        std::string key;  // "title.nl"
        int texts = 0;
    };
    const std::map<std::string, TextLanguage>& text_languages() const { return m_text_languages; }

    void error(const toml::source_region& at, std::string code, std::string message, std::string fix);
    void warning(const toml::source_region& at, std::string code, std::string message, std::string fix);
    void error_in_file(std::string code, std::string message, std::string fix);

  private:
    bool top_level_key(std::string_view key) const;
    // The [heading]s of the tables where `key` belongs, other than `here` (a check_keys
    // `where`): "[[images]] or [[videos]]".
    std::string homes_of(std::string_view key, std::string_view here) const;
    // True when a table under the top level holds `key` where it does not belong.
    bool written_below_a_heading(std::string_view key) const;
    void report_misplaced(const toml::key& key, std::string_view where);
    void wrong_type(const toml::node& node, std::string_view key, std::string_view where,
                    std::string_view wanted);
    void missing(const toml::table& table, std::string_view key, std::string_view where,
                 std::string_view example);
    // `value`, the text of `node` (named `name`), cleaned of what a kiosk cannot
    // show (core/files/showable_text), which is reported as an error.
    std::string showable(const toml::node& node, const std::string& value, std::string_view name,
                         std::string_view where);

    std::string m_file;
    Diagnostics& m_out;
    const toml::table* m_root = nullptr;  // set by expect_keys
    FileKeys m_keys;
    int m_first_heading_line = 0;  // of the file's first [table] heading; 0 when none
    std::map<const toml::table*, std::vector<std::string>> m_misspellings;  // table -> keys meant
    std::set<std::string> m_misspelt;
    std::vector<std::string> m_known_languages;
    std::map<std::string, TextLanguage> m_text_languages;
};

// "did you mean 'title'?" for a misspelt key, or empty when nothing is close.
std::string closest_match(std::string_view word, std::initializer_list<std::string_view> candidates);
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

// True for identifiers of lower-case letters, digits and single dashes ("kiiz-ui").
bool is_identifier(std::string_view text);

}  // namespace amanat
