#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace amanat {

// A story or transcript, parsed from Markdown into blocks the kiosk draws itself
// (no HTML). Only what visitors read is kept: headings, paragraphs, bold and
// italic, bulleted and numbered lists, block quotes.

struct Span {
    std::string text;
    bool strong = false;
    bool emphasis = false;
};

struct Block {
    enum class Kind { Heading, Paragraph };
    Kind kind = Kind::Paragraph;
    int heading_level = 0;    // 1-6 for headings
    int list_depth = 0;       // 0: not in a list; 1: top-level item; 2: nested ...
    std::string list_marker;  // "•" or "3." on an item's first paragraph, else empty
    int quote_depth = 0;      // inside how many block quotes
    std::vector<Span> spans;

    std::string plain_text() const;
};

struct Story {
    std::vector<Block> blocks;
    // Things the author wrote that the kiosk will not show (HTML, images, tables),
    // as sentences for `amanat pack validate`.
    std::vector<std::string> dropped;

    std::string plain_text() const;
};

// Parses Markdown (CommonMark). Never fails: anything unparseable becomes text.
Story parse_story(std::string_view markdown);

}  // namespace amanat
