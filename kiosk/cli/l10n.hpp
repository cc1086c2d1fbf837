#pragma once

namespace amanat::cli {

class Command;

// `amanat l10n check|transliterate ...`: the translators' and staff's checks of
// the kiosk's own words in the languages a venue offers (see l10n_check.cpp).
// Exit 0 when all is well, 1 when a language has problems, 2 on usage errors.
void add_l10n(Command& amanat);

// `amanat l10n transliterate LANGUAGE`: standard input in kk-Latn or sr-Latn
// (l10n_transliterate.cpp).
void add_l10n_transliterate(Command& l10n);

}  // namespace amanat::cli
