#pragma once

#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace amanat::ui {

// Where the kiosk's fonts live (Debian's fonts-noto-core and fonts-noto-cjk).
struct FontFiles {
    std::string regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::string bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    std::string korean = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    int korean_face = 1;  // face 1 of the collection is Korean (0 JP, 2 SC, 3 TC, 4 HK)
};

// The fonts the visitor screens draw with, rasterised into Dear ImGui's atlas.
//
// The atlas holds only the glyphs of the texts the kiosk can show (plus printable
// ASCII): the full Korean range would need a 32 MiB atlas and 130 ms per build,
// the used glyphs about 1 ms. A glyph not fed in here is drawn as '?', so every
// string that can appear must be passed to build(). Render thread only.
class Typeface {
  public:
    // Rebuilds the atlas of the current ImGui context at `scale` (1 = normal text).
    // Returns false and names the missing font file in `error` if one cannot be read.
    bool build(const std::vector<std::string_view>& texts, float scale, std::string& error,
               const FontFiles& files = {});

    ImFont* body = nullptr;
    ImFont* title = nullptr;
};

}  // namespace amanat::ui
