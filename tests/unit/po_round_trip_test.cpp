// The translators' round trip, with the real gettext tools: phrases and their
// "// TRANSLATORS:" notes in C++ code -> the template (localisation/make-pot.cmake,
// the same xgettext command as the target amanat-pot) -> a new language made with
// msginit and translated -> the kiosk's catalogs.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/localisation/catalog.hpp"
#include "core/localisation/locale_format.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;

namespace {

// A screen that names its phrases in every way the kiosk's code does.
const char* const kScreen = R"cpp(
#include "ui/frame.hpp"

    void draw_sample(Frame& frame, std::int64_t count) {
        // TRANSLATORS: Sample screen: sign on the door while the museum is open.
        // One word.
        text(frame.phrases.tr("Open"));
        // TRANSLATORS: Sample screen: button that opens a drawer. One word.
        button(frame.phrases.trc("button", "Open"));
        // TRANSLATORS: Sample screen: how many things are in the drawer. Write your
        // language's plural forms (CLDR).
        text(frame.say("{count, plural, one {# thing} other {# things}}", {{"count", count}}));
        // TRANSLATORS: Sample screen: a label kept in a table, translated later.
        const char* label = N_("Drawer");
        text(frame.phrases.tr(label));
    }
)cpp";

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

// Runs a shell command and requires it to succeed; on failure, shows what it wrote.
void run(const std::string& command, const std::filesystem::path& log) {
    const int status = std::system((command + " >" + quoted(log) + " 2>&1").c_str());
    REQUIRE_MESSAGE(status == 0, command << "\n" << read(log));
}

// Fills the empty msgstr of the entry that starts with `entry_start` (its msgctxt and msgid lines).
void translate(std::string& po, const std::string& entry_start, const std::string& translation) {
    const std::string empty = "\nmsgstr \"\"\n";
    const std::size_t at = po.find(entry_start + empty);
    REQUIRE_MESSAGE(at != std::string::npos, "no untranslated entry " << entry_start);
    po.replace(at + entry_start.size(), empty.size(), "\nmsgstr \"" + translation + "\"\n");
}

}  // namespace

TEST_CASE("po round trip: notes in the code reach translators, and translations reach the kiosk") {
    const std::filesystem::path xgettext = AMANAT_XGETTEXT;
    const std::filesystem::path msginit = AMANAT_MSGINIT;
    REQUIRE_MESSAGE(std::filesystem::exists(xgettext),
                    "xgettext not found (" << xgettext.string()
                                           << "): install the Debian package gettext "
                                              "(packaging/install-deps), then configure the build again");
    REQUIRE_MESSAGE(std::filesystem::exists(msginit),
                    "msginit not found (" << msginit.string()
                                          << "): install the Debian package gettext "
                                             "(packaging/install-deps), then configure the build again");

    testing::TemporaryFolder temporary;
    const std::filesystem::path source = temporary.path() / "source";
    const std::filesystem::path folder = source / "localisation";
    std::filesystem::create_directories(source / "kiosk" / "ui");
    std::filesystem::create_directories(folder);
    write(source / "kiosk" / "ui" / "sample_screen.cpp", kScreen);

    // 1. The template, by the same script and xgettext command as the build target.
    const std::filesystem::path pot = folder / TranslationCatalogs::kTemplateFileName;
    run(quoted(AMANAT_CMAKE) + " -DSOURCE_DIR=" + quoted(source) + " -DOUTPUT=" + quoted(pot) +
            " -DXGETTEXT=" + quoted(xgettext) + " -P " +
            quoted(std::filesystem::path(AMANAT_SOURCE_DIR) / "localisation" / "make-pot.cmake"),
        temporary.path() / "make-pot.log");
    const std::string pot_text = read(pot);
    CHECK(pot_text.starts_with("# Translations of the Amanat kiosk's own words"));
    CHECK(pot_text.find("\"Content-Type: text/plain; charset=UTF-8\\n\"") != std::string::npos);
    // Each note, without its tag and on one line, above its phrase and the file it is in.
    CHECK(pot_text.find("#. Sample screen: sign on the door while the museum is open. One word.\n"
                        "#: kiosk/ui/sample_screen.cpp\n"
                        "msgid \"Open\"\n") != std::string::npos);
    CHECK(pot_text.find("#. Sample screen: button that opens a drawer. One word.\n"
                        "#: kiosk/ui/sample_screen.cpp\n"
                        "msgctxt \"button\"\n"
                        "msgid \"Open\"\n") != std::string::npos);
    CHECK(pot_text.find("#. Sample screen: how many things are in the drawer. Write your language's plural "
                        "forms (CLDR).\n"
                        "#: kiosk/ui/sample_screen.cpp\n"
                        "msgid \"{count, plural, one {# thing} other {# things}}\"\n") != std::string::npos);
    CHECK(pot_text.find("#. Sample screen: a label kept in a table, translated later.\n"
                        "#: kiosk/ui/sample_screen.cpp\n"
                        "msgid \"Drawer\"\n") != std::string::npos);
    CHECK(pot_text.find("TRANSLATORS:") == std::string::npos);
    CHECK(pot_text.find("c-format") == std::string::npos);  // ICU patterns are no printf formats

    // 2. A new language as a translator starts it, then translated. The kiosk's
    // plurals are ICU patterns, so the gettext Plural-Forms line msginit adds goes.
    const std::filesystem::path ru = folder / "ru.po";
    run(quoted(msginit) + " --no-translator --no-wrap --locale=ru -i " + quoted(pot) + " -o " + quoted(ru),
        temporary.path() / "msginit.log");
    std::string po = read(ru);
    CHECK(po.find("\"Language: ru\\n\"") != std::string::npos);
    CHECK(po.find("#. Sample screen: button that opens a drawer. One word.\n") != std::string::npos);
    const std::size_t plural_forms = po.find("\"Plural-Forms:");
    if (plural_forms != std::string::npos)
        po.erase(plural_forms, po.find('\n', plural_forms) + 1 - plural_forms);
    translate(po, "msgid \"Open\"", "Открыто");
    translate(po, "msgctxt \"button\"\nmsgid \"Open\"", "Открыть");
    translate(po, "msgid \"{count, plural, one {# thing} other {# things}}\"",
              "{count, plural, one {# вещь} few {# вещи} many {# вещей} other {# вещи}}");
    translate(po, "msgid \"Drawer\"", "Ящик");
    write(ru, po);

    // 3. The kiosk reads it: every phrase translated, nothing to report.
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(folder, out);
    CHECK_FALSE(out.has_errors());
    for (const Diagnostic& d : out.items()) FAIL_CHECK(d.file << ":" << d.line << ": " << d.message);
    CHECK(catalogs.template_phrases().size() == 4);
    CHECK(catalogs.languages() == std::vector<std::string>{"ru"});
    CHECK(catalogs.untranslated("ru").empty());
    const Phrasebook& phrases = catalogs.phrasebook("ru");
    CHECK(std::string(phrases.tr("Open")) == "Открыто");
    CHECK(std::string(phrases.trc("button", "Open")) == "Открыть");
    CHECK(std::string(phrases.tr("Drawer")) == "Ящик");
    const char* things = phrases.tr("{count, plural, one {# thing} other {# things}}");
    Diagnostics formatting;
    CHECK(format_message("ru", things, {{"count", 1}}, formatting) == "1 вещь");
    CHECK(format_message("ru", things, {{"count", 3}}, formatting) == "3 вещи");
    CHECK(format_message("ru", things, {{"count", 5}}, formatting) == "5 вещей");
    CHECK(format_message("ru", things, {{"count", 21}}, formatting) == "21 вещь");
    CHECK(formatting.items().empty());
}
