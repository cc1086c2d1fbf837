#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/settings/kiosk_config.hpp"
#include "core/visit/screen_metrics.hpp"

struct ImFont;

namespace amanat::ui {

// Where the kiosk's fonts live (Debian's fonts-noto-core and fonts-noto-cjk).
struct FontFiles {
    std::string regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::string bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    std::string italic = "/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf";
    std::string bold_italic = "/usr/share/fonts/truetype/noto/NotoSans-BoldItalic.ttf";
    std::string korean = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    std::string korean_bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    int korean_face = 1;  // face 1 of the collections is Korean (0 JP, 2 SC, 3 TC, 4 HK)
};

// The faces of one text size.
struct FontSet {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold_italic = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* small = nullptr;
};

// The fonts the visitor screens draw with, rasterised into Dear ImGui's atlas at
// both text sizes, so that "large text" is re-laid out crisply, never zoomed.
//
// The atlas holds only the glyphs of the texts the kiosk can show (plus printable
// ASCII): the full Korean range would need a 32 MiB atlas and 130 ms per build,
// the used glyphs a few milliseconds. A glyph not fed in here is drawn as '?', so
// every string that can appear must be passed to build(). Render thread only.
// Symbols the screens draw themselves, whatever the texts say: list bullet,
// previous and next, ellipsis, play, pause and close. Always in the atlas.
inline constexpr const char* kInterfaceSymbols =
    "\xE2\x80\xA2\xE2\x80\xB9\xE2\x80\xBA\xE2\x80\xA6\xE2\x96\xB6\xE2\x80\x96\xC3\x97";

class Typeface {
  public:
    // Rebuilds the atlas of the current ImGui context. Returns false and names the
    // missing font file in `error` if one cannot be read.
    bool build(std::string_view all_text, const ScreenMetrics& metrics, std::string& error,
               const FontFiles& files = {});
    // A first atlas for the attract screen, built in a few tens of milliseconds:
    // exactly the glyphs of `text` (no printable ASCII besides), in one text size,
    // which at() also gives for the other, and only the faces that screen uses
    // (bold and italic are the body's). build() must follow before any other
    // screen is drawn.
    bool build_first(std::string_view text, TextSize size, const ScreenMetrics& metrics, std::string& error,
                     const FontFiles& files = {});

    const FontSet& at(TextSize size) const { return size == TextSize::Large ? m_large : m_normal; }

    // Code points of `text` that some face or size of the atlas has no glyph for
    // (for the UI tests).
    std::vector<unsigned> missing_glyphs(std::string_view text) const;

  private:
    bool build_atlas(std::string_view text, bool printable_ascii, std::optional<TextSize> only,
                     const ScreenMetrics& metrics, std::string& error, const FontFiles& files);
    FontSet m_normal;
    FontSet m_large;
};

}  // namespace amanat::ui
