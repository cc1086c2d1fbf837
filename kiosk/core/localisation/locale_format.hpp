#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/files/diagnostics.hpp"

namespace amanat {

// Plurals, numbers, dates and messages by each language's own rules, from the
// Unicode CLDR data in ICU. `language` is a BCP 47 tag ("en", "kk-Latn", "sr-Latn");
// a tag ICU cannot read falls back to its root locale (plural "other", Western
// digits, ISO-like dates).
//
// Thread contract: every function may be called from any number of threads at
// once (each call makes its own ICU formatter; ICU caches locale data safely).
// That allocation makes them unsuitable for every frame: format once, keep the
// text. The Diagnostics passed in are the caller's to guard.

// The CLDR plural category of `n`: "zero", "one", "two", "few", "many" or "other"
// (Russian 21 -> "one", 5 -> "many"; Korean always "other"). Decimals count as
// written without trailing zeros (Czech 1.5 -> "many").
std::string plural_category(std::string_view language, double n);

// One value for a message's named argument.
class MessageArgument {
  public:
    template <std::integral T>
    MessageArgument(T number) : m_value(static_cast<std::int64_t>(number)) {}
    MessageArgument(double number) : m_value(number) {}
    MessageArgument(std::string text) : m_value(std::move(text)) {}
    MessageArgument(const char* text) : m_value(std::string(text)) {}

    const std::variant<std::int64_t, double, std::string>& value() const { return m_value; }

  private:
    std::variant<std::int64_t, double, std::string> m_value;
};

struct NamedArgument {
    std::string name;
    MessageArgument value;
};

// Where a message pattern came from, for reports ("localisation/ru.po", line 42).
struct MessageOrigin {
    std::string file;
    int line = 0;
};

// Formats an ICU MessageFormat pattern with named arguments, e.g.
//   "{count, plural, one {# artifact} other {# artifacts}}" with {{"count", 3}}
// -> "3 artifacts". Translators write such patterns in the catalogs, and make
// mistakes: a pattern ICU cannot parse, or that fails with the arguments given,
// is returned unchanged and reported to `out` (code "bad-message-pattern"); an
// argument the pattern names but the caller did not give is reported as a warning
// ("missing-message-argument") and shows as "{name}". Never throws.
std::string format_message(std::string_view language, std::string_view pattern,
                           const std::vector<NamedArgument>& arguments, Diagnostics& out,
                           const MessageOrigin& origin = {});

// `value` with the language's digits, decimal sign and grouping: en "1,234,567",
// ru "1 234 567" (U+00A0 no-break spaces), de "1.234.567".
std::string format_number(std::string_view language, double value);
std::string format_integer(std::string_view language, std::int64_t value);
// Whole numbers of any integer type (without this, an int would be ambiguous).
template <std::integral T>
std::string format_number(std::string_view language, T value) {
    return format_integer(language, static_cast<std::int64_t>(value));
}

enum class DateStyle { Short, Medium, Long, Full };

// The calendar date of `unix_seconds` in the language's own form (en Long
// "March 21, 2024", ru Long "21 марта 2024 г."). `time_zone` is an IANA id
// ("Asia/Almaty"); empty means the system's zone (the kiosk's own).
std::string format_date(std::string_view language, std::int64_t unix_seconds, DateStyle style,
                        std::string_view time_zone = {});

}  // namespace amanat
