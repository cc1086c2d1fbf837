#pragma once

// JSON objects written member by member, in the order given, so a table's rows
// can be streamed one object at a time and keep their columns' order. The
// escaping is nlohmann/json's (which core owns; see ARCHITECTURE.md); UI-free, so
// the kiosk's staff mode can export with it too.

#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// `text` as a JSON string. Bytes that are not UTF-8 (a damaged file) become
// U+FFFD rather than making the whole document invalid.
std::string json_quoted(std::string_view text);

// "[a,b,...]" from elements that are JSON already.
std::string json_array(const std::vector<std::string>& elements);

class JsonRecord {
  public:
    JsonRecord& text(std::string_view key, std::string_view value);
    JsonRecord& number(std::string_view key, long long value);
    JsonRecord& number(std::string_view key, double value);        // not finite: null
    JsonRecord& raw(std::string_view key, std::string_view json);  // an object or array made already

    // "{...}". Valid until the next call on this record, which starts a new object.
    std::string_view finish();

  private:
    void key(std::string_view name);

    std::string m_text;
    bool m_finished = true;
};

}  // namespace amanat
