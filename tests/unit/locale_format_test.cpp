// Plurals, messages, numbers and dates by CLDR's rules through ICU, for the
// languages the kiosk may show.
#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

#include "core/localisation/locale_format.hpp"

using namespace amanat;

namespace {

// The plural category of 0, 1, 2, 5, 21 and 101, in that order.
std::vector<std::string> categories(const char* language) {
    std::vector<std::string> out;
    for (const double n : {0.0, 1.0, 2.0, 5.0, 21.0, 101.0}) out.push_back(plural_category(language, n));
    return out;
}

using Six = std::vector<std::string>;

const char* const kNbsp = "\xC2\xA0";  // U+00A0 NO-BREAK SPACE

}  // namespace

TEST_CASE("plural categories of 0, 1, 2, 5, 21, 101 in every kiosk language") {
    const Six english_like = {"other", "one", "other", "other", "other", "other"};
    // Germanic, Kazakh, Turkish, Hungarian, Italian: one for 1 only.
    for (const char* language : {"en", "nl", "de", "it", "kk", "kk-Latn", "tr", "hu"}) {
        CAPTURE(language);
        CHECK(categories(language) == english_like);
    }
    // French: 0 and 1 are both singular.
    CHECK(categories("fr") == Six{"one", "one", "other", "other", "other", "other"});
    CHECK(plural_category("fr", 1000000) == "many");  // "1 million d'objets"
    // Russian: one (1, 21, 101), few (2-4, 22-24...), many (0, 5-20, 25-30...).
    CHECK(categories("ru") == Six{"many", "one", "few", "many", "one", "one"});
    // Serbian in both scripts: one, few, other.
    CHECK(categories("sr") == Six{"other", "one", "few", "other", "one", "one"});
    CHECK(categories("sr-Latn") == Six{"other", "one", "few", "other", "one", "one"});
    // Czech: one (1), few (2-4), other (0, 5+).
    CHECK(categories("cs") == Six{"other", "one", "few", "other", "other", "other"});
    // Korean has no plural forms.
    CHECK(categories("ko") == Six{"other", "other", "other", "other", "other", "other"});
}

TEST_CASE("plural categories beyond the six samples") {
    CHECK(plural_category("ru", 11) == "many");
    CHECK(plural_category("ru", 22) == "few");
    CHECK(plural_category("ru", 1.5) == "other");
    CHECK(plural_category("cs", 3) == "few");
    CHECK(plural_category("cs", 1.5) == "many");  // Czech decimals
    CHECK(plural_category("sr", 12) == "other");
    CHECK(plural_category("sr", 0.1) == "one");  // Serbian decimals end in 1
    CHECK(plural_category("kk", 1.5) == "other");
    // A tag ICU cannot read gives the root locale's only category.
    CHECK(plural_category("", 1) == "other");
}

TEST_CASE("a Russian message with its three forms") {
    const std::string pattern =
        "{count, plural, one {# экспонат} few {# экспоната} many {# экспонатов} other {# экспоната}}";
    Diagnostics diagnostics;
    CHECK(format_message("ru", pattern, {{"count", 1}}, diagnostics) == "1 экспонат");
    CHECK(format_message("ru", pattern, {{"count", 3}}, diagnostics) == "3 экспоната");
    CHECK(format_message("ru", pattern, {{"count", 5}}, diagnostics) == "5 экспонатов");
    CHECK(format_message("ru", pattern, {{"count", 21}}, diagnostics) == "21 экспонат");
    CHECK(format_message("ru", pattern, {{"count", 1.5}}, diagnostics) == "1,5 экспоната");
    // '#' is the number as the language writes it.
    CHECK(format_message("ru", pattern, {{"count", 1234}}, diagnostics) ==
          std::string("1") + kNbsp + "234 экспоната");
    CHECK(diagnostics.items().empty());
}

TEST_CASE("messages with several named arguments, text and select") {
    Diagnostics diagnostics;
    CHECK(format_message("en", "{count, plural, one {# artifact} other {# artifacts}} in {room}",
                         {{"count", 12}, {"room", "Hall 2"}}, diagnostics) == "12 artifacts in Hall 2");
    CHECK(format_message("kk", "{count, plural, one {# экспонат} other {# экспонат}}", {{"count", 2}},
                         diagnostics) == "2 экспонат");
    CHECK(format_message("en", "{who, select, staff {Staff only} other {Welcome}}", {{"who", "visitor"}},
                         diagnostics) == "Welcome");
    // An apostrophe in ordinary text is just an apostrophe.
    CHECK(format_message("en", "Don't touch the {thing}", {{"thing", "dombra"}}, diagnostics) ==
          "Don't touch the dombra");
    CHECK(diagnostics.items().empty());
}

TEST_CASE("a bad pattern is shown as written and reported, never thrown") {
    Diagnostics diagnostics;
    const std::string broken = "{count, plural, one {# artifact} other {# artifacts}";
    CHECK(format_message("en", broken, {{"count", 2}}, diagnostics, {"localisation/en.po", 42}) == broken);
    REQUIRE(diagnostics.items().size() == 1);
    const Diagnostic& problem = diagnostics.items()[0];
    CHECK(problem.severity == Severity::Error);
    CHECK(problem.code == "bad-message-pattern");
    CHECK(problem.file == "localisation/en.po");
    CHECK(problem.line == 42);
    CHECK(problem.message.find(broken) != std::string::npos);

    SUBCASE("a plural without 'other'") {
        const std::string no_other = "{count, plural, one {# artifact}}";
        CHECK(format_message("en", no_other, {{"count", 2}}, diagnostics) == no_other);
        CHECK(diagnostics.error_count() == 2);
    }
    SUBCASE("an unknown argument type") {
        const std::string unknown_type = "{count, plurall, one {#} other {#}}";
        CHECK(format_message("en", unknown_type, {{"count", 2}}, diagnostics) == unknown_type);
        CHECK(diagnostics.error_count() == 2);
    }
}

TEST_CASE("an argument the pattern names but the caller does not give is a warning") {
    Diagnostics diagnostics;
    CHECK(format_message("en", "{count} artifacts in {room}", {{"count", 3}}, diagnostics) ==
          "3 artifacts in {room}");
    REQUIRE(diagnostics.items().size() == 1);
    CHECK(diagnostics.items()[0].severity == Severity::Warning);
    CHECK(diagnostics.items()[0].code == "missing-message-argument");
}

TEST_CASE("numbers with each language's grouping and decimal signs") {
    CHECK(format_number("en", 1234567) == "1,234,567");
    CHECK(format_number("ru", 1234567) == std::string("1") + kNbsp + "234" + kNbsp + "567");
    CHECK(format_number("de", 1234567) == "1.234.567");
    CHECK(format_number("de", 1234.5) == "1.234,5");
    CHECK(format_number("en", 1234.5) == "1,234.5");
    CHECK(format_number("kk", 1234567) == std::string("1") + kNbsp + "234" + kNbsp + "567");
    CHECK(format_number("ko", 1234567) == "1,234,567");
    CHECK(format_number("en", std::int64_t{-42}) == "-42");
}

TEST_CASE("dates in each language's own form") {
    constexpr std::int64_t kNauryz2024 = 1710979200;  // 2024-03-21 00:00:00 UTC
    CHECK(format_date("en", kNauryz2024, DateStyle::Long, "UTC") == "March 21, 2024");
    CHECK(format_date("de", kNauryz2024, DateStyle::Long, "UTC") == "21. März 2024");
    // CLDR puts a narrow no-break space (U+202F) before Russian "г." (year).
    CHECK(format_date("ru", kNauryz2024, DateStyle::Long, "UTC") == "21 марта 2024\xE2\x80\xAFг.");
    CHECK(format_date("en", kNauryz2024, DateStyle::Short, "UTC") == "3/21/24");
    // The time zone decides the day: 23:00 UTC is already the next day in Almaty.
    CHECK(format_date("en", kNauryz2024 - 3600, DateStyle::Long, "UTC") == "March 20, 2024");
    CHECK(format_date("en", kNauryz2024 - 3600, DateStyle::Long, "Asia/Almaty") == "March 21, 2024");
    CHECK_FALSE(format_date("kk", kNauryz2024, DateStyle::Full, "UTC").empty());
}
