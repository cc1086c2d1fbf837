#include "ui/typeface.hpp"

#include <imgui.h>

#include <filesystem>

namespace amanat::ui {
namespace {

constexpr float kBodyPixels = 30.0f;
constexpr float kTitlePixels = 84.0f;

ImFont* add_face(ImFontAtlas& atlas, const FontFiles& files, const std::string& latin, float pixels,
                 const ImWchar* ranges) {
    ImFont* font = atlas.AddFontFromFileTTF(latin.c_str(), pixels, nullptr, ranges);
    if (font == nullptr) return nullptr;
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontNo = files.korean_face;
    atlas.AddFontFromFileTTF(files.korean.c_str(), pixels, &merge, ranges);
    return font;
}

}  // namespace

bool Typeface::build(const std::vector<std::string_view>& texts, float scale, std::string& error,
                     const FontFiles& files) {
    for (const std::string* path : {&files.regular, &files.bold, &files.korean}) {
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
    for (std::string_view text : texts) builder.AddText(text.data(), text.data() + text.size());
    // The atlas keeps a pointer to the ranges until it is built.
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);

    body = add_face(atlas, files, files.regular, kBodyPixels * scale, ranges.Data);
    title = add_face(atlas, files, files.bold, kTitlePixels * scale, ranges.Data);
    if (body == nullptr || title == nullptr || !atlas.Build()) {
        error = "could not rasterise the kiosk's fonts from " + files.regular;
        return false;
    }
    return true;
}

}  // namespace amanat::ui
