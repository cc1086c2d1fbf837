#pragma once

#include <string>

#include "core/bundle.hpp"
#include "core/catalog.hpp"

namespace amanat::ui {

// Every character the kiosk can show: the bundle's texts and stories and the UI
// catalogs' phrases, for building a font atlas of exactly those glyphs.
std::string display_text(const Bundle& bundle, const TranslationCatalogs& catalogs);

}  // namespace amanat::ui
