// The UI's translation catalogs: gettext PO files read with libgettextpo, and
// every problem a translator can cause reported with file, line and a fix.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>

#include "core/localisation/catalog.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;

namespace {

const char* const kHeader =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Language: %LANG%\\n\"\n"
    "\n";

void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

std::string header(const std::string& language) {
    std::string h = kHeader;
    h.replace(h.find("%LANG%"), 6, language);
    return h;
}

const char* const kTemplate =
    "msgid \"Touch to start\"\n"
    "msgstr \"\"\n"
    "\n"
    "msgid \"Home\"\n"
    "msgstr \"\"\n"
    "\n"
    "msgctxt \"language name\"\n"
    "msgid \"English\"\n"
    "msgstr \"\"\n";

const Diagnostic* find_code(const Diagnostics& out, const std::string& code) {
    const auto& items = out.items();
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const Diagnostic& d) { return d.code == code; });
    return it == items.end() ? nullptr : &*it;
}

struct CatalogFolder {
    testing::TemporaryFolder temporary;
    std::filesystem::path folder = temporary.path() / "localisation";
    CatalogFolder() {
        std::filesystem::create_directories(folder);
        write(folder / TranslationCatalogs::kTemplateFileName, header("") + kTemplate);
    }
};

}  // namespace

TEST_CASE("catalog: a complete PO file translates plain phrases and phrases with a context") {
    CatalogFolder c;
    write(c.folder / "kk.po", header("kk") +
                                  "msgid \"Touch to start\"\nmsgstr \"Бастау үшін түртіңіз\"\n\n"
                                  "msgid \"Home\"\nmsgstr \"Басты бет\"\n\n"
                                  "msgctxt \"language name\"\nmsgid \"English\"\nmsgstr \"Қазақша\"\n");
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(c.folder, out);
    CHECK(out.items().empty());
    const Phrasebook& kk = catalogs.phrasebook("kk");
    CHECK(std::string(kk.tr("Touch to start")) == "Бастау үшін түртіңіз");
    CHECK(kk.language_name() == "Қазақша");
    // "English" without the context is a different phrase.
    CHECK(std::string(kk.tr("English")) == "English");
    CHECK(catalogs.untranslated("kk").empty());
    CHECK(catalogs.template_phrases().size() == 3);
    CHECK(catalogs.languages() == std::vector<std::string>{"kk"});
}

TEST_CASE("catalog: a language without a file, and a phrase without a translation, show English") {
    CatalogFolder c;
    write(c.folder / "ru.po",
          header("ru") + "msgid \"Home\"\nmsgstr \"На главную\"\n\nmsgid \"Touch to start\"\nmsgstr \"\"\n");
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(c.folder, out);
    const Phrasebook& ru = catalogs.phrasebook("ru");
    CHECK(std::string(ru.tr("Touch to start")) == "Touch to start");
    CHECK(std::string(catalogs.phrasebook("ko").tr("Home")) == "Home");
    const Diagnostic* incomplete = find_code(out, "incomplete");
    REQUIRE(incomplete != nullptr);
    CHECK(incomplete->file == "localisation/ru.po");
    CHECK(incomplete->severity == Severity::Warning);
    const auto missing = catalogs.untranslated("ru");
    CHECK(std::find(missing.begin(), missing.end(), "Touch to start") != missing.end());
    CHECK(std::find(missing.begin(), missing.end(), "language name|English") != missing.end());
}

TEST_CASE("catalog: a syntax error names the file and line, and leaves the language in English") {
    CatalogFolder c;
    write(c.folder / "nl.po",
          header("nl") + "msgid \"Home\"\nmsgstr \"Overzicht\"\n\nmsgid \"Touch to start\nmsgstr \"x\"\n");
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(c.folder, out);
    CHECK(out.has_errors());
    const Diagnostic* problem = find_code(out, "po-syntax");
    REQUIRE(problem != nullptr);
    CHECK(problem->file == "localisation/nl.po");
    CHECK(problem->line > 0);
    CHECK(std::string(catalogs.phrasebook("nl").tr("Home")) == "Home");
}

TEST_CASE("catalog: fuzzy entries and plurals that would show wrongly are left out one by one") {
    CatalogFolder c;
    const std::string objects = "{count, plural, one {# object} other {# objects}}";
    write(c.folder / "ru.po",
          header("ru") +
              "#, fuzzy\nmsgid \"Home\"\nmsgstr \"Главная\"\n\n"
              // Russian needs one, few, many and other: "few" is missing.
              "msgid \"" +
              objects +
              "\"\n"
              "msgstr \"{count, plural, one {# предмет} many {# предметов} other {# предмета}}\"\n\n"
              "msgctxt \"language name\"\nmsgid \"English\"\nmsgstr \"Русский\"\n");
    write(c.folder / "tr.po", header("tr") +
                                  // The argument's name translated: the kiosk would not fill it in.
                                  "msgid \"" + objects +
                                  "\"\nmsgstr \"{sayı, plural, one {# eser} other {# eser}}\"\n");
    write(c.folder / "ko.po", header("ko") +
                                  // Korean never selects "one": harmless, but worth a warning.
                                  "msgid \"" + objects +
                                  "\"\nmsgstr \"{count, plural, one {# 점} other {# 점}}\"\n");
    write(c.folder / "nl.po",
          header("nl") + "msgid \"" + objects + "\"\nmsgstr \"{count, plural, one {# voorwerp\"\n");
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(c.folder, out);
    const Phrasebook& ru = catalogs.phrasebook("ru");
    CHECK(std::string(ru.tr("Home")) == "Home");
    CHECK(ru.language_name() == "Русский");
    CHECK(std::string(ru.tr(objects.c_str())) == objects);
    CHECK(std::string(catalogs.phrasebook("tr").tr(objects.c_str())) == objects);
    CHECK(std::string(catalogs.phrasebook("nl").tr(objects.c_str())) == objects);
    CHECK(std::string(catalogs.phrasebook("ko").tr(objects.c_str())) ==
          "{count, plural, one {# 점} other {# 점}}");

    const Diagnostic* fuzzy = find_code(out, "fuzzy");
    REQUIRE(fuzzy != nullptr);
    CHECK(fuzzy->line > 0);
    CHECK_FALSE(fuzzy->fix.empty());
    const Diagnostic* missing = find_code(out, "plural-forms-missing");
    REQUIRE(missing != nullptr);
    CHECK(missing->severity == Severity::Error);
    CHECK(missing->file == "localisation/ru.po");
    CHECK(missing->message.find("few") != std::string::npos);
    const Diagnostic* renamed = find_code(out, "argument-mismatch");
    REQUIRE(renamed != nullptr);
    CHECK(renamed->file == "localisation/tr.po");
    CHECK(renamed->message.find("sayı") != std::string::npos);
    const Diagnostic* unused = find_code(out, "plural-forms-unused");
    REQUIRE(unused != nullptr);
    CHECK(unused->severity == Severity::Warning);
    CHECK(unused->file == "localisation/ko.po");
    const Diagnostic* broken = find_code(out, "bad-message-pattern");
    REQUIRE(broken != nullptr);
    CHECK(broken->file == "localisation/nl.po");
}

TEST_CASE("catalog: a file named after no language, or declaring another one, is reported") {
    CatalogFolder c;
    write(c.folder / "kazakh!.po", header("kk") + "msgid \"Home\"\nmsgstr \"Басты бет\"\n");
    write(c.folder / "ko.po", header("ru") + "msgid \"Home\"\nmsgstr \"처음으로\"\n");
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(c.folder, out);
    const Diagnostic* bad_name = find_code(out, "bad-file-name");
    REQUIRE(bad_name != nullptr);
    CHECK(bad_name->file == "localisation/kazakh!.po");
    CHECK(find_code(out, "language-mismatch") != nullptr);
    // The mismatch is a warning: the file name decides, so Korean still works.
    CHECK(std::string(catalogs.phrasebook("ko").tr("Home")) == "처음으로");
}

TEST_CASE("catalog: phrases not in the template are reported, and so is a missing template") {
    CatalogFolder c;
    write(c.folder / "en.po", header("en") + "msgid \"Hom\"\nmsgstr \"Hom\"\n");
    Diagnostics out;
    TranslationCatalogs::load(c.folder, out);
    CHECK(find_code(out, "not-in-template") != nullptr);

    std::filesystem::remove(c.folder / TranslationCatalogs::kTemplateFileName);
    Diagnostics without_template;
    TranslationCatalogs::load(c.folder, without_template);
    CHECK(find_code(without_template, "no-template") != nullptr);
}

TEST_CASE("catalog: a missing folder is one clear error, and the kiosk still has English") {
    testing::TemporaryFolder temporary;
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(temporary.path() / "nowhere", out);
    CHECK(out.error_count() == 1);
    CHECK(std::string(catalogs.phrasebook("kk").tr("Home")) == "Home");
}

TEST_CASE("catalog: the shipped localisation folder is complete and without problems") {
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(AMANAT_LOCALISATION_DIR, out);
    for (const Diagnostic& d : out.items()) FAIL_CHECK(d.file << ":" << d.line << ": " << d.message);
    CHECK(catalogs.template_phrases().size() >= 20);
    for (const char* language : {"en", "kk", "ru", "nl", "tr", "ko"}) {
        CAPTURE(language);
        CHECK(catalogs.untranslated(language).empty());
    }
    CHECK(catalogs.phrasebook("kk").language_name() == "Қазақша");
    CHECK(catalogs.phrasebook("ko").language_name() == "한국어");
}

TEST_CASE("catalog: a translation holding a character the kiosk cannot show is an error, and shows English") {
    CatalogFolder c;
    write(c.folder / "ru.po", header("ru") +
                                  "msgid \"Home\"\nmsgstr \"Глав\\x01ная\"\n\n"
                                  "msgid \"Touch to start\"\nmsgstr \"Коснитесь\\x07\"\n");
    Diagnostics out;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(c.folder, out);
    const Diagnostic* d = find_code(out, "unshowable-character");
    REQUIRE(d != nullptr);
    CHECK(d->file.ends_with("ru.po"));
    CHECK(d->line == 6);  // the entry's msgid, as for every catalog problem
    CHECK(d->severity == Severity::Error);
    CHECK(std::string(catalogs.phrasebook("ru").tr("Home")) == "Home");
    CHECK(std::string(catalogs.phrasebook("ru").tr("Touch to start")) == "Touch to start");
}
