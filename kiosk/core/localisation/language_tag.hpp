#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// Checks a BCP 47 language tag as staff write it in a bundle ("en", "kk-Latn",
// "sr-Cyrl-RS"). Returns nullopt when the tag is well formed and names a known
// language (and script and region, if given); otherwise a sentence saying what is
// wrong with it. Uses ICU's registry of languages, scripts and regions.
std::optional<std::string> language_tag_problem(std::string_view tag);

// The tag in BCP 47's canonical case (RFC 5646 2.1.1): language lower case, script
// title case, region upper case ("kk-latn" -> "kk-Latn", "NL-nl" -> "nl-NL").
// Tags compare without regard to case, so every tag Amanat reads (manifests'
// language keys, languages = [...], [fallback], kiosk.toml, PO file names, the
// command line) is written this way where it is read: everything after that
// (language maps, fallback chains, transliteration of "kk-Latn" from "kk",
// catalogs, feedback rows) can then compare tags as plain strings, and a tag
// written in another case is the same language, not a new one.
std::string canonical_language_tag(std::string_view tag);

// The tag's primary language: "kk" for "kk-Latn".
std::string_view primary_language(std::string_view tag);

// True when two different tags are likely the same intended language: one's
// language with another region or script ("nl" and "nl-NL"), or a code commonly
// written for the other ("se" for Swedish "sv", "kz" for Kazakh "kk").
bool close_language_tags(std::string_view a, std::string_view b);

// The tag staff most likely meant by `tag` (unknown, or not the one used
// elsewhere), or empty: a common confusion fixed ("kz" -> "kk", "du" -> "nl",
// "jp" -> "ja"...), else the closest of `known` (the exhibition's own tags).
std::string suggested_language_tag(std::string_view tag, const std::vector<std::string>& known = {});

// "did you mean kk (Kazakh)? kz is the country code of Kazakhstan, not a
// language", or empty when nothing is suggested.
std::string did_you_mean_language(std::string_view tag, const std::vector<std::string>& known = {});

// The English name of a language ("Kazakh (Latin)"), for staff-facing reports.
std::string language_english_name(std::string_view tag);

}  // namespace amanat
