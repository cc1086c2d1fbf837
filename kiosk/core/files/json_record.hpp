#pragma once

// JSON objects written member by member, in the order given, so a table's rows
// can be streamed one object at a time and keep their columns' order. Strings are
// escaped here, straight into the record (a million rows are a million records:
// no allocation per member); numbers that are not integers are nlohmann/json's
// (which core owns; see ARCHITECTURE.md). UI-free, so the kiosk's staff mode can
// export with it too.

#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// Appends `text` to `out` as valid UTF-8: each ill-formed part of it (a byte
// that starts no UTF-8 sequence, a sequence cut short, an overlong form, a
// surrogate, past U+10FFFF) becomes U+FFFD, one per maximal ill-formed
// subsequence as Unicode recommends (Python's errors="replace" does the same).
// The one place that decides what text organisers are given: the JSON and CSV
// writers and the feedback archive's text (and so the terminal summary) all use
// it, so every output of `amanat feedback` is valid UTF-8 whatever bytes a
// damaged or hostile file holds.
void append_valid_utf8(std::string& out, std::string_view text);
std::string valid_utf8(std::string_view text);
bool is_valid_utf8(std::string_view text);

// `text` as a JSON string (valid UTF-8: see append_valid_utf8).
std::string json_quoted(std::string_view text);
void append_json_quoted(std::string& out, std::string_view text);

// "[a,b,...]" from elements that are JSON already.
std::string json_array(const std::vector<std::string>& elements);

class JsonRecord {
  public:
    JsonRecord& text(std::string_view key, std::string_view value);
    JsonRecord& number(std::string_view key, long long value);
    JsonRecord& number(std::string_view key, double value);        // not finite: null
    JsonRecord& raw(std::string_view key, std::string_view json);  // an object or array made already

    // "{...}". Valid until the next call on this record, which starts a new object
    // in the same storage.
    std::string_view finish();

  private:
    void key(std::string_view name);

    std::string m_text;
    bool m_finished = true;
};

}  // namespace amanat
