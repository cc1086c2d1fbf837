#pragma once

#include <deque>
#include <string>

#include "core/exhibition/bundle.hpp"
#include "core/pictures/image_loader.hpp"
#include "core/pictures/texture_cache.hpp"
#include "core/visit/screen_metrics.hpp"
#include "platform/kiosk_window.hpp"
#include "ui/frame.hpp"

namespace amanat {

// The screens' pictures: decoded on the image loader's worker thread, uploaded
// here on the render thread, kept in a texture cache with a memory budget.
// Render thread only (the loader's wake-up is the one thing crossing threads).
class PictureShelf : public ui::Pictures {
  public:
    PictureShelf(const Bundle& bundle, platform::KioskWindow& window, const ScreenMetrics& metrics);

    using ui::Pictures::get;
    const ui::PictureTexture* get(const std::string& bundle_path, ui::PictureSize size, ImVec2 box) override;
    bool failed(const std::string& bundle_path, ui::PictureSize size) const override;

    // Call once per frame before drawing: uploads what finished decoding.
    // Returns true if a picture arrived (the screen needs redrawing).
    bool receive();
    std::uint64_t frame() const { return m_frame; }
    // The pictures' textures held now (within kTextureBudget, but for this frame's).
    std::size_t texture_bytes() const { return m_cache.bytes(); }

    static constexpr std::size_t kTextureBudget = 192u << 20;

  private:
    static std::string key(const std::string& path, ui::PictureSize size);

    const Bundle& m_bundle;
    platform::KioskWindow& m_window;
    ScreenMetrics m_metrics;
    TextureCache m_cache;
    ImageLoader m_loader;
    std::uint64_t m_frame = 0;
    std::deque<ui::PictureTexture>
        m_handed_out;  // this frame's; pointers stay valid until the next receive()
};

}  // namespace amanat
