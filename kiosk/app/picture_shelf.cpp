#include "app/picture_shelf.hpp"
#include "app/problem_log.hpp"

#include <cmath>
#include <cstdio>

#include "ui/gallery_screen.hpp"

namespace amanat {

PictureShelf::PictureShelf(const Bundle& bundle, platform::KioskWindow& window, const ScreenMetrics& metrics)
    : m_bundle(bundle),
      m_window(window),
      m_metrics(metrics),
      m_cache(kTextureBudget, [&window](void* texture) { window.destroy_texture(texture); }),
      m_loader([&window] { window.wake(); }) {}

std::string PictureShelf::key(const std::string& path, ui::PictureSize size) {
    switch (size) {
        case ui::PictureSize::Card:
            return "card:" + path;
        case ui::PictureSize::Page:
            return "page:" + path;
        default:
            return "screen:" + path;
    }
}

const ui::PictureTexture* PictureShelf::get(const std::string& bundle_path, ui::PictureSize size,
                                            ImVec2 box) {
    const std::string k = key(bundle_path, size);
    if (const CachedTexture* cached = m_cache.find(k, m_frame)) {
        m_handed_out.push_back(
            ui::PictureTexture{cached->handle, cached->width, cached->height, cached->opaque});
        return &m_handed_out.back();
    }
    if (m_cache.failed(k)) return nullptr;
    ImageRequest request;
    request.key = k;
    request.file = m_bundle.path_of(bundle_path);
    if (size == ui::PictureSize::Card) {
        // Exactly what the card shows (its box, covered and cropped), so that it is
        // copied, never scaled, on every frame of a scroll through the gallery.
        const ImVec2 box = ui::card_picture_box(m_metrics, static_cast<float>(m_metrics.width));
        request.max_width = static_cast<int>(std::ceil(box.x));
        request.max_height = static_cast<int>(std::ceil(box.y));
        request.cover = true;
    } else {
        // A page's picture is shrunk on the loader thread to what the page shows, not
        // to the screen and then again on the render thread. A box that later
        // changes (large text) gets this picture scaled once when drawn.
        const bool page = size == ui::PictureSize::Page && box.x >= 1 && box.y >= 1;
        request.max_width = page ? static_cast<int>(std::lround(box.x)) : m_metrics.width;
        request.max_height = page ? static_cast<int>(std::lround(box.y)) : m_metrics.height;
        request.priority = 1;  // the picture the visitor is looking at comes first
    }
    request.bgra = m_window.prefers_bgra();
    m_loader.request(std::move(request));  // ignored if already queued
    return nullptr;
}

bool PictureShelf::failed(const std::string& bundle_path, ui::PictureSize size) const {
    return m_cache.failed(key(bundle_path, size));
}

bool PictureShelf::receive() {
    ++m_frame;
    m_handed_out.clear();
    bool arrived = false;
    for (DecodedImage& image : m_loader.take_finished()) {
        arrived = true;
        if (!image.ok()) {
            log_problem(image.error);
            m_cache.mark_failed(image.key);
            continue;
        }
        const std::size_t bytes = image.rgba.size();
        void* texture = m_window.adopt_picture(std::move(image.rgba), image.width, image.height, image.bgra,
                                               image.opaque);
        if (texture == nullptr) {
            log_problem("cannot make a texture of " + std::to_string(image.width) + "x" +
                        std::to_string(image.height) + " pixels for " + image.key);
            m_cache.mark_failed(image.key);
            continue;
        }
        m_cache.insert(image.key, CachedTexture{texture, image.width, image.height, bytes, image.opaque},
                       m_frame);
    }
    return arrived;
}

}  // namespace amanat
