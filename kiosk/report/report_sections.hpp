#pragma once

// The report page's sections (report_page.cpp puts them in order), one file
// each, and what they share: the figures, the reader's language, and the
// numbering of figures and tables. Internal to kiosk/report.

#include <string>
#include <string_view>
#include <vector>

#include "core/localisation/catalog.hpp"
#include "report/report_locale.hpp"
#include "report/tour_figures.hpp"

namespace amanat::report {

class ReportPage {
  public:
    ReportPage(const TourFigures& figures, const ReportLocale& locale, const TranslationCatalogs* catalogs)
        : m_figures(figures), m_locale(locale), m_catalogs(catalogs) {}

    const TourFigures& figures() const { return m_figures; }
    const ReportLocale& locale() const { return m_locale; }
    const Phrasebook& phrases() const { return m_locale.phrases(); }

    // A chart as a numbered <figure>: its caption on top, its note at the bottom.
    // Never cut by a page break (report_page.css); tests/report/browser-check
    // checks both ends land on the same printed page. Texts are plain; `body`
    // is markup.
    std::string figure(std::string_view title, const std::string& body, std::string_view note,
                       std::string_view css_class = "chart");
    // A numbered caption for a table, which may run over pages (its rows do not).
    std::string table_caption(std::string_view title);
    // A visitor language's name in itself, with its tag: "Қазақша (kk)".
    std::string language_name(const std::string& tag) const;
    // "45 %" with "n = 23" under it, shaded by the share; greyed when not judged.
    std::string share_cell(const ArtifactCell& cell) const;

  private:
    const TourFigures& m_figures;
    const ReportLocale& m_locale;
    const TranslationCatalogs* m_catalogs;
    int m_figure_count = 0;
    int m_table_count = 0;
};

// A table's column heading; numbers are right-aligned.
struct Column {
    std::string_view text;
    bool numeric = false;
};
// <thead> with one row of column headings (escaped here).
std::string header_row(const std::vector<Column>& columns);

// A kiosk's id as a reader can take it in: a kiosk's own id is 32 random hex
// digits, of which the first 8 tell the kiosks of a tour apart (as git's short
// hashes do); any other id as it is. Plain text.
std::string kiosk_label(std::string_view id);

std::string glance_section(ReportPage& page);
std::string artifact_sections(ReportPage& page);
std::string survey_section(ReportPage& page);
std::string when_section(ReportPage& page);
std::string methods_section(ReportPage& page);

}  // namespace amanat::report
