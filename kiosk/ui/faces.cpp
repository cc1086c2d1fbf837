#include "ui/faces.hpp"

#include <algorithm>

#include "ui/widgets.hpp"

namespace amanat::ui {
namespace {

// Red to green, as on the terminals; each face also says it with its mouth, so
// the colours are never the only cue (colour-blind visitors, high contrast).
constexpr ImU32 kFaceColours[5] = {IM_COL32(200, 40, 45, 255), IM_COL32(238, 120, 50, 255),
                                   IM_COL32(240, 190, 40, 255), IM_COL32(140, 190, 60, 255),
                                   IM_COL32(40, 150, 70, 255)};

ImU32 dimmed(ImU32 colour) {
    return (colour & 0x00FFFFFF) | (static_cast<ImU32>(90) << IM_COL32_A_SHIFT);
}

void draw_face(ImDrawList& draw, ImVec2 centre, float radius, int rating, bool dim, bool selected,
               const Theme& theme) {
    const ImU32 fill = dim ? dimmed(kFaceColours[rating - 1]) : kFaceColours[rating - 1];
    const ImU32 ink = dim ? dimmed(IM_COL32(30, 20, 20, 255)) : IM_COL32(30, 20, 20, 255);
    if (selected) draw.AddCircle(centre, radius * 1.12f, theme.accent, 48, radius * 0.12f);
    draw.AddCircleFilled(centre, radius, fill, 48);
    draw.AddCircle(centre, radius, theme.text, 48, std::max(1.5f, radius * 0.04f));
    const float eye = radius * 0.11f;
    draw.AddCircleFilled(ImVec2(centre.x - radius * 0.33f, centre.y - radius * 0.22f), eye, ink, 16);
    draw.AddCircleFilled(ImVec2(centre.x + radius * 0.33f, centre.y - radius * 0.22f), eye, ink, 16);
    // The mouth: a curve from a deep frown (1) through a straight line (3) to a broad smile (5).
    const float curve = static_cast<float>(rating - 3) * 0.5f;
    const float mouth_y = centre.y + radius * 0.35f - curve * radius * 0.08f;
    draw.AddBezierQuadratic(ImVec2(centre.x - radius * 0.45f, mouth_y),
                            ImVec2(centre.x, mouth_y + curve * radius * 0.42f),
                            ImVec2(centre.x + radius * 0.45f, mouth_y), ink, radius * 0.1f, 24);
}

}  // namespace

int draw_face_row(Frame& frame, const std::string& id, int selected, ImVec2 min, ImVec2 max) {
    const ScreenMetrics& metrics = frame.metrics;
    const float gap = metrics.mm(3);
    const float height = max.y - min.y;
    const float size = std::min(height, (max.x - min.x - 4 * gap) / 5.0f);
    const float row_w = size * 5 + gap * 4;
    float x = min.x + std::max(0.0f, (max.x - min.x - row_w) * 0.5f);
    const float y = min.y + (height - size) * 0.5f;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    int tapped = 0;
    // What speech mode says of each face, from the unhappiest.
    static const char* const kSpoken[] = {
        // TRANSLATORS: Speech mode (read aloud to blind visitors): the first of five rating faces, the
        // unhappiest. A few words.
        N_("Very unhappy face"),
        // TRANSLATORS: Speech mode: the second of five rating faces. A few words.
        N_("Unhappy face"),
        // TRANSLATORS: Speech mode: the middle one of five rating faces, neither happy nor unhappy.
        N_("Neutral face"),
        // TRANSLATORS: Speech mode: the fourth of five rating faces. A few words.
        N_("Happy face"),
        // TRANSLATORS: Speech mode: the last of five rating faces, the happiest. A few words.
        N_("Very happy face"),
    };
    for (int rating = 1; rating <= 5; ++rating, x += size + gap) {
        const std::string target = id + "-" + std::to_string(rating);
        bool held = false;
        if (touch_area(frame, target.c_str(), frame.phrases.tr(kSpoken[rating - 1]), ImVec2(x, y),
                       ImVec2(size, size), held))
            tapped = rating;
        // TRANSLATORS: Speech mode: said after a rating face or an answer the visitor has chosen. One word.
        const char* chosen = frame.phrases.tr("selected");
        if (selected == rating)
            frame.describe_last(ControlRole::Option, chosen);
        else
            frame.describe_last(ControlRole::Option);
        const float radius = size * (held ? 0.4f : 0.44f);
        draw_face(draw, ImVec2(x + size * 0.5f, y + size * 0.5f), radius, rating,
                  selected != 0 && selected != rating, selected == rating, frame.theme);
    }
    return tapped;
}

}  // namespace amanat::ui
