#pragma once

// The feedback target's input when it is not a database file itself. A feedback
// file mutated byte by byte is mostly refused by SQLite as damaged before a row
// is read, so the target also builds files from its input: a schema, then rows
// of any type and value, as a file from a kiosk of another release, a damaged
// one or a hand-made one may hold them.
//
//   input  := schema row*
//   schema := one byte: % 3 picks the first release's tables (schema 1, as kiosks
//             in the field have them), the latest schema (the store's own
//             migrations), each keeping its constraints (a row breaking one is
//             left out, as a kiosk could not have written it), or the latest
//             columns without any type, constraint or index but the one the
//             summary names (a hand-made file may claim to be feedback)
//   row    := one byte (% 3: reactions, engagement, survey_answers), then one
//             value per column of that table, in the latest schema's order
//   value  := a tag byte (% 8), then: nothing (NULL), 1 byte (a small integer),
//             8 bytes (an integer; a double), a length byte and that many bytes
//             (text; a blob), 1 byte (a word of the feedback's vocabulary; an
//             integer at an edge)
//
// An input whose first byte is 'S' (as in "SQLite format 3") is a database file.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace amanat::fuzzing {

enum class FeedbackSchema : std::uint8_t { first_release = 0, latest = 1, unconstrained = 2 };
enum class FeedbackTableName : std::uint8_t { reactions = 0, engagement = 1, survey_answers = 2 };

// Writes `file` (replacing it) from `recipe`, the input less its schema byte.
// `latest` is an empty database at the latest schema to start from. False when
// SQLite could not make the file at all.
bool build_feedback_file(const std::filesystem::path& file, FeedbackSchema schema, std::string_view recipe,
                         const std::filesystem::path& latest);

// Writes recipes, for the seed corpus.
class FeedbackRecipe {
  public:
    explicit FeedbackRecipe(FeedbackSchema schema) : m_bytes(1, static_cast<char>(schema)) {}

    FeedbackRecipe& row(FeedbackTableName table);
    FeedbackRecipe& null();
    FeedbackRecipe& integer(long long value);
    FeedbackRecipe& text(std::string_view value);
    FeedbackRecipe& word(std::string_view value);  // must be in the vocabulary

    const std::string& bytes() const { return m_bytes; }

  private:
    std::string m_bytes;
};

// How many columns each table has in the latest schema (the recipe's row).
int feedback_columns(FeedbackTableName table);

}  // namespace amanat::fuzzing
