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

// Something the author wrote that the kiosk will not show as written, for
// `amanat pack validate` and the kiosk's log.
struct StoryNote {
    std::string message;  // a sentence: what, and what the kiosk does instead
    int line = 0;         // 1-based line of the first place, 0 when unknown
    std::string fix;      // how to write it so that visitors see it
};

// Lists and quotes deeper than this are drawn at this depth: each level indents
// the text, and a few levels more would leave no room for it on the screen.
inline constexpr int kMaxStoryNesting = 6;

struct Story {
    std::vector<Block> blocks;
    // Things the author wrote that the kiosk will not show (HTML, images, tables,
    // nesting too deep, characters it cannot show).
    std::vector<StoryNote> dropped;

    std::string plain_text() const;
};

// Parses Markdown (CommonMark). Never fails: anything unparseable becomes text,
// and characters a kiosk cannot show are removed first (core/files/showable_text).
Story parse_story(std::string_view markdown);

}  // namespace amanat
