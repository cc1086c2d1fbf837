#include "platform/software_canvas.hpp"

#include <cstddef>

#include "platform/triangle_painter.hpp"

namespace amanat::platform {

namespace {

// Whether the frame's first shape is an opaque rectangle over the whole window.
bool starts_with_backdrop(const ImDrawData* data, const PixelTarget& target) {
    for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList* list = data->CmdLists[i];
        if (list->CmdBuffer.empty()) continue;
        const ImDrawCmd& command = list->CmdBuffer[0];
        const ImVec4 clip = command.ClipRect;
        const ImVec2 origin = data->DisplayPos;
        return command.UserCallback == nullptr && clip.x <= origin.x && clip.y <= origin.y &&
               clip.z >= origin.x + static_cast<float>(target.width) &&
               clip.w >= origin.y + static_cast<float>(target.height) &&
               starts_with_opaque_backdrop(target, list->VtxBuffer.Data + command.VtxOffset,
                                           list->IdxBuffer.Data + command.IdxOffset, command.ElemCount);
    }
    return false;
}

}  // namespace

SoftwareCanvas::SoftwareCanvas(SDL_Window* window, SDL_Renderer* renderer, SoftwarePictures& pictures)
    : m_window(window), m_renderer(renderer), m_pictures(pictures) {}

void SoftwareCanvas::take_atlas(ImFontAtlas& fonts) {
    unsigned char* alpha = nullptr;
    int width = 0;
    int height = 0;
    fonts.GetTexDataAsAlpha8(&alpha, &width, &height);
    m_atlas.assign(alpha, alpha + static_cast<std::ptrdiff_t>(width) * height);
    m_atlas_width = width;
    m_atlas_height = height;
    fonts.SetTexID(static_cast<ImTextureID>(&m_atlas));
    fonts.ClearTexData();
}

void SoftwareCanvas::paint(ImDrawData* data) {
    SDL_Surface* screen = SDL_GetWindowSurface(m_window);
    if (!is_xrgb(screen)) return;  // checked when the window opened; a changed window shows black
    const PixelTarget target{static_cast<std::uint32_t*>(screen->pixels), screen->pitch / 4, screen->w,
                             screen->h};
    // Black where nothing is drawn, unless the frame starts with a backdrop over all
    // of it (every visitor screen does): 8 MB less to write at 1920x1080.
    if (!starts_with_backdrop(data, target))
        for (int y = 0; y < target.height; ++y)
            fill_pixels(target.pixels + static_cast<std::ptrdiff_t>(y) * target.stride, target.width,
                        0xFF000000u);
    const CoverageMap atlas{m_atlas.data(), m_atlas_width, m_atlas_height};
    bool queued = false;  // SDL holds drawing not yet done
    for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList* list = data->CmdLists[i];
        for (const ImDrawCmd& command : list->CmdBuffer) {
            if (command.UserCallback != nullptr) {
                if (command.UserCallback != ImDrawCallback_ResetRenderState)
                    command.UserCallback(list, &command);
                queued = true;
                continue;
            }
            const PixelBox clip{static_cast<int>(command.ClipRect.x - data->DisplayPos.x),
                                static_cast<int>(command.ClipRect.y - data->DisplayPos.y),
                                static_cast<int>(command.ClipRect.z - data->DisplayPos.x),
                                static_cast<int>(command.ClipRect.w - data->DisplayPos.y)};
            if (clip.x1 <= clip.x0 || clip.y1 <= clip.y0) continue;
            const bool from_atlas = command.TextureId == static_cast<ImTextureID>(&m_atlas);
            if (from_atlas || command.TextureId == nullptr) {
                if (queued) SDL_RenderFlush(m_renderer);
                queued = false;
                paint_triangles(target, clip, list->VtxBuffer.Data + command.VtxOffset,
                                list->IdxBuffer.Data + command.IdxOffset, command.ElemCount,
                                from_atlas ? &atlas : nullptr);
            } else {
                draw_with_sdl(list, command,
                              SDL_Rect{clip.x0, clip.y0, clip.x1 - clip.x0, clip.y1 - clip.y0});
                queued = true;
            }
        }
    }
    SDL_RenderSetClipRect(m_renderer, nullptr);
}

// A draw command SDL draws: a textured mesh other than the atlas's (a picture
// drawn in another shape than a rectangle).
void SoftwareCanvas::draw_with_sdl(const ImDrawList* list, const ImDrawCmd& command, const SDL_Rect& clip) {
    SDL_Texture* texture = m_pictures.texture_for_mesh(command.TextureId);
    if (texture == nullptr) return;
    const ImDrawVert* vertices = list->VtxBuffer.Data + command.VtxOffset;
    SDL_RenderSetClipRect(m_renderer, &clip);
    SDL_RenderGeometryRaw(
        m_renderer, texture, &vertices->pos.x, sizeof(ImDrawVert),
        reinterpret_cast<const SDL_Color*>(&vertices->col), sizeof(ImDrawVert), &vertices->uv.x,
        sizeof(ImDrawVert), list->VtxBuffer.Size - static_cast<int>(command.VtxOffset),
        list->IdxBuffer.Data + command.IdxOffset, static_cast<int>(command.ElemCount), sizeof(ImDrawIdx));
}

}  // namespace amanat::platform
