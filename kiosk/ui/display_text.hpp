#pragma once

#include <string>

#include "core/exhibition/bundle.hpp"
#include "core/localisation/catalog.hpp"

namespace amanat::ui {

// Every character the kiosk can show: the bundle's texts and stories and the UI
// catalogs' phrases, for building a font atlas of exactly those glyphs.
std::string display_text(const Bundle& bundle, const TranslationCatalogs& catalogs);

// Every character the attract screen shows (the exhibition's title and subtitle
// and "Touch to start" in every language): a first atlas of these takes a few
// milliseconds where the whole exhibition's takes hundreds, so the kiosk shows
// its first frame with it and builds the full one right after.
std::string attract_text(const Bundle& bundle, const TranslationCatalogs& catalogs);

}  // namespace amanat::ui
