#include <doctest/doctest.h>

#include "core/story.hpp"

using namespace amanat;

TEST_CASE("story: headings, paragraphs, bold and italic") {
    const Story story = parse_story("# The dombra\n\nA **two-stringed** lute, played *everywhere*.\n");
    REQUIRE(story.blocks.size() == 2);
    CHECK(story.blocks[0].kind == Block::Kind::Heading);
    CHECK(story.blocks[0].heading_level == 1);
    CHECK(story.blocks[0].plain_text() == "The dombra");
    const Block& p = story.blocks[1];
    CHECK(p.kind == Block::Kind::Paragraph);
    REQUIRE(p.spans.size() == 5);
    CHECK(p.spans[0].text == "A ");
    CHECK(p.spans[1].text == "two-stringed");
    CHECK(p.spans[1].strong);
    CHECK_FALSE(p.spans[1].emphasis);
    CHECK(p.spans[3].text == "everywhere");
    CHECK(p.spans[3].emphasis);
    CHECK(p.plain_text() == "A two-stringed lute, played everywhere.");
}

TEST_CASE("story: lists keep depth and numbering, quotes their depth") {
    const Story story = parse_story("1. Felt\n2. Wood\n   - birch\n\n> A proverb\n> on two lines\n");
    REQUIRE(story.blocks.size() == 4);
    CHECK(story.blocks[0].list_marker == "1.");
    CHECK(story.blocks[0].list_depth == 1);
    CHECK(story.blocks[1].list_marker == "2.");
    CHECK(story.blocks[2].list_marker == "\xE2\x80\xA2");
    CHECK(story.blocks[2].list_depth == 2);
    CHECK(story.blocks[2].plain_text() == "birch");
    CHECK(story.blocks[3].quote_depth == 1);
    CHECK(story.blocks[3].plain_text() == "A proverb on two lines");
}

TEST_CASE("story: Cyrillic, Turkish and Korean text pass through unchanged") {
    const Story story = parse_story("Қобыз — **бақсы** аспабы. Kopuz ığ. 코비즈\n");
    CHECK(story.plain_text() == "Қобыз — бақсы аспабы. Kopuz ığ. 코비즈");
}

TEST_CASE("story: HTML, pictures and tables are dropped and reported") {
    const Story story = parse_story("<div>raw</div>\n\nText ![a picture](x.png) and <b>tag</b>.\n");
    CHECK(story.plain_text().find("<div>") == std::string::npos);
    CHECK(story.plain_text().find("<b>") == std::string::npos);
    CHECK(story.dropped.size() == 2);
}

TEST_CASE("story: empty and whitespace-only input give no blocks") {
    CHECK(parse_story("").blocks.empty());
    CHECK(parse_story("\n\n   \n").blocks.empty());
}
