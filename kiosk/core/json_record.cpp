#include "core/json_record.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

namespace amanat {

std::string json_quoted(std::string_view text) {
    // Most of an export's text (ids, times, tags) is printable ASCII without
    // quotes or backslashes, which needs no escaping; the rest goes to nlohmann.
    const auto plain = [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; };
    if (std::all_of(text.begin(), text.end(), plain)) {
        std::string out;
        out.reserve(text.size() + 2);
        out.push_back('"');
        out.append(text);
        out.push_back('"');
        return out;
    }
    return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_array(const std::vector<std::string>& elements) {
    std::string out = "[";
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out.push_back(',');
        out.append(elements[i]);
    }
    out.push_back(']');
    return out;
}

void JsonRecord::key(std::string_view name) {
    if (m_finished) {
        // A char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on m_text = "{"
        m_text = '{';
        m_finished = false;
    } else {
        m_text.push_back(',');
    }
    m_text.append(json_quoted(name));
    m_text.push_back(':');
}

JsonRecord& JsonRecord::text(std::string_view key_name, std::string_view value) {
    key(key_name);
    m_text.append(json_quoted(value));
    return *this;
}

JsonRecord& JsonRecord::number(std::string_view key_name, long long value) {
    key(key_name);
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_text.append(digits, end);
    return *this;
}

JsonRecord& JsonRecord::number(std::string_view key_name, double value) {
    key(key_name);
    m_text.append(nlohmann::json(value).dump());  // shortest text that reads back the same; NaN is null
    return *this;
}

JsonRecord& JsonRecord::raw(std::string_view key_name, std::string_view json) {
    key(key_name);
    m_text.append(json);
    return *this;
}

std::string_view JsonRecord::finish() {
    if (m_finished) m_text = '{';  // a char, as in key()
    m_text.push_back('}');
    m_finished = true;
    return m_text;
}

}  // namespace amanat
