#include "ui/rich_text.hpp"

#include <algorithm>

namespace amanat::ui {
namespace {

float text_width(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text.data(), text.data() + text.size()).x;
}

ImFont* span_font(const FontSet& fonts, const Span& span) {
    if (span.strong && span.emphasis) return fonts.bold_italic;
    if (span.strong) return fonts.bold;
    if (span.emphasis) return fonts.italic;
    return fonts.body;
}

}  // namespace

void RichText::place_words(const std::vector<Piece>& pieces, float& x, float& y, float line_height,
                           float indent, float width) {
    // Chunks: a run of letters in one font with the spaces after it. A word is
    // chunks up to and including the first that ends in a space.
    struct Chunk {
        ImFont* font;
        std::string_view text;
    };
    std::vector<Chunk> word;
    const auto place_word = [&] {
        if (word.empty()) return;
        float visible_width = 0;
        for (std::size_t i = 0; i < word.size(); ++i) {
            std::string_view visible = word[i].text;
            if (i + 1 == word.size()) {
                while (!visible.empty() && visible.back() == ' ') visible.remove_suffix(1);
            }
            visible_width += text_width(word[i].font, visible);
        }
        // The spaces after a word hang past the line's end.
        if (x > indent && x + visible_width > width) {
            x = indent;
            y += line_height;
        }
        for (const Chunk& chunk : word) {
            Run* last = m_runs.empty() ? nullptr : &m_runs.back();
            if (last != nullptr && last->font == chunk.font && last->y == y && !last->accent &&
                last->x + text_width(chunk.font, last->text) == x) {
                last->text.append(chunk.text);  // fewer, longer runs draw faster
            } else {
                m_runs.push_back(Run{chunk.font, x, y, std::string(chunk.text)});
            }
            x += text_width(chunk.font, chunk.text);
        }
        word.clear();
    };
    for (const Piece& piece : pieces) {
        std::size_t start = 0;
        while (start < piece.text.size()) {
            std::size_t end = piece.text.find(' ', start);
            end = end == std::string_view::npos ? piece.text.size() : piece.text.find_first_not_of(' ', end);
            if (end == std::string_view::npos) end = piece.text.size();
            word.push_back(Chunk{piece.font, piece.text.substr(start, end - start)});
            if (piece.text[end - 1] == ' ') place_word();
            start = end;
        }
    }
    place_word();
}

void RichText::layout_story(const Story& story, const FontSet& fonts, float width) {
    m_runs.clear();
    m_bars.clear();
    m_paragraphs.clear();
    m_width = width;
    const float body = fonts.body->FontSize;
    const float indent_step = body * 1.4f;
    float y = 0;
    bool first = true;
    for (const Block& block : story.blocks) {
        const bool heading = block.kind == Block::Kind::Heading;
        ImFont* base = heading ? fonts.heading : nullptr;
        const float line_height = (heading ? fonts.heading->FontSize : body) * 1.35f;
        if (!first) y += heading ? body * 1.1f : (block.list_depth > 0 ? body * 0.35f : body * 0.75f);
        first = false;
        const float indent = static_cast<float>(block.list_depth) * indent_step +
                             static_cast<float>(block.quote_depth) * indent_step;
        const float top = y;
        if (!block.list_marker.empty()) {
            const float marker_width = text_width(fonts.body, block.list_marker);
            m_runs.push_back(
                Run{fonts.bold, indent - marker_width - body * 0.4f, y, block.list_marker, true});
        }
        float x = indent;
        std::vector<Piece> pieces;
        for (const Span& span : block.spans)
            pieces.push_back(Piece{base ? base : span_font(fonts, span), span.text});
        place_words(pieces, x, y, line_height, indent, width);
        y += line_height;
        m_paragraphs.push_back(Paragraph{block.plain_text(), top, y, heading});
        if (block.quote_depth > 0)
            m_bars.push_back(Bar{indent - indent_step * 0.6f, top, y - line_height * 0.2f});
    }
    m_height = y;
}

void RichText::layout_plain(std::string_view text, ImFont* font, float width, float line_spacing) {
    m_runs.clear();
    m_bars.clear();
    m_paragraphs.clear();
    m_width = width;
    float x = 0;
    float y = 0;
    place_words({Piece{font, text}}, x, y, font->FontSize * line_spacing, 0, width);
    m_height = text.empty() ? 0 : y + font->FontSize * line_spacing;
}

void RichText::draw(ImDrawList& draw, ImVec2 origin, ImU32 text, ImU32 accent, float clip_top,
                    float clip_bottom) const {
    for (const Bar& bar : m_bars) {
        draw.AddRectFilled(ImVec2(origin.x + bar.x, origin.y + bar.top),
                           ImVec2(origin.x + bar.x + 5, origin.y + bar.bottom), accent);
    }
    for (const Run& run : m_runs) {
        const float y = origin.y + run.y;
        if (y + run.font->FontSize < clip_top || y > clip_bottom) continue;
        draw.AddText(run.font, run.font->FontSize, ImVec2(origin.x + run.x, y), run.accent ? accent : text,
                     run.text.data(), run.text.data() + run.text.size());
    }
}

}  // namespace amanat::ui
