#include "core/exhibition/story.hpp"

#include <md4c.h>

#include <algorithm>
#include <array>

#include "core/files/showable_text.hpp"

namespace amanat {
namespace {

// What the kiosk leaves out of a story, each reported once, at its first place.
enum class Left { Html, Picture, Table, Nesting };
struct LeftOut {
    const char* message;
    const char* fix;  // keeps what the author meant: rewrites, never only deletes
};
constexpr std::array<LeftOut, 4> kLeftOut = {{
    {"HTML is not shown on the kiosk (the words inside an HTML block are left out too)",
     "write it in Markdown instead: **bold**, *italic*, - lists, > quotes"},
    {"pictures inside a story are not shown; list them under [[images]]",
     "add the picture to the artifact's [[images]] (file = \"...\" and alt.en = \"...\"), then take the "
     "![...](...) out of the story"},
    {"tables are not shown on the kiosk", "write what the table says as a list or as sentences"},
    {"lists and quotes nested more than 6 levels deep are shown at the 6th level",
     "nest lists and quotes at most 6 levels deep"},
}};

// State of one md4c parse. md4c calls back synchronously, on the caller's thread.
struct StoryBuilder {
    std::string_view source;  // the Markdown md4c reads: its text pointers point into it
    Story story;
    int list_depth = 0;
    int quote_depth = 0;
    int strong = 0;
    int emphasis = 0;
    struct List {
        bool ordered;
        unsigned next_number;
    };
    std::vector<List> lists;
    std::string pending_marker;  // for the first paragraph of a list item
    bool in_block = false;
    struct Seen {
        bool seen = false;
        int line = 0;  // of the first text after it was seen
    };
    std::array<Seen, kLeftOut.size()> left_out{};

    void leave_out(Left what) { left_out[static_cast<std::size_t>(what)].seen = true; }

    // md4c gives no positions, but its text pointers point into the source: the
    // first text after something left out gives that thing's line.
    void note_place(const MD_CHAR* text) {
        if (text < source.data() || text > source.data() + source.size()) return;
        const auto before = source.substr(0, static_cast<std::size_t>(text - source.data()));
        for (Seen& seen : left_out) {
            if (seen.seen && seen.line == 0)
                seen.line = 1 + static_cast<int>(std::ranges::count(before, '\n'));
        }
    }

    Block& open(Block::Kind kind, int level) {
        Block block;
        block.kind = kind;
        block.heading_level = level;
        // Deeper nesting is drawn at the deepest level the screen has room for.
        block.quote_depth = std::min(quote_depth, kMaxStoryNesting);
        block.list_depth = std::min(list_depth, kMaxStoryNesting - block.quote_depth);
        if (list_depth + quote_depth > kMaxStoryNesting) leave_out(Left::Nesting);
        block.list_marker = std::move(pending_marker);
        pending_marker.clear();
        story.blocks.push_back(std::move(block));
        in_block = true;
        return story.blocks.back();
    }

    void add_text(std::string_view text) {
        if (!in_block) open(Block::Kind::Paragraph, 0);  // text in a tight list item
        auto& spans = story.blocks.back().spans;
        const bool is_strong = strong > 0;
        const bool is_emphasis = emphasis > 0;
        if (!spans.empty() && spans.back().strong == is_strong && spans.back().emphasis == is_emphasis) {
            spans.back().text.append(text);
        } else {
            spans.push_back(Span{std::string(text), is_strong, is_emphasis});
        }
    }
};

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
    auto& b = *static_cast<StoryBuilder*>(user);
    switch (type) {
        case MD_BLOCK_H:
            b.open(Block::Kind::Heading, static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
            break;
        case MD_BLOCK_P:
            b.open(Block::Kind::Paragraph, 0);
            break;
        case MD_BLOCK_QUOTE:
            ++b.quote_depth;
            break;
        case MD_BLOCK_UL:
            b.lists.push_back({false, 0});
            ++b.list_depth;
            break;
        case MD_BLOCK_OL:
            b.lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
            ++b.list_depth;
            break;
        case MD_BLOCK_LI:
            if (!b.lists.empty()) {
                auto& list = b.lists.back();
                b.pending_marker = list.ordered ? std::to_string(list.next_number++) + "." : "\xE2\x80\xA2";
            }
            b.in_block = false;
            break;
        case MD_BLOCK_CODE:
            b.open(Block::Kind::Paragraph, 0);
            break;
        case MD_BLOCK_HTML:
            b.leave_out(Left::Html);
            break;
        case MD_BLOCK_TABLE:
            b.leave_out(Left::Table);
            break;
        default:
            break;
    }
    return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* user) {
    auto& b = *static_cast<StoryBuilder*>(user);
    switch (type) {
        case MD_BLOCK_QUOTE:
            --b.quote_depth;
            break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            b.lists.pop_back();
            --b.list_depth;
            break;
        case MD_BLOCK_H:
        case MD_BLOCK_P:
        case MD_BLOCK_CODE:
        case MD_BLOCK_LI:
            b.in_block = false;
            break;
        default:
            break;
    }
    return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* user) {
    auto& b = *static_cast<StoryBuilder*>(user);
    if (type == MD_SPAN_STRONG) ++b.strong;
    if (type == MD_SPAN_EM) ++b.emphasis;
    if (type == MD_SPAN_IMG) {
        b.leave_out(Left::Picture);
        // A picture without words (![](x.jpg)) has no text to place it: its file name does.
        const MD_ATTRIBUTE& src = static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src;
        if (src.size > 0) b.note_place(src.text);
    }
    return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
    auto& b = *static_cast<StoryBuilder*>(user);
    if (type == MD_SPAN_STRONG) --b.strong;
    if (type == MD_SPAN_EM) --b.emphasis;
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
    auto& b = *static_cast<StoryBuilder*>(user);
    switch (type) {
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
            b.add_text(" ");
            break;
        case MD_TEXT_NULLCHAR:
            b.add_text("\xEF\xBF\xBD");
            break;
        case MD_TEXT_HTML:
            b.leave_out(Left::Html);
            break;
        case MD_TEXT_ENTITY: {
            const std::string_view entity(text, size);
            if (entity == "&amp;")
                b.add_text("&");
            else if (entity == "&lt;")
                b.add_text("<");
            else if (entity == "&gt;")
                b.add_text(">");
            else if (entity == "&quot;")
                b.add_text("\"");
            else if (entity == "&nbsp;")
                b.add_text("\xC2\xA0");
            else
                b.add_text(entity);
            break;
        }
        default:
            b.add_text(std::string_view(text, size));
            break;
    }
    b.note_place(text);  // after the switch: add_text may have opened a block too deep
    return 0;
}

}  // namespace

std::string Block::plain_text() const {
    std::string out;
    for (const Span& span : spans) out += span.text;
    return out;
}

std::string Story::plain_text() const {
    std::string out;
    for (const Block& block : blocks) {
        if (!out.empty()) out += "\n";
        out += block.plain_text();
    }
    return out;
}

Story parse_story(std::string_view markdown) {
    // md4c 0.4.8 (Debian 12) reads past the end of what it is given: after
    // `y*k![alt](*,` it looks at the next byte, and a ')' there (not part of
    // the story) makes it hand over a text 3.2 GB long, read out of bounds
    // (found by tests/fuzz's story target). So it reads a copy followed by
    // NULs, which it takes for the end.
    std::string showable = showable_text(markdown);
    const std::size_t length = showable.size();
    showable.append(16, '\0');
    StoryBuilder builder;
    builder.source = std::string_view(showable.data(), length);
    MD_PARSER parser{};
    parser.abi_version = 0;
    // HTML is recognised (not shown as text) so that it can be dropped and reported.
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    if (md_parse(showable.data(), static_cast<MD_SIZE>(length), &parser, &builder) != 0) {
        // md4c gives up only when memory runs out: the words are better than nothing.
        builder.story.blocks.clear();
        builder.in_block = false;
        builder.add_text(builder.source);
        builder.story.dropped.push_back(
            {"this story could not be read as Markdown; it is shown as plain text", 0,
             "save it again as plain UTF-8 text"});
    }
    // Drop blocks that ended up with no text (e.g. a heading of only an image).
    std::erase_if(builder.story.blocks, [](const Block& block) { return block.spans.empty(); });
    for (std::size_t i = 0; i < kLeftOut.size(); ++i) {
        if (builder.left_out[i].seen)
            builder.story.dropped.push_back({kLeftOut[i].message, builder.left_out[i].line, kLeftOut[i].fix});
    }
    if (const auto found = find_unshowable(markdown)) {
        builder.story.dropped.push_back({found->describe() + " cannot be shown on the kiosk and is left out",
                                         found->line, unshowable_fix(*found)});
    }
    return std::move(builder.story);
}

}  // namespace amanat
