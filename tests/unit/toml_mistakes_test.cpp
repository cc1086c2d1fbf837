// TOML syntax errors said as the mistake staff made, read from the line's bytes:
// each case is written into a valid artifact.toml and validated.
#include <doctest/doctest.h>

#include "core/exhibition/toml_mistakes.hpp"
#include "validation_fixture.hpp"

using namespace amanat;
using namespace amanat::testing;

namespace {

// The single syntax error of the fixture's artifact with `from` written as `to`.
Diagnostic syntax_error(const std::string& from, const std::string& to, BundleFixture& f) {
    f.edit_artifact(from, to);
    const auto d = only(f.validate(), "syntax");
    CHECK(d.file == BundleFixture::kArtifactManifest);
    CHECK(d.severity == Severity::Error);
    return d;
}

}  // namespace

TEST_CASE("TOML mistakes: curly quotes pasted from a word processor") {
    BundleFixture f;
    const auto d = syntax_error("title.en = \"Artifact 1 (en)\"", "title.en = \u201CArtifact 1\u201D", f);
    CHECK(d.line == line_of(f.artifact, "title.en = \u201C"));
    CHECK(d.column == 12);  // the quote, counted in characters
    CHECK(d.message ==
          "the text after `title.en =` starts with a curly quote \u201C \u2014 TOML needs straight quotes "
          "\"...\" "
          "(word processors change them as you type)");
    CHECK(d.fix == "retype the quotes: title.en = \"Artifact 1\"");
    CHECK(d.message.find("could not determine") == std::string::npos);
}

TEST_CASE("TOML mistakes: single curly quotes, guillemets and a curly quote in a list") {
    for (const char* quote : {"\u2018", "\u00AB", "\u201E"}) {
        CAPTURE(quote);
        BundleFixture f;
        const auto d =
            syntax_error("title.en = \"Artifact 1 (en)\"", std::string("title.en = ") + quote + "x", f);
        CHECK(d.message.find(std::string("starts with a curly quote ") + quote) != std::string::npos);
    }
    const auto list = explain_toml_mistake("languages = [\u201Cen\u201D, \"kk\"]\n", 1, "");
    REQUIRE(list);
    CHECK(list->message.find("the list after `languages =` has a curly quote") != std::string::npos);
}

TEST_CASE("TOML mistakes: a closing quote that is curly, or missing") {
    BundleFixture curled;
    const auto d = syntax_error("title.en = \"Artifact 1 (en)\"", "title.en = \"Artifact 1\u201D", curled);
    CHECK(d.message.find("ends with a curly quote \u201D") != std::string::npos);
    CHECK(d.message.find("unescaped control characters") == std::string::npos);
    CHECK(d.fix == "retype the last quote: title.en = \"Artifact 1\"");

    BundleFixture missing;
    const auto m = syntax_error("title.en = \"Artifact 1 (en)\"", "title.en = \"Artifact 1", missing);
    CHECK(m.line == line_of(missing.artifact, "title.en = \"Artifact 1\n"));
    CHECK(m.message == "the text after `title.en =` has no closing quote \"");
    CHECK(m.fix == "add \" at the end of the text: title.en = \"Artifact 1\"");
}

TEST_CASE("TOML mistakes: a text over two lines, a quote inside a text, a text without quotes") {
    const auto two_lines = explain_toml_mistake("id = \"a\"\ntitle.en = \"A long\ntitle\"\n", 2, "");
    REQUIRE(two_lines);
    CHECK(two_lines->message.find("goes on over 2 lines") != std::string::npos);
    CHECK(two_lines->fix.find("\"\"\"") != std::string::npos);

    BundleFixture inner;
    const auto q = syntax_error("title.en = \"Artifact 1 (en)\"", "title.en = \"The \"Golden\" Man\"", inner);
    CHECK(q.message.find("has a straight quote \" inside it") != std::string::npos);
    CHECK(q.fix.find("title.en = 'The \"Golden\" Man'") != std::string::npos);

    BundleFixture bare;
    const auto b = syntax_error("title.en = \"Artifact 1 (en)\"", "title.en = Dombra", bare);
    CHECK(b.message == "the text after `title.en =` is not in quotes");
    CHECK(b.fix == "write it between straight quotes: title.en = \"Dombra\"");
}

TEST_CASE("TOML mistakes: yes for true, a key with a space, no '=', an unclosed heading, a key twice") {
    const auto yes = explain_toml_mistake("captions = Yes\n", 1, "");
    REQUIRE(yes);
    CHECK(yes->fix == "write captions = true");

    BundleFixture spaced;
    const auto s = syntax_error("inventory_number", "inventory number", spaced);
    CHECK(s.message.find("the key `inventory number` has a space in it") != std::string::npos);
    CHECK(s.fix.starts_with("write inventory_number"));

    BundleFixture no_equals;
    const auto e = syntax_error("title.en = \"Artifact 1 (en)\"", "title.en \"Artifact 1\"", no_equals);
    CHECK(e.message == "there is no = between `title.en` and its text");

    BundleFixture heading;
    const auto h = syntax_error("[[images]]", "[[images]", heading);
    CHECK(h.message == "the heading [[images] is not closed");
    CHECK(h.fix == "end it with ]]: [[images]]");

    BundleFixture twice;
    const auto t = syntax_error("title.en = \"Artifact 1 (en)\"",
                                "title.en = \"Artifact 1 (en)\"\ntitle.en = \"Artifact one\"", twice);
    CHECK(t.message == "`title.en` is written twice: here and on line " +
                           std::to_string(line_of(twice.artifact, "title.en")));
    CHECK(t.fix.find("keep one of the two lines") != std::string::npos);
}

TEST_CASE("TOML mistakes: a line that shows none of them keeps the parser's words") {
    BundleFixture f;
    const auto d = syntax_error("order = 0", "order = = 0", f);
    CHECK(d.message.starts_with("this is not valid TOML"));
    CHECK_FALSE(explain_toml_mistake("order = 1O\n", 1, "expected digit"));
}

TEST_CASE("TOML mistakes: habits of YAML and JSON, an apostrophe in single quotes, a curly-quoted key") {
    const auto colon = explain_toml_mistake("title.en: \"Dombra\"\n", 1, "expected '=', saw ':'");
    REQUIRE(colon);
    CHECK(colon->fix == "write title.en = \"Dombra\"");
    const auto comma =
        explain_toml_mistake("title.en = \"Dombra\",\n", 1, "expected a comment or whitespace");
    REQUIRE(comma);
    CHECK(comma->message.starts_with("there is a , after the text"));
    const auto apostrophe = explain_toml_mistake("title.en = 'Children's toy'\n", 1, "");
    REQUIRE(apostrophe);
    CHECK(apostrophe->fix == "put the text between double quotes instead: title.en = \"Children's toy\"");
    const auto key = explain_toml_mistake("\u201Ctitle\u201D.en = \"x\"\n", 1, "expected keys");
    REQUIRE(key);
    CHECK(key->fix == "write the key without them: title.en = ...");
}

TEST_CASE("TOML mistakes: lists without a comma, or without their closing bracket") {
    const auto one_line =
        explain_toml_mistake("languages = [\"en\" \"kk\"]\n", 1, "expected comma or closing ']'");
    REQUIRE(one_line);
    CHECK(one_line->message == "the items of the list after `languages =` need a comma between them");

    const std::string lines = "[attract]\nimages = [\n  \"a.jpg\"\n  \"b.jpg\",\n]\n";
    const auto item = explain_toml_mistake(lines, 4, "expected comma or closing ']', saw '\"'");
    REQUIRE(item);
    CHECK(item->line == 3);
    CHECK(item->fix == "put a comma at the end of line 3");

    // The parser stops at the next heading or key; the mistake is where the list starts.
    BundleFixture f;
    f.edit_exhibition("images = [\"attract/one.jpg\"]", "images = [\"attract/one.jpg\"");
    const auto d = only(f.validate(), "syntax");
    CHECK(d.line == line_of(f.exhibition, "images = ["));
    CHECK(d.message == "the list after `images =` is not closed with ]");
}
