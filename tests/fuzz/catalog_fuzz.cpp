// A translator's PO catalog (localisation/ru.po, as Poedit or Weblate hand it
// back) through the kiosk's loader (core/localisation/catalog, libgettextpo, which reads
// files: the input is written to one), its checks of ICU message patterns
// (core/localisation/message_pattern), and the phrasebook as the screens use it: every phrase
// of the template looked up, those with numbers formatted (core/localisation/locale_format)
// with the numbers the screens give them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/localisation/catalog.hpp"
#include "core/localisation/locale_format.hpp"
#include "core/localisation/message_pattern.hpp"
#include "fuzz_support.hpp"

using namespace amanat;
namespace fs = std::filesystem;

namespace {

// A few phrases of localisation/amanat.pot: one with a context, plain ones, and
// the patterns with plurals and arguments, so that translations of each kind
// are checked against their source. Russian: four plural categories.
constexpr const char* kTemplate = R"(msgid ""
msgstr ""
"Project-Id-Version: Amanat\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"

msgctxt "language name"
msgid "English"
msgstr ""

msgid "Period"
msgstr ""

msgid "Touch to start"
msgstr ""

msgid "{count, plural, one {# object} other {# objects}}"
msgstr ""

msgid "{seconds, plural, one {Starting again in # second} other {Starting again in # seconds}}"
msgstr ""

msgid "Too many wrong PINs. Try again in {time}."
msgstr ""

msgid "Wrong PIN. {tries, plural, one {# try left.} other {# tries left.}}"
msgstr ""
)";

constexpr const char* kLanguage = "ru";

const fs::path& catalog_folder() {
    static const fs::path folder = [] {
        const fs::path made = fuzzing::scratch_folder() / "localisation";
        fs::create_directories(made);
        fuzzing::write_bytes(made / TranslationCatalogs::kTemplateFileName, kTemplate);
        return made;
    }();
    return folder;
}

// What the screens do with the phrasebook.
void use(const Phrasebook& phrases, const std::vector<PhraseKey>& template_phrases) {
    phrases.language_name();
    for (const PhraseKey& key : template_phrases) {
        const char* text = key.context ? phrases.trc(key.context->c_str(), key.msgid.c_str())
                                       : phrases.tr(key.msgid.c_str());
        fuzzing::expect(text != nullptr, "a phrase has no text at all");
        if (!is_message_pattern(key.msgid)) continue;
        for (const long long number : {0LL, 1LL, 2LL, 5LL, 21LL, 1'000'000LL}) {
            Diagnostics problems;
            format_message(kLanguage, text,
                           {{"count", number}, {"seconds", number}, {"tries", number}, {"time", "4:59"}},
                           problems);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    catalog_folder();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzzing::write_bytes(catalog_folder() / (std::string(kLanguage) + ".po"), fuzzing::text_of(data, size));
    Diagnostics problems;
    const TranslationCatalogs catalogs = TranslationCatalogs::load(catalog_folder(), problems);
    fuzzing::expect_readable(problems);
    use(catalogs.phrasebook(kLanguage), catalogs.template_phrases());
    catalogs.untranslated(kLanguage);
    return 0;
}
