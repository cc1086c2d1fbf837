// The organisers' report page (kiosk/report/report_page): text from files shown
// as text, headings in the reader's language, nothing fetched from anywhere,
// every section there, and a sentence instead of empty charts.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "core/localisation/catalog.hpp"
#include "report/html_text.hpp"
#include "report/report_locale.hpp"
#include "report/report_page.hpp"
#include "sample_tour.hpp"

namespace amanat::report {
namespace {

const TranslationCatalogs& catalogs() {
    static const TranslationCatalogs loaded = [] {
        Diagnostics problems;
        return TranslationCatalogs::load(AMANAT_LOCALISATION_DIR, problems);
    }();
    return loaded;
}

std::string page_in(const std::string& language, const TourFigures& figures = sample::sample_tour()) {
    ReportPageOptions options;
    options.generated_at = 1790000000;
    options.catalogs = &catalogs();
    return report_page(figures, catalogs().phrasebook(language), options);
}

bool has(const std::string& page, const std::string& text) {
    return page.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("report page: html_text escapes markup and quotes, and keeps UTF-8 as it is") {
    CHECK(html_text("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    CHECK(html_text("a & b \"c\"") == "a &amp; b &quot;c&quot;");
    CHECK(html_text("\u049a\u043e\u0431\u044b\u0437 \ud55c\uad6d\uc5b4") ==
          "\u049a\u043e\u0431\u044b\u0437 \ud55c\uad6d\uc5b4");
}

TEST_CASE("report page: hostile text from the files appears as text, never as markup") {
    TourFigures figures = sample::sample_tour();
    figures.bundle_title = "<script>alert(1)</script>";
    figures.venues[0].name = "Venue <img src=x onerror=alert(2)>";
    figures.artifacts[0].title = "\"><svg onload=alert(3)>";
    figures.artifacts[0].id = "id'\"<b>";
    figures.notes.push_back("<iframe src=\"javascript:alert(4)\">");
    figures.files.push_back("</p><script>alert(5)</script>.db");
    figures.questions[0].text = "<style>body{display:none}</style>";
    figures.venues[0].quiet_spells[0].kiosk_id = "<kiosk>";
    const std::string page = page_in("en", figures);
    CHECK_FALSE(has(page, "<script"));
    CHECK_FALSE(has(page, "<img src=x"));
    CHECK_FALSE(has(page, "<svg onload"));
    CHECK_FALSE(has(page, "<iframe"));
    CHECK_FALSE(has(page, "<kiosk>"));
    CHECK_FALSE(has(page, "<b>"));
    CHECK(page.find("<style>") == page.rfind("<style>"));  // only the page's own
    CHECK(has(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(has(page, "Venue &lt;img src=x onerror=alert(2)&gt;"));
    CHECK(has(page, "&quot;&gt;&lt;svg onload=alert(3)&gt;"));
}

TEST_CASE("report page: every section is there, in order, with its figures") {
    const std::string page = page_in("en");
    const char* in_order[] = {"<html lang=\"en\">", "class=\"title-block\"", "class=\"notice\"",
                              "id=\"glance\"",      "id=\"artifacts\"",      "id=\"survey\"",
                              "id=\"when\"",        "id=\"methods\""};
    std::size_t at = 0;
    for (const char* marker : in_order) {
        CAPTURE(marker);
        const std::size_t found = page.find(marker, at);
        REQUIRE(found != std::string::npos);
        at = found;
    }
    for (const char* heading : {"The tour at a glance", "Which artifacts moved visitors",
                                "What visitors said", "When visitors came", "How to read this report"}) {
        CHECK(has(page, heading));
    }
    CHECK(has(page, "docs/PRIVACY.md"));
    CHECK(has(page, "Continuity of Traditions: Kazakh Heritage on Tour"));
    CHECK(has(page, "\u049a\u043e\u0431\u044b\u0437"));                // Қобыз
    CHECK(has(page, "\ud55c\uad6d\uc5b4 \uc81c\ubaa9 \uc2dc\ud5d8"));  // 한국어 제목 시험
    CHECK(has(page, "Seoul: the kiosk&#39;s clock"));                  // a note
    CHECK(has(page, "data:image/jpeg;base64,"));
    CHECK(has(page, "class=\"share unjudged\""));  // the unranked, greyed
    CHECK(has(page, "class=\"quiet\""));           // the quiet spell, hatched
    CHECK(has(page, "<svg class=\"heat\""));
    // Each chart is a figure with a caption on top and a note at the bottom.
    const std::regex figure("<figure class=\"[^\"]*\" id=\"figure-[0-9]+\"><figcaption>");
    const auto figures =
        std::distance(std::sregex_iterator(page.begin(), page.end(), figure), std::sregex_iterator());
    CHECK(figures >= 1 + 2 + 2 + 3 * 2);  // venues, ranked + unranked, 2 questions, per venue 2
}

TEST_CASE("report page: nothing is fetched: only data: URIs in src and href") {
    for (const char* language : {"en", "kk", "ru"}) {
        CAPTURE(language);
        const std::string page = page_in(language);
        const std::regex reference("(src|href|xlink:href|srcset|poster|action)\\s*=\\s*\"([^\"]*)\"",
                                   std::regex::icase);
        int count = 0;
        for (auto it = std::sregex_iterator(page.begin(), page.end(), reference);
             it != std::sregex_iterator(); ++it) {
            const std::string value = (*it)[2];
            CAPTURE(value.substr(0, 60));
            CHECK(value.starts_with("data:"));
            ++count;
        }
        CHECK(count >= 6);  // the thumbnails
        CHECK_FALSE(has(page, "http://"));
        CHECK_FALSE(has(page, "https://"));
        CHECK_FALSE(has(page, "url(//"));
        CHECK_FALSE(has(page, "@import"));
        CHECK_FALSE(has(page, "<script"));
        CHECK_FALSE(has(page, "<link"));
    }
}

TEST_CASE("report page: headings and numbers in the reader's language") {
    const std::string kk = page_in("kk");
    const std::string ru = page_in("ru");
    const std::string en = page_in("en");
    CHECK(has(kk, "<html lang=\"kk\">"));
    CHECK(has(ru, "<html lang=\"ru\">"));
    const Phrasebook& kk_phrases = catalogs().phrasebook("kk");
    const Phrasebook& ru_phrases = catalogs().phrasebook("ru");
    for (const char* heading :
         {"The tour at a glance", "Which artifacts moved visitors", "What visitors said",
          "When visitors came", "How to read this report", "Visits per venue"}) {
        CAPTURE(heading);
        const std::string kk_heading = kk_phrases.trc("organisers' report", heading);
        const std::string ru_heading = ru_phrases.trc("organisers' report", heading);
        CHECK(kk_heading != heading);  // translated
        CHECK(ru_heading != heading);
        CHECK(has(kk, html_text(kk_heading)));
        CHECK(has(ru, html_text(ru_heading)));
        CHECK_FALSE(has(kk, std::string(">") + heading + "<"));
        CHECK(has(en, heading));
    }
    // Numbers group as the language does: ru "1 234" with a no-break space.
    const ReportLocale ru_locale(ru_phrases);
    CHECK(ru_locale.number(48200) == "48\u00a0200");
    CHECK(ReportLocale(catalogs().phrasebook("en")).number(48200) == "48,200");
    CHECK(ReportLocale(catalogs().phrasebook("en")).date("2026-03-02") == "March 2, 2026");
    CHECK(ReportLocale(catalogs().phrasebook("en")).percent(0.456) == "46%");
}

TEST_CASE("report page: with no visits it says so in a sentence and draws no chart") {
    for (const char* language : {"en", "kk", "ru"}) {
        CAPTURE(language);
        const std::string page = page_in(language, sample::empty_tour());
        const std::string sentence = catalogs().phrasebook(language).trc(
            "organisers' report",
            "The files read hold no visits in the period asked for, so there is nothing to count or draw.");
        CHECK(has(page, html_text(sentence)));
        CHECK_FALSE(has(page, "<figure"));
        CHECK_FALSE(has(page, "<svg"));
        CHECK_FALSE(has(page, "id=\"glance\""));
        CHECK(has(page, "id=\"methods\""));
        CHECK(has(page, "class=\"notice\""));
    }
}

TEST_CASE("report page: a day is read as midnight UTC, and anything else is shown as given") {
    std::int64_t seconds = 0;
    CHECK(unix_day("1970-01-02", seconds));
    CHECK(seconds == 86400);
    CHECK(unix_day("2024-03-21", seconds));
    CHECK(seconds == 1710979200);
    CHECK_FALSE(unix_day("2024-3-21", seconds));
    CHECK_FALSE(unix_day("2024-13-01", seconds));
    CHECK(ReportLocale(catalogs().phrasebook("en")).date("someday") == "someday");
}

}  // namespace amanat::report

namespace amanat::report {

TEST_CASE("report page: the report's phrases are in the template under kReportContext, and not the kiosk's") {
    const auto& phrases = catalogs().template_phrases();
    const auto in_report = std::count_if(phrases.begin(), phrases.end(), [](const PhraseKey& key) {
        return key.context && *key.context == kReportContext;
    });
    CHECK(in_report >= 60);
    const PhraseKey heading{std::string(kReportContext), "Which artifacts moved visitors"};
    CHECK(std::find(phrases.begin(), phrases.end(), heading) != phrases.end());
    CHECK_FALSE(shown_on_kiosk(heading));
    CHECK(shown_on_kiosk(PhraseKey{std::nullopt, "Home"}));
    // Dutch has no report phrases yet: the kiosk's catalog is complete all the same.
    CHECK(catalogs().untranslated("nl").empty());
    CHECK(std::string(catalogs().phrasebook("nl").trc(
              "organisers' report", "Which artifacts moved visitors")) == "Which artifacts moved visitors");
    // Kazakh and Russian have every one of them.
    for (const char* language : {"kk", "ru", "en"}) {
        CAPTURE(language);
        for (const PhraseKey& key : phrases) {
            if (shown_on_kiosk(key)) continue;
            CAPTURE(key.msgid);
            CHECK(catalogs().phrasebook(language).find(*key.context, key.msgid) != nullptr);
        }
    }
}

}  // namespace amanat::report
