#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/files/diagnostics.hpp"
#include "core/localisation/catalog.hpp"
#include "core/localisation/locale_format.hpp"

namespace amanat::report {

// The report's words and numbers in the reader's language: phrases from the
// catalogs (always with the msgctxt "organisers' report", written out at each
// call so xgettext finds them), numbers, shares and dates by CLDR's rules.
// Everything returned is plain text: escape it (html_text) before writing it.
//
// Formatting makes an ICU formatter per call (core/localisation/locale_format): fine for one
// page, which formats a few thousand numbers once.
class ReportLocale {
  public:
    explicit ReportLocale(const Phrasebook& phrases) : m_phrases(phrases) {}

    const Phrasebook& phrases() const { return m_phrases; }
    const std::string& language() const { return m_phrases.language(); }

    // An ICU message pattern (a translated phrase) with its arguments. A broken
    // translation shows as written (format_message reports it; a report page has
    // nobody to tell, so the problems are dropped).
    std::string message(std::string_view pattern, const std::vector<NamedArgument>& arguments) const;
    // A plural pattern naming {count}: "{count, plural, one {# visit} other {# visits}}".
    std::string count(std::string_view pattern, long long n) const;

    std::string number(long long n) const;
    // With at most `digits` decimals: 12.3.
    std::string decimal(double value, int digits) const;
    // A share 0..1 as the language writes a percentage: en "45%", ru "45 %", tr "%45".
    std::string percent(double share) const;
    // A Wilson interval: "38–61%".
    std::string interval(double low, double high) const;
    // A "YYYY-MM-DD" day, long (en "March 21, 2024") or medium ("Mar 21, 2024");
    // anything else as given.
    std::string date(std::string_view day) const;
    std::string short_date(std::string_view day) const;
    // "Mar 2, 2026 – Apr 30, 2026"; one date when both are the same day.
    std::string period(std::string_view first, std::string_view last) const;
    // A length of time: "4 min 12 s".
    std::string duration(long long milliseconds) const;
    // The date of a moment, long.
    std::string date_of(std::int64_t unix_seconds) const;

  private:
    std::string format_day(std::string_view day, DateStyle style) const;

    const Phrasebook& m_phrases;
    mutable Diagnostics m_dropped;
};

// Seconds from 1970-01-01 to midnight UTC starting "YYYY-MM-DD"; false when the
// text is not such a day.
bool unix_day(std::string_view day, std::int64_t& unix_seconds);

}  // namespace amanat::report
