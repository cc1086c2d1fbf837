#include "app/kiosk_loop.hpp"

#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "platform/kiosk_window.hpp"
#include "ui/title_screen.hpp"
#include "ui/typeface.hpp"

namespace amanat {
namespace {

std::vector<std::string_view> texts_on_screen(const Exhibition& exhibition) {
    std::vector<std::string_view> texts;
    for (const auto* map : {&exhibition.title, &exhibition.subtitle}) {
        for (const auto& [language, text] : map->entries()) texts.push_back(text);
    }
    return texts;
}

}  // namespace

int run_kiosk(const KioskOptions& options, const Exhibition& exhibition) {
    const auto started = std::chrono::steady_clock::now();
    platform::WindowOptions window_options;
    window_options.fullscreen = options.fullscreen;
    if (!options.fullscreen) {
        window_options.width = options.width;
        window_options.height = options.height;
    }
    std::string error;
    auto window = platform::KioskWindow::open(window_options, error);
    if (!window) {
        std::fprintf(stderr, "amanat-kiosk: %s\n", error.c_str());
        return 1;
    }
    ui::Typeface typeface;
    if (!typeface.build(texts_on_screen(exhibition), 1.0f, error)) {
        std::fprintf(stderr, "amanat-kiosk: %s\n", error.c_str());
        return 1;
    }

    bool first_frame = true;
    // Nothing on the title screen moves, so the loop sleeps until input arrives.
    while (window->wait(-1)) {
        window->begin_frame();
        ui::draw_title_screen(exhibition, typeface);
        window->end_frame();
        if (first_frame) {
            first_frame = false;
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started);
            std::fprintf(stderr, "amanat-kiosk: first frame shown after %lld ms (%dx%d)\n",
                         static_cast<long long>(ms.count()), window->width(), window->height());
        }
    }
    std::fprintf(stderr, "amanat-kiosk: stopping\n");
    return 0;
}

}  // namespace amanat
