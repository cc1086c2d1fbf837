#include "ui/widgets.hpp"

#include <algorithm>
#include <cctype>

namespace amanat::ui {

float text_width(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text.data(), text.data() + text.size()).x;
}

void text_centred(ImDrawList& draw, ImFont* font, std::string_view text, float centre_x, float y,
                  ImU32 colour) {
    draw.AddText(font, font->FontSize, ImVec2(centre_x - text_width(font, text) * 0.5f, y), colour,
                 text.data(), text.data() + text.size());
}

namespace {

// Arrows, shapes and other symbols drawn beside a label (U+2000 to U+2BFF), and
// ASCII punctuation and spaces: none of them is worth hearing at a label's ends.
bool drawn_symbol(std::string_view text, std::size_t at, std::size_t& length) {
    const auto byte = static_cast<unsigned char>(text[at]);
    length = 1;
    if (byte < 0x80) return std::isalnum(byte) == 0;
    if (byte == 0xE2 && at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) <= 0xAF) {
        length = 3;
        return true;  // E2 80 80 .. E2 AF BF: U+2000 .. U+2BFF
    }
    return false;
}

}  // namespace

std::string spoken_label(std::string_view label) {
    std::size_t begin = 0;
    std::size_t length = 0;
    while (begin < label.size() && drawn_symbol(label, begin, length)) begin += length;
    std::size_t end = label.size();
    // From the end: a symbol's last byte is ASCII or a continuation byte after E2 xx.
    while (end > begin) {
        if (static_cast<unsigned char>(label[end - 1]) < 0x80) {
            if (!drawn_symbol(label, end - 1, length)) break;
            --end;
        } else if (end >= begin + 3 && static_cast<unsigned char>(label[end - 3]) == 0xE2 &&
                   static_cast<unsigned char>(label[end - 2]) <= 0xAF) {
            end -= 3;
        } else {
            break;
        }
    }
    return std::string(label.substr(begin, end - begin));
}

bool touch_area(Frame& frame, const char* id, std::string_view label, ImVec2 position, ImVec2 size,
                bool& held) {
    ImGui::SetCursorScreenPos(position);
    held = false;
    if (!frame.input_enabled) {
        ImGui::Dummy(size);
        return false;
    }
    const ImVec2 max(position.x + size.x, position.y + size.y);
    frame.record_target(id, position, max);
    frame.add_control(id, spoken_label(label), ControlRole::Button, position, max);
    const bool tapped = ImGui::InvisibleButton(id, size);
    held = ImGui::IsItemActive();
    return tapped || frame.activates(id);
}

bool touch_button(Frame& frame, const char* id, const char* label, ImVec2 position, ImVec2 size, ImFont* font,
                  ButtonStyle style, bool selected) {
    bool held = false;
    const bool tapped = touch_area(frame, id, label, position, size, held);
    const Theme& theme = frame.theme;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ImVec2 max(position.x + size.x, position.y + size.y);
    const float rounding = std::min(size.y * 0.18f, frame.metrics.mm(3));
    ImU32 fill = theme.button;
    ImU32 ink = theme.button_text;
    if (style == ButtonStyle::Quiet) {
        fill = theme.surface;
        ink = theme.text;
    } else if (style == ButtonStyle::Toolbar) {
        fill = theme.toolbar;
        ink = theme.toolbar_text;
    }
    if (held) fill = theme.button_pressed;
    draw.AddRectFilled(position, max, fill, rounding);
    if (style != ButtonStyle::Primary || selected) {
        const float thickness = selected ? frame.metrics.mm(1.2f) : 2.0f;
        draw.AddRect(
            position, max,
            selected ? theme.accent : (style == ButtonStyle::Toolbar ? theme.toolbar_text : theme.muted_text),
            rounding, 0, thickness);
    }
    // A label wider than its button (a long word in some language at large text)
    // is drawn smaller rather than cut off, and reported: `amanat l10n check`
    // tells the translator, the visitor still reads it.
    const float room = size.x - 2 * std::min(font->FontSize * 0.4f, frame.metrics.mm(3));
    float font_size = font->FontSize;
    ImVec2 label_size = font->CalcTextSizeA(font_size, 1e9f, 0.0f, label);
    if (label_size.x > room && room > 0) {
        frame.report_squeezed(id, label, label_size.x, room);
        font_size *= std::max(room / label_size.x, 0.6f);
        label_size = font->CalcTextSizeA(font_size, 1e9f, 0.0f, label);
    }
    draw.AddText(
        font, font_size,
        ImVec2(position.x + (size.x - label_size.x) * 0.5f, position.y + (size.y - label_size.y) * 0.5f),
        held ? theme.button_text : ink, label);
    return tapped;
}

void draw_picture(ImDrawList& draw, const PictureTexture& picture, ImVec2 min, ImVec2 max, bool cover,
                  ImU32 tint) {
    const float box_w = max.x - min.x;
    const float box_h = max.y - min.y;
    if (picture.width <= 0 || picture.height <= 0 || box_w <= 0 || box_h <= 0) return;
    const float scale_x = box_w / static_cast<float>(picture.width);
    const float scale_y = box_h / static_cast<float>(picture.height);
    if (cover) {
        // Crop the picture's excess symmetrically through its texture coordinates.
        const float scale = std::max(scale_x, scale_y);
        const float u = box_w / (static_cast<float>(picture.width) * scale);
        const float v = box_h / (static_cast<float>(picture.height) * scale);
        draw.AddImage(picture.texture, min, max, ImVec2((1 - u) * 0.5f, (1 - v) * 0.5f),
                      ImVec2((1 + u) * 0.5f, (1 + v) * 0.5f), tint);
    } else {
        const float scale = std::min(scale_x, scale_y);
        const float w = static_cast<float>(picture.width) * scale;
        const float h = static_cast<float>(picture.height) * scale;
        const ImVec2 at(min.x + (box_w - w) * 0.5f, min.y + (box_h - h) * 0.5f);
        draw.AddImage(picture.texture, at, ImVec2(at.x + w, at.y + h), ImVec2(0, 0), ImVec2(1, 1), tint);
    }
}

void draw_picture_placeholder(Frame& frame, ImDrawList& draw, ImVec2 min, ImVec2 max, bool failed) {
    const Theme& theme = frame.theme;
    draw.AddRectFilled(min, max, theme.surface);
    draw.AddRect(min, max, theme.muted_text, 0, 0, 1.5f);
    if (failed) {
        // TRANSLATORS: Object's page: small text inside an empty frame when a picture cannot be shown; it is
        // left out if it does not fit the frame, so keep short.
        const char* text = frame.phrases.tr("Picture not available");
        ImFont* font = frame.fonts.small;
        const float y = (min.y + max.y - font->FontSize) * 0.5f;
        if (text_width(font, text) < max.x - min.x)
            text_centred(draw, font, text, (min.x + max.x) * 0.5f, y, theme.muted_text);
    }
}

float draw_language_tag(Frame& frame, ImDrawList& draw, const LocalisedText& text, ImVec2 position) {
    if (!text.is_fallback) return 0;
    const std::string name = frame.catalogs.phrasebook(text.language).language_name();
    ImFont* font = frame.fonts.small;
    const float pad = font->FontSize * 0.35f;
    const float w = text_width(font, name) + 2 * pad;
    draw.AddRectFilled(position, ImVec2(position.x + w, position.y + font->FontSize + pad), frame.theme.tag,
                       font->FontSize * 0.3f);
    draw.AddText(font, font->FontSize, ImVec2(position.x + pad, position.y + pad * 0.5f),
                 frame.theme.tag_text, name.c_str());
    return w;
}

}  // namespace amanat::ui
