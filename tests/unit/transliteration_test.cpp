// Kazakh in the Latin alphabet of 2021, made from Cyrillic by the ICU rule file in
// localisation/ (the sources and decisions are in that file's comments).
#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/localisation/catalog.hpp"
#include "core/localisation/transliteration.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using amanat::testing::TemporaryFolder;
using amanat::testing::write_file;

namespace {

const ScriptTransliterator& kazakh() {
    static const ScriptTransliterator transliterator = [] {
        Diagnostics diagnostics;
        auto loaded = ScriptTransliterator::load_kazakh_latin(AMANAT_LOCALISATION_DIR, diagnostics);
        REQUIRE(loaded.has_value());
        REQUIRE(diagnostics.items().empty());
        return std::move(*loaded);
    }();
    return transliterator;
}

std::string to_latin(const std::string& cyrillic) {
    return kazakh().transliterate(cyrillic);
}

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool has_cyrillic(const std::string& utf8) {
    // Cyrillic letters are U+0400..U+04FF: lead bytes 0xD0..0xD3 in UTF-8.
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0xD0 && byte <= 0xD3) return true;
    }
    return false;
}

struct Letter {
    const char* cyrillic;
    const char* latin;
};

}  // namespace

TEST_CASE("every Kazakh Cyrillic letter, upper and lower case, as the 2021 table writes it") {
    // The 42 letters of the Kazakh Cyrillic alphabet, in its order.
    const std::vector<Letter> letters = {
        {"А", "A"},  {"а", "a"},  {"Ә", "Ä"},  {"ә", "ä"},  {"Б", "B"}, {"б", "b"}, {"В", "V"},  {"в", "v"},
        {"Г", "G"},  {"г", "g"},  {"Ғ", "Ğ"},  {"ғ", "ğ"},  {"Д", "D"}, {"д", "d"}, {"Е", "E"},  {"е", "e"},
        {"Ё", "Io"}, {"ё", "io"}, {"Ж", "J"},  {"ж", "j"},  {"З", "Z"}, {"з", "z"}, {"И", "İ"},  {"и", "i"},
        {"Й", "İ"},  {"й", "i"},  {"К", "K"},  {"к", "k"},  {"Қ", "Q"}, {"қ", "q"}, {"Л", "L"},  {"л", "l"},
        {"М", "M"},  {"м", "m"},  {"Н", "N"},  {"н", "n"},  {"Ң", "Ñ"}, {"ң", "ñ"}, {"О", "O"},  {"о", "o"},
        {"Ө", "Ö"},  {"ө", "ö"},  {"П", "P"},  {"п", "p"},  {"Р", "R"}, {"р", "r"}, {"С", "S"},  {"с", "s"},
        {"Т", "T"},  {"т", "t"},  {"У", "U"},  {"у", "u"},  {"Ұ", "Ū"}, {"ұ", "ū"}, {"Ү", "Ü"},  {"ү", "ü"},
        {"Ф", "F"},  {"ф", "f"},  {"Х", "H"},  {"х", "h"},  {"Һ", "H"}, {"һ", "h"}, {"Ц", "Ts"}, {"ц", "ts"},
        {"Ч", "Ch"}, {"ч", "ch"}, {"Ш", "Ş"},  {"ш", "ş"},  {"Щ", "Ş"}, {"щ", "ş"}, {"Ъ", ""},   {"ъ", ""},
        {"Ы", "Y"},  {"ы", "y"},  {"І", "I"},  {"і", "ı"},  {"Ь", ""},  {"ь", ""},  {"Э", "E"},  {"э", "e"},
        {"Ю", "Iu"}, {"ю", "iu"}, {"Я", "Ia"}, {"я", "ia"},
    };
    CHECK(letters.size() == 84);
    for (const Letter& letter : letters) {
        CAPTURE(letter.cyrillic);
        CHECK(to_latin(letter.cyrillic) == letter.latin);
    }
}

TEST_CASE("і is the dotless ı and и, й the dotted i, in both cases") {
    CHECK(to_latin("тіл") == "tıl");
    CHECK(to_latin("ТІЛ") == "TIL");
    CHECK(to_latin("Иван") == "İvan");
    CHECK(to_latin("ИІ") == "İI");
    CHECK(to_latin("үйіне") == "üiıne");
}

TEST_CASE("letters written with two Latin letters follow the word's case") {
    CHECK(to_latin("Цирк") == "Tsirk");
    CHECK(to_latin("ЦИРК") == "TSİRK");
    CHECK(to_latin("ЯНВАРЬ") == "IANVAR");
    CHECK(to_latin("Январь") == "Ianvar");
    CHECK(to_latin("ЮРТА") == "IURTA");
    CHECK(to_latin("Чай") == "Chai");
    CHECK(to_latin("МАТЧ") == "MATCH");
    CHECK(to_latin("ЁЛКА") == "IOLKA");
    // Alone, a capital is written as a title.
    CHECK(to_latin("Я") == "Ia");
}

TEST_CASE("words of the sample exhibition") {
    CHECK(to_latin("Қазақстан") == "Qazaqstan");
    CHECK(to_latin("Домбыра") == "Dombyra");
    CHECK(to_latin("Сәукеле") == "Säukele");
    CHECK(to_latin("ою-өрнек") == "oiu-örnek");
    CHECK(to_latin("Шаңырақ") == "Şañyraq");
    CHECK(to_latin("Киіз үй") == "Kiız üi");
    CHECK(to_latin("Құрманғазы") == "Qūrmanğazy");
    CHECK(to_latin("Дәстүр сабақтастығы") == "Dästür sabaqtastyğy");
    CHECK(to_latin("Қалыңдықтың бас киімі") == "Qalyñdyqtyñ bas kiımı");
}

TEST_CASE("a sentence: the sample text of Wikipedia's 'Kazakh alphabets'") {
    CHECK(to_latin("Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне "
                   "келіп қоныпты.") ==
          "Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp "
          "qonypty.");
}

TEST_CASE("Latin, digits, punctuation and Markdown are left unchanged") {
    CHECK(to_latin("Amanat 2024: abc XYZ, 1823–1896!") == "Amanat 2024: abc XYZ, 1823–1896!");
    CHECK(to_latin("## Екі ішек\n\n- **небәрі** *күй* [сілтеме](https://example.org/a_b)\n") ==
          "## Ekı ışek\n\n- **nebärı** *küi* [sılteme](https://example.org/a_b)\n");
    CHECK(to_latin("") == "");
    // Decomposed й (и + combining breve) is composed first.
    CHECK(to_latin("\xD0\xB8\xCC\x86") == "i");
}

TEST_CASE("a whole Kazakh story of the sample exhibition keeps its Markdown and loses its Cyrillic") {
    const std::string story =
        read(std::filesystem::path(AMANAT_SAMPLE_BUNDLE) / "artifacts/dombra/story.kk.md");
    REQUIRE(has_cyrillic(story));
    const std::string latin = to_latin(story);
    CHECK_FALSE(has_cyrillic(latin));
    CHECK(latin.rfind("## Ekı ışek", 0) == 0);
    CHECK(latin.find("**Qūrmanğazy** (1823–1896)") != std::string::npos);
}

TEST_CASE("a LanguageMap gains kk-Latn only when it has kk and no kk-Latn") {
    LanguageMap cyrillic_only;
    cyrillic_only.set("en", "Dombra");
    cyrillic_only.set("kk", "Домбыра");
    CHECK(kazakh().derive(cyrillic_only) == std::optional<std::string>("Dombyra"));

    LanguageMap both = cyrillic_only;
    both.set("kk-Latn", "Dombyra (written by staff)");
    CHECK_FALSE(kazakh().derive(both).has_value());

    LanguageMap english_only;
    english_only.set("en", "Dombra");
    CHECK_FALSE(kazakh().derive(english_only).has_value());

    CHECK(kazakh().source_language() == "kk");
    CHECK(kazakh().target_language() == "kk-Latn");
}

TEST_CASE("one transliterator serves several threads at once") {
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&results, i] {
            for (int n = 0; n < 50; ++n) results[i] = to_latin("Қазақстан Домбыра Сәукеле");
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (const std::string& result : results) CHECK(result == "Qazaqstan Dombyra Säukele");
}

TEST_CASE("a broken rule file is reported with its file and line") {
    TemporaryFolder folder;
    const std::filesystem::path rules = folder.path() / "localisation" / "xx-Cyrl-xx-Latn.txt";

    SUBCASE("a syntax error") {
        write_file(rules, "# comment\nа > a ;\n\nб > ) ;\nв > v ;\n");
        Diagnostics diagnostics;
        CHECK_FALSE(ScriptTransliterator::load(rules, "xx", "xx-Latn", diagnostics).has_value());
        REQUIRE(diagnostics.items().size() == 1);
        const Diagnostic& problem = diagnostics.items()[0];
        CHECK(problem.file == "localisation/xx-Cyrl-xx-Latn.txt");
        CHECK(problem.line == 4);
        CHECK(problem.code == "bad-transliteration-rule");
        CHECK(problem.severity == Severity::Error);
    }
    SUBCASE("an undefined variable") {
        write_file(rules, "а > a ;\n$nothing > b ;\n");
        Diagnostics diagnostics;
        CHECK_FALSE(ScriptTransliterator::load(rules, "xx", "xx-Latn", diagnostics).has_value());
        REQUIRE(diagnostics.items().size() == 1);
        CHECK(diagnostics.items()[0].line == 2);
        CHECK(diagnostics.items()[0].message.find("variable") != std::string::npos);
    }
    SUBCASE("an unknown transform on a '::' line") {
        write_file(rules, "а > a ;\n\n:: NoSuchTransform ;\n");
        Diagnostics diagnostics;
        CHECK_FALSE(ScriptTransliterator::load(rules, "xx", "xx-Latn", diagnostics).has_value());
        REQUIRE(diagnostics.items().size() == 1);
        CHECK(diagnostics.items()[0].line == 3);
    }
    SUBCASE("a file that is not UTF-8") {
        write_file(rules, "a > b ;\n\xE0 > c ;\n");
        Diagnostics diagnostics;
        CHECK_FALSE(ScriptTransliterator::load(rules, "xx", "xx-Latn", diagnostics).has_value());
        REQUIRE(diagnostics.items().size() == 1);
        CHECK(diagnostics.items()[0].code == "not-utf8");
        CHECK(diagnostics.items()[0].line == 2);
    }
    SUBCASE("a missing file") {
        Diagnostics diagnostics;
        CHECK_FALSE(ScriptTransliterator::load(rules, "xx", "xx-Latn", diagnostics).has_value());
        REQUIRE(diagnostics.items().size() == 1);
        CHECK(diagnostics.items()[0].code == "unreadable");
        CHECK(diagnostics.items()[0].file == "localisation/xx-Cyrl-xx-Latn.txt");
    }
}

// Serbian: Cyrillic (sr) to the Latin alphabet (sr-Latn) by localisation/sr-Cyrl-sr-Latn.txt
// (the sources and decisions are in that file's comments).
TEST_CASE("transliteration: Serbian Cyrillic to Latin, every letter, and Lj, Nj, Dž in the word's case") {
    Diagnostics diagnostics;
    const std::optional<ScriptTransliterator> serbian = ScriptTransliterator::load(
        std::filesystem::path(AMANAT_LOCALISATION_DIR) / "sr-Cyrl-sr-Latn.txt", "sr", "sr-Latn", diagnostics);
    for (const Diagnostic& d : diagnostics.items()) FAIL_CHECK(d.file << ":" << d.line << ": " << d.message);
    REQUIRE(serbian.has_value());
    CHECK(serbian->source_language() == "sr");
    CHECK(serbian->target_language() == "sr-Latn");
    const auto to_latin = [&serbian](const std::string& cyrillic) {
        return serbian->transliterate(cyrillic);
    };

    // The 30 letters of the azbuka, in its order, as the Serbian orthography (Pravopis
    // srpskoga jezika, Matica srpska) pairs them with the abeceda.
    const std::vector<Letter> letters = {
        {"А", "A"},  {"а", "a"},  {"Б", "B"},  {"б", "b"},  {"В", "V"}, {"в", "v"}, {"Г", "G"}, {"г", "g"},
        {"Д", "D"},  {"д", "d"},  {"Ђ", "Đ"},  {"ђ", "đ"},  {"Е", "E"}, {"е", "e"}, {"Ж", "Ž"}, {"ж", "ž"},
        {"З", "Z"},  {"з", "z"},  {"И", "I"},  {"и", "i"},  {"Ј", "J"}, {"ј", "j"}, {"К", "K"}, {"к", "k"},
        {"Л", "L"},  {"л", "l"},  {"Љ", "Lj"}, {"љ", "lj"}, {"М", "M"}, {"м", "m"}, {"Н", "N"}, {"н", "n"},
        {"Њ", "Nj"}, {"њ", "nj"}, {"О", "O"},  {"о", "o"},  {"П", "P"}, {"п", "p"}, {"Р", "R"}, {"р", "r"},
        {"С", "S"},  {"с", "s"},  {"Т", "T"},  {"т", "t"},  {"Ћ", "Ć"}, {"ћ", "ć"}, {"У", "U"}, {"у", "u"},
        {"Ф", "F"},  {"ф", "f"},  {"Х", "H"},  {"х", "h"},  {"Ц", "C"}, {"ц", "c"}, {"Ч", "Č"}, {"ч", "č"},
        {"Џ", "Dž"}, {"џ", "dž"}, {"Ш", "Š"},  {"ш", "š"},
    };
    CHECK(letters.size() == 60);
    for (const Letter& letter : letters) {
        CAPTURE(letter.cyrillic);
        CHECK(to_latin(letter.cyrillic) == letter.latin);
    }

    // Lj, Nj, Dž: both letters capitals in a word in capitals, else only the first.
    CHECK(to_latin("ЉУБАВ") == "LJUBAV");
    CHECK(to_latin("Љубав") == "Ljubav");
    CHECK(to_latin("љубав") == "ljubav");
    CHECK(to_latin("ЏЕП") == "DŽEP");
    CHECK(to_latin("Џеп") == "Džep");
    CHECK(to_latin("џеп") == "džep");
    CHECK(to_latin("ЊЕГОШ") == "NJEGOŠ");
    CHECK(to_latin("Његош") == "Njegoš");
    CHECK(to_latin("ПРИЈАТЕЉ") == "PRIJATELJ");
    CHECK(to_latin("ЏУГАЊ") == "DŽUGANJ");
    // A capital alone (an initial) is written as a title.
    CHECK(to_latin("Љ. Ђорђевић") == "Lj. Đorđević");

    // Words of a museum text.
    CHECK(to_latin("Ђердан од сребра") == "Đerdan od srebra");
    CHECK(to_latin("Музеј у Алматију") == "Muzej u Almatiju");
    CHECK(to_latin("Домбра је жичани инструмент са две жице.") == "Dombra je žičani instrument sa dve žice.");
    CHECK(to_latin("Свечана капа невесте, крај XIX века") == "Svečana kapa neveste, kraj XIX veka");
    CHECK(to_latin("Народна ношња, накит и музички инструменти Казахстана") ==
          "Narodna nošnja, nakit i muzički instrumenti Kazahstana");
    // Accents that some texts put on vowels stay on the Latin vowel.
    CHECK(to_latin("ѝ") == "ì");
    CHECK(to_latin("Ѐ") == "È");
    // Cyrillic letters that are not Serbian are left as they are.
    CHECK(to_latin("я") == "я");

    // Latin, digits, punctuation, Markdown and ICU message patterns are left unchanged.
    CHECK(to_latin("Amanat 2024: abc XYZ, 1823–1896!") == "Amanat 2024: abc XYZ, 1823–1896!");
    CHECK(to_latin("# Ђердан\n\n- **сребро** и *злато* [веза](https://example.org/a_b)\n") ==
          "# Đerdan\n\n- **srebro** i *zlato* [veza](https://example.org/a_b)\n");
    CHECK(to_latin("{count, plural, one {# предмет} few {# предмета} other {# предмета}}") ==
          "{count, plural, one {# predmet} few {# predmeta} other {# predmeta}}");
    CHECK(to_latin("") == "");
}

namespace {

// Speech mode's readers: Latin letters back to the Cyrillic a voice reads.
std::string back_to_cyrillic(const char* rule_file, const char* latin, const char* cyrillic,
                             const std::string& text) {
    Diagnostics diagnostics;
    const auto reader = ScriptTransliterator::load(std::filesystem::path(AMANAT_LOCALISATION_DIR) / rule_file,
                                                   latin, cyrillic, diagnostics);
    REQUIRE(reader.has_value());
    CHECK(diagnostics.items().empty());
    return reader->transliterate(text);
}

}  // namespace

TEST_CASE("speech: Kazakh in Latin letters goes back to the Cyrillic it was made from, for the kk voice") {
    // Words without the letters the forward rules merge (Х/Һ, И/Й) or drop (Ъ, Ь)
    // come back as they were, but for case (the voice does not hear it).
    for (const std::string word : {"қазақша", "шаңырақ", "сәукеле", "тұскиіз", "домбыра", "өрнегі", "ғасыр",
                                   "бұрыңғы", "текемет", "шапан", "торсық", "ертегі", "үлкен"}) {
        CAPTURE(word);
        CHECK(back_to_cyrillic("kk-Latn-kk-Cyrl.txt", "kk-Latn", "kk", to_latin(word)) == word);
    }
    CHECK(back_to_cyrillic("kk-Latn-kk-Cyrl.txt", "kk-Latn", "kk", "Qazaqşa, 12 eksponat!") ==
          "қазақша, 12 експонат!");  // Э and Е are both E: alike to the ear
    CHECK(back_to_cyrillic("kk-Latn-kk-Cyrl.txt", "kk-Latn", "kk", "İnternet") == "интернет");
    CHECK(back_to_cyrillic("kk-Latn-kk-Cyrl.txt", "kk-Latn", "kk", "Ianvar") == "январ");
}

TEST_CASE("speech: Serbian in Latin letters goes back to Cyrillic, Lj, Nj and Dž as one letter each") {
    CHECK(back_to_cyrillic("sr-Latn-sr-Cyrl.txt", "sr-Latn", "sr",
                           "Ljubljana, njiva, džep, čaša, ćup, đak") == "љубљана, њива, џеп, чаша, ћуп, ђак");
}
