#pragma once

#include <cstdint>
#include <string>

#include "core/localisation/catalog.hpp"
#include "report/tour_figures.hpp"

namespace amanat::report {

struct ReportPageOptions {
    // The moment the title block gives as the report's date (Unix seconds); -1:
    // now. Tests fix it so the page is the same on every run.
    std::int64_t generated_at = -1;
    // For naming visitor languages in themselves ("Қазақша", "한국어"), as the
    // kiosk's language screen does; a language without a catalog shows its tag.
    const TranslationCatalogs* catalogs = nullptr;
};

// The organisers' report as one self-contained HTML file: styles inline, charts
// as inline SVG, thumbnails as the data: URIs the figures carry; no script, and
// nothing fetched from anywhere, so it can be mailed and opened offline, and
// printed on A4. Every heading and label comes from `phrases` (msgctxt
// "organisers' report"); numbers and dates follow its language. Text from the
// figures is escaped. With no visits, the page says so instead of drawing empty
// charts.
std::string report_page(const TourFigures& figures, const Phrasebook& phrases,
                        const ReportPageOptions& options = {});

}  // namespace amanat::report
