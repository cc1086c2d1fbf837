#pragma once

#include <string>
#include <vector>

namespace amanat::cli {

// `amanat l10n check|transliterate ...`: the translators' and staff's checks of
// the kiosk's own words in the languages a venue offers (see l10n_check.cpp).
// `args` follow "l10n". Exit 0 when all is well, 1 when a language has problems,
// 2 on usage errors.
int l10n(const std::vector<std::string>& args);

// `amanat l10n transliterate LANGUAGE`: standard input in kk-Latn or sr-Latn
// (l10n_transliterate.cpp).
int l10n_transliterate(const std::vector<std::string>& args);

}  // namespace amanat::cli
