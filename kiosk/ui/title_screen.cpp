#include "ui/title_screen.hpp"

#include <imgui.h>

#include <string>

namespace amanat::ui {
namespace {

const std::string& pick(const LanguageMap& map, const Exhibition& exhibition) {
    static const std::string kNothing;
    for (const std::string& language : exhibition.languages) {
        if (const std::string* text = map.find(language)) return *text;
    }
    return map.empty() ? kNothing : map.entries().front().second;
}

void draw_centred(ImDrawList& draw, ImFont* font, const std::string& text, float y, ImU32 colour) {
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, ImGui::GetIO().DisplaySize.x * 0.9f,
                                            ImGui::GetIO().DisplaySize.x * 0.9f, text.c_str());
    const float x = (ImGui::GetIO().DisplaySize.x - size.x) * 0.5f;
    draw.AddText(font, font->FontSize, ImVec2(x, y), colour, text.c_str(), nullptr,
                 ImGui::GetIO().DisplaySize.x * 0.9f);
}

}  // namespace

void draw_title_screen(const Exhibition& exhibition, const Typeface& typeface) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetBackgroundDrawList();
    // Deep felt red with a gold rule: colours of a tuskiiz wall hanging.
    draw.AddRectFilled(ImVec2(0, 0), screen, IM_COL32(92, 22, 30, 255));
    const float rule_y = screen.y * 0.5f;
    draw.AddRectFilled(ImVec2(screen.x * 0.3f, rule_y - 2), ImVec2(screen.x * 0.7f, rule_y + 2),
                       IM_COL32(212, 175, 55, 255));
    draw_centred(draw, typeface.title, pick(exhibition.title, exhibition),
                 rule_y - typeface.title->FontSize - 24.0f, IM_COL32(250, 240, 220, 255));
    draw_centred(draw, typeface.body, pick(exhibition.subtitle, exhibition), rule_y + 28.0f,
                 IM_COL32(240, 220, 180, 255));
}

}  // namespace amanat::ui
