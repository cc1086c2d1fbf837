#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amanat {

// Checks a BCP 47 language tag as staff write it in a bundle ("en", "kk-Latn",
// "sr-Cyrl-RS"). Returns nullopt when the tag is well formed and names a known
// language (and script and region, if given); otherwise a sentence saying what is
// wrong with it. Uses ICU's registry of languages, scripts and regions.
std::optional<std::string> language_tag_problem(std::string_view tag);

// The tag's primary language: "kk" for "kk-Latn".
std::string_view primary_language(std::string_view tag);

// The English name of a language ("Kazakh (Latin)"), for staff-facing reports.
std::string language_english_name(std::string_view tag);

}  // namespace amanat
