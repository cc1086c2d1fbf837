#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/exhibition/story.hpp"
#include "ui/typeface.hpp"

namespace amanat::ui {

// A story (or any text) laid out into lines at a width: word wrapping across
// bold and italic spans, headings, list markers and indents, quote bars. Laid
// out once per story, language, text size and width; drawn every frame.
class RichText {
  public:
    void layout_story(const Story& story, const FontSet& fonts, float width);
    // One paragraph of plain text in one font.
    void layout_plain(std::string_view text, ImFont* font, float width, float line_spacing = 1.3f);

    float height() const { return m_height; }
    float width() const { return m_width; }
    // Draws with its top-left at `origin`; runs outside [clip_top, clip_bottom]
    // (screen y) are skipped.
    void draw(ImDrawList& draw, ImVec2 origin, ImU32 text, ImU32 accent, float clip_top = -1e9f,
              float clip_bottom = 1e9f) const;

    // One line's stretch of text in one font, as laid out.
    struct Run {
        ImFont* font;
        float x, y;  // relative to the layout's top-left
        std::string text;
        bool accent = false;  // drawn in the accent colour (list markers)
    };
    const std::vector<Run>& runs() const { return m_runs; }

    // Each block of a story as laid out (layout_story), for speech mode: its
    // words and where it is, relative to the layout's top.
    struct Paragraph {
        std::string text;
        float top, bottom;
        bool heading = false;
    };
    const std::vector<Paragraph>& paragraphs() const { return m_paragraphs; }

  private:
    struct Bar {  // a block quote's rule
        float x, top, bottom;
    };
    // A stretch of one paragraph's text in one font.
    struct Piece {
        ImFont* font;
        std::string_view text;
    };
    // Wraps a paragraph at spaces only: a word split between fonts ("**horse**hair,"
    // or a bold word and the comma after it) moves to the next line as a whole.
    void place_words(const std::vector<Piece>& pieces, float& x, float& y, float line_height, float indent,
                     float width);

    std::vector<Run> m_runs;
    std::vector<Bar> m_bars;
    std::vector<Paragraph> m_paragraphs;
    float m_height = 0;
    float m_width = 0;
};

}  // namespace amanat::ui
