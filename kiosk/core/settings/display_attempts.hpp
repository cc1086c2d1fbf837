#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/settings/kiosk_config.hpp"

namespace amanat {

// How the kiosk may draw: SDL's software renderer with our own painter (the
// window's pixels, presented by the display server: XShm on X11; on Wayland,
// where SDL 2.26 has no window framebuffer, through an OpenGL texture), or
// SDL's OpenGL renderer (the GPU, or Mesa's llvmpipe without one).
enum class DrawingPath { Software, Gpu };

// One way to open the kiosk's window: SDL's video driver ("wayland", "x11")
// and how to draw in it.
struct DisplayAttempt {
    std::string video_driver;
    DrawingPath path = DrawingPath::Software;
    bool operator==(const DisplayAttempt&) const = default;
};

// The ways to try, best first, so that the kiosk never gives up on drawing
// while one is left: the configured renderer first (Automatic: the GPU when the
// PC has a render node, else software), then the other one on the same driver;
// then, when an X server is at hand besides (cage's Xwayland), both on X11.
// `video_driver` is the one SDL started with, "" when it could not start.
std::vector<DisplayAttempt> display_attempts(Renderer wanted, bool has_gpu, std::string_view video_driver,
                                             bool x11_available);

// "software on wayland", for the log and the status file.
std::string describe(const DisplayAttempt& attempt);

// The one line a technician reads when no attempt worked: what was tried, why
// each failed (`failures`, one per attempt, in order), and what to check.
std::string no_display_message(const std::vector<std::string>& failures);

}  // namespace amanat
