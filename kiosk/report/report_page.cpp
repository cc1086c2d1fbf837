#include "report/report_page.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "report/html_text.hpp"
#include "report/report_page_css.hpp"
#include "report/report_sections.hpp"
#include "report/svg_charts.hpp"

namespace amanat::report {

// --- what the sections share ---------------------------------------------------

std::string ReportPage::figure(std::string_view title, const std::string& body, std::string_view note,
                               std::string_view css_class) {
    const int number = ++m_figure_count;
    // TRANSLATORS: Organisers' report: the label before a chart's title, "Figure 3". Keep {number}.
    const char* pattern = phrases().trc("organisers' report", "Figure {number}");
    const std::string label = m_locale.message(pattern, {{"number", number}});
    return "<figure class=\"" + std::string(css_class) + "\" id=\"figure-" + std::to_string(number) +
           "\"><figcaption><span class=\"label\">" + html_text(label) + "</span> " + html_text(title) +
           "</figcaption>" + body + "<p class=\"figure-note\">" + html_text(note) + "</p></figure>";
}

std::string ReportPage::table_caption(std::string_view title) {
    const int number = ++m_table_count;
    // TRANSLATORS: Organisers' report: the label before a table's title, "Table 2". Keep {number}.
    const char* pattern = phrases().trc("organisers' report", "Table {number}");
    const std::string label = m_locale.message(pattern, {{"number", number}});
    return "<caption><span class=\"label\">" + html_text(label) + "</span> " + html_text(title) +
           "</caption>";
}

std::string ReportPage::language_name(const std::string& tag) const {
    if (m_catalogs != nullptr) {
        const auto loaded = m_catalogs->languages();
        if (std::find(loaded.begin(), loaded.end(), tag) != loaded.end()) {
            const std::string name = m_catalogs->phrasebook(tag).language_name();
            if (!name.empty() && name != tag) return name + " (" + tag + ")";
        }
    }
    return tag;
}

std::string ReportPage::share_cell(const ArtifactCell& cell) const {
    if (cell.ratings == 0) return "<td class=\"share none\">\u2013</td>";
    const std::string n = "n\u00a0=\u00a0" + m_locale.number(cell.ratings);
    if (!cell.judged) {
        return "<td class=\"share unjudged\"><span class=\"value\">" +
               html_text(m_locale.percent(cell.positive.value)) + "</span><span class=\"n\">" + html_text(n) +
               "</span></td>";
    }
    return "<td class=\"share\" style=\"background:" + shade(cell.positive.value) +
           "\"><span class=\"value\">" + html_text(m_locale.percent(cell.positive.value)) +
           "</span><span class=\"n\">" + html_text(n) + "</span></td>";
}

std::string kiosk_label(std::string_view id) {
    const bool random = id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
    return random ? std::string(id.substr(0, 8)) + "\u2026" : std::string(id);
}

std::string header_row(const std::vector<Column>& columns) {
    std::string out = "<thead><tr>";
    for (const Column& column : columns) {
        out += std::string("<th scope=\"col\"") + (column.numeric ? " class=\"num\">" : ">") +
               html_text(column.text) + "</th>";
    }
    return out + "</tr></thead>";
}

// --- the page --------------------------------------------------------------------

namespace {

std::string fact(std::string_view term, std::string_view value) {
    return "<div><dt>" + html_text(term) + "</dt><dd>" + html_text(value) + "</dd></div>";
}

std::string title_block(const ReportPage& page, std::int64_t generated_at) {
    const TourFigures& f = page.figures();
    const ReportLocale& say = page.locale();
    const Phrasebook& p = page.phrases();
    // TRANSLATORS: Organisers' report: the title when the report was made without the exhibition's bundle.
    const char* untitled = p.trc("organisers' report", "Touring exhibition");
    // TRANSLATORS: Organisers' report: small line above the exhibition's title at the top of the report.
    const char* kicker = p.trc("organisers' report", "Visitor feedback: organisers' report");
    // TRANSLATORS: Organisers' report: the dates of feedback the report was asked for (--since, --until).
    const char* since_until = p.trc("organisers' report", "{since} to {until}");
    // TRANSLATORS: Organisers' report: title block, the period of feedback asked for.
    const char* asked = p.trc("organisers' report", "Feedback asked for");
    // TRANSLATORS: Organisers' report: title block, the exhibition bundle's id and version.
    const char* exhibition = p.trc("organisers' report", "Exhibition");
    // TRANSLATORS: Organisers' report: title block, the feedback files the report was made from.
    const char* files_read = p.trc("organisers' report", "Files read");
    // TRANSLATORS: Organisers' report: how many feedback files were read.
    const char* files = p.trc("organisers' report", "{count, plural, one {# file} other {# files}}");
    // TRANSLATORS: Organisers' report: title block, the language this report is written in.
    const char* language = p.trc("organisers' report", "Report language");
    // TRANSLATORS: Organisers' report: title block, the day the report was made.
    const char* generated = p.trc("organisers' report", "Generated");

    std::string out = "<header class=\"title-block\"><p class=\"kicker\">" + html_text(kicker) + "</p><h1>" +
                      html_text(f.bundle_title.empty() ? untitled : f.bundle_title) + "</h1>";
    if (!f.first_day.empty())
        out += "<p class=\"period\">" + html_text(say.period(f.first_day, f.last_day)) + "</p>";
    out += "<dl class=\"facts\">";
    if (!f.since.empty() || !f.until.empty()) {
        out += fact(asked,
                    say.message(since_until, {{"since", f.since.empty() ? "\u2026" : say.date(f.since)},
                                              {"until", f.until.empty() ? "\u2026" : say.date(f.until)}}));
    }
    if (!f.bundle_id.empty())
        out +=
            fact(exhibition, f.bundle_id + (f.bundle_version.empty() ? "" : " \u00b7 " + f.bundle_version));
    out += fact(files_read, say.count(files, static_cast<long long>(f.files.size())));
    out += fact(language, page.language_name(say.language()));
    out += fact(generated, say.date_of(generated_at));
    out += "</dl>";
    if (!f.files.empty()) {
        // Names only: the folders are the organiser's own (and may say more
        // about their computer than a culture department needs to read).
        out += "<p class=\"files\">";
        for (std::size_t i = 0; i < f.files.size(); ++i) {
            const std::string name = std::filesystem::path(f.files[i]).filename().string();
            out += (i > 0 ? "<span class=\"sep\"> \u00b7 </span>" : "") +
                   ("<span>" + html_text(name.empty() ? f.files[i] : name) + "</span>");
        }
        out += "</p>";
    }
    return out + "</header>";
}

std::string notes_block(const ReportPage& page) {
    const TourFigures& f = page.figures();
    if (f.notes.empty()) return "";
    // TRANSLATORS: Organisers' report: heading of the box of remarks about the files read (no bundle
    // given...).
    const char* heading = page.phrases().trc("organisers' report", "Please note");
    std::string out = "<aside class=\"notice\" role=\"note\"><h2>" + html_text(heading) + "</h2><ul>";
    for (const std::string& note : f.notes) out += "<li>" + html_text(note) + "</li>";
    return out + "</ul></aside>";
}

std::string nothing_to_show(const ReportPage& page) {
    const char* sentence = page.phrases().trc(
        "organisers' report",
        // TRANSLATORS: Organisers' report: the whole report when the files hold no visit at all.
        "The files read hold no visits in the period asked for, so there is nothing to count or draw.");
    return "<section class=\"empty\"><p>" + html_text(sentence) + "</p></section>";
}

std::int64_t now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

std::string report_page(const TourFigures& figures, const Phrasebook& phrases,
                        const ReportPageOptions& options) {
    const ReportLocale locale(phrases);
    ReportPage page(figures, locale, options.catalogs);
    // TRANSLATORS: Organisers' report: the browser tab's title, before the exhibition's title.
    const std::string kind = phrases.trc("organisers' report", "Organisers' report");
    std::string html = "<!DOCTYPE html>\n<html lang=\"" + html_text(phrases.language()) +
                       "\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"Amanat\">\n<title>" +
                       html_text(kind + (figures.bundle_title.empty() ? "" : ": " + figures.bundle_title)) +
                       "</title>\n<style>\n" + kReportPageCss +
                       "</style>\n</head>\n<body>\n<main class=\"report\">\n";
    html += title_block(page, options.generated_at >= 0 ? options.generated_at : now());
    html += notes_block(page);
    if (figures.visits == 0) {
        html += nothing_to_show(page);
    } else {
        html += glance_section(page);
        html += artifact_sections(page);
        html += survey_section(page);
        html += when_section(page);
    }
    html += methods_section(page);
    return html + "</main>\n</body>\n</html>\n";
}

}  // namespace amanat::report
