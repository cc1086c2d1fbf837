// The kiosk's plural phrases are ICU message patterns; a translation must give
// every form its language has by CLDR, with the English text's argument names.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/localisation/message_pattern.hpp"

using namespace amanat;

namespace {
using Names = std::vector<std::string>;
const std::string kObjects = "{count, plural, one {# object} other {# objects}}";

bool has(const std::vector<MessageProblem>& problems, const std::string& code) {
    for (const MessageProblem& p : problems)
        if (p.code == code) return true;
    return false;
}
}  // namespace

TEST_CASE("message pattern: each tour language's CLDR plural categories") {
    CHECK(plural_categories("en") == Names{"one", "other"});
    CHECK(plural_categories("ru") == Names{"one", "few", "many", "other"});
    CHECK(plural_categories("cs") == Names{"one", "few", "many", "other"});
    CHECK(plural_categories("sr") == Names{"one", "few", "other"});
    CHECK(plural_categories("sr-Latn") == Names{"one", "few", "other"});
    CHECK(plural_categories("kk") == Names{"one", "other"});
    CHECK(plural_categories("kk-Latn") == Names{"one", "other"});
    CHECK(plural_categories("tr") == Names{"one", "other"});
    CHECK(plural_categories("ko") == Names{"other"});
    CHECK(plural_categories("fr") == Names{"one", "many", "other"});
}

TEST_CASE("message pattern: arguments and plural selectors, nested ones at their own level") {
    std::string error;
    const auto parts = read_message_pattern(
        "{tries, plural, =0 {none} one {# try, {who}} other {{n, plural, one {x} other {y}} # tries}}",
        error);
    REQUIRE(parts.has_value());
    CHECK(parts->arguments == Names{"n", "tries", "who"});
    REQUIRE(parts->plurals.size() == 2);
    CHECK(parts->plurals[0].name == "tries");
    CHECK(parts->plurals[0].selectors == Names{"=0", "one", "other"});
    CHECK(parts->plurals[1].name == "n");
    CHECK_FALSE(read_message_pattern("{count, plural, one {# x}", error).has_value());
    CHECK_FALSE(error.empty());
    CHECK(is_message_pattern(kObjects));
    CHECK_FALSE(is_message_pattern("Touch to start"));
}

TEST_CASE("message pattern: a translation with its language's forms passes; each kind of mistake is named") {
    CHECK(
        check_message_translation("ru", kObjects,
                                  "{count, plural, one {# предмет} few {# предмета} many {# предметов} other "
                                  "{# предмета}}")
            .empty());
    CHECK(check_message_translation("ko", kObjects, "{count, plural, other {#점}}").empty());
    CHECK(check_message_translation("sr", kObjects,
                                    "{count, plural, one {# предмет} few {# предмета} other {# предмета}}")
              .empty());
    // An exact number is always allowed.
    CHECK(check_message_translation("en", kObjects,
                                    "{count, plural, =0 {nothing} one {# object} other {# objects}}")
              .empty());

    const auto missing =
        check_message_translation("cs", kObjects, "{count, plural, one {# předmět} other {# předmětů}}");
    REQUIRE(has(missing, "plural-forms-missing"));
    CHECK(missing.front().message.find("few, many") != std::string::npos);
    CHECK(missing.front().error);
    CHECK(has(check_message_translation("de", kObjects, "{anzahl, plural, one {# Objekt} other {# Objekte}}"),
              "argument-mismatch"));
    CHECK(has(check_message_translation("de", kObjects, "# Objekte"), "argument-mismatch"));
    CHECK(has(check_message_translation("de", kObjects, "{count, plural, one {# Objekt} other {# Objekte}"),
              "bad-message-pattern"));
    const auto unused = check_message_translation("ko", kObjects, "{count, plural, one {#점} other {#점}}");
    REQUIRE(has(unused, "plural-forms-unused"));
    CHECK_FALSE(unused.front().error);
}
