#include "ui/typeface.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8: the decoder ImGui itself draws with

#include <filesystem>

namespace amanat::ui {
namespace {

ImFont* add_face(ImFontAtlas& atlas, const std::string& latin, const std::string& korean, int korean_face,
                 float pixels, const ImWchar* ranges) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    ImFont* font = atlas.AddFontFromFileTTF(latin.c_str(), pixels, &config, ranges);
    if (font == nullptr) return nullptr;
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontNo = korean_face;
    merge.OversampleH = 1;
    atlas.AddFontFromFileTTF(korean.c_str(), pixels, &merge, ranges);
    return font;
}

bool add_set(ImFontAtlas& atlas, const FontFiles& files, const ScreenMetrics& metrics, TextSize size,
             const ImWchar* ranges, FontSet& set) {
    const float body = metrics.body_text(size);
    set.body = add_face(atlas, files.regular, files.korean, files.korean_face, body, ranges);
    set.bold = add_face(atlas, files.bold, files.korean_bold, files.korean_face, body, ranges);
    set.italic = add_face(atlas, files.italic, files.korean, files.korean_face, body, ranges);
    set.bold_italic = add_face(atlas, files.bold_italic, files.korean_bold, files.korean_face, body, ranges);
    set.heading =
        add_face(atlas, files.bold, files.korean_bold, files.korean_face, metrics.heading_text(size), ranges);
    set.title =
        add_face(atlas, files.bold, files.korean_bold, files.korean_face, metrics.title_text(size), ranges);
    set.small =
        add_face(atlas, files.regular, files.korean, files.korean_face, metrics.small_text(size), ranges);
    return set.body && set.bold && set.italic && set.bold_italic && set.heading && set.title && set.small;
}

}  // namespace

bool Typeface::build(std::string_view all_text, const ScreenMetrics& metrics, std::string& error,
                     const FontFiles& files) {
    for (const std::string* path : {&files.regular, &files.bold, &files.italic, &files.bold_italic,
                                    &files.korean, &files.korean_bold}) {
        if (!std::filesystem::is_regular_file(*path)) {
            error =
                "font file " + *path + " is missing; install the fonts-noto-core and fonts-noto-cjk packages";
            return false;
        }
    }
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();

    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas.GetGlyphRangesDefault());
    builder.AddText(all_text.data(), all_text.data() + all_text.size());
    builder.AddChar(0x2022);  // list bullet
    builder.AddChar(0x2039);  // ‹ and › on the previous/next buttons
    builder.AddChar(0x203A);
    builder.AddChar(0x2026);  // …
    // The atlas keeps a pointer to the ranges until it is built.
    static ImVector<ImWchar> ranges;
    ranges.clear();
    builder.BuildRanges(&ranges);

    if (!add_set(atlas, files, metrics, TextSize::Normal, ranges.Data, m_normal) ||
        !add_set(atlas, files, metrics, TextSize::Large, ranges.Data, m_large) || !atlas.Build()) {
        error = "could not rasterise the kiosk's fonts from " + files.regular;
        return false;
    }
    return true;
}

std::vector<unsigned> Typeface::missing_glyphs(std::string_view text) const {
    std::vector<unsigned> missing;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end) {
        unsigned c = 0;
        const int length = ImTextCharFromUtf8(&c, p, end);
        if (length <= 0) break;
        p += length;
        if (c < 0x20 || c == 0x7F) continue;
        bool everywhere = true;
        for (const FontSet* set : {&m_normal, &m_large}) {
            for (const ImFont* font : {set->body, set->bold, set->italic, set->bold_italic, set->heading,
                                       set->title, set->small}) {
                everywhere = everywhere && font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
            }
        }
        if (!everywhere) missing.push_back(c);
    }
    return missing;
}

}  // namespace amanat::ui
