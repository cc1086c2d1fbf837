#include <doctest/doctest.h>

#include "core/settings/display_attempts.hpp"

using amanat::display_attempts;
using amanat::DisplayAttempt;
using amanat::DrawingPath;
using amanat::Renderer;

namespace {
constexpr DrawingPath kSoftware = DrawingPath::Software;
constexpr DrawingPath kGpu = DrawingPath::Gpu;
}  // namespace

TEST_CASE("without a GPU the software painter comes first, then OpenGL (llvmpipe), on the same driver") {
    CHECK(display_attempts(Renderer::Automatic, false, "x11", true) ==
          std::vector<DisplayAttempt>{{"x11", kSoftware}, {"x11", kGpu}});
}

TEST_CASE("with a GPU, or when the settings ask for it, OpenGL comes first and software is the fallback") {
    CHECK(display_attempts(Renderer::Automatic, true, "x11", false) ==
          std::vector<DisplayAttempt>{{"x11", kGpu}, {"x11", kSoftware}});
    CHECK(display_attempts(Renderer::Gpu, false, "x11", false) ==
          std::vector<DisplayAttempt>{{"x11", kGpu}, {"x11", kSoftware}});
    CHECK(display_attempts(Renderer::Software, true, "x11", false) ==
          std::vector<DisplayAttempt>{{"x11", kSoftware}, {"x11", kGpu}});
}

TEST_CASE("under cage without a GPU, software through Xwayland comes first: a third of Wayland's CPU") {
    CHECK(display_attempts(Renderer::Automatic, false, "wayland", true) ==
          std::vector<DisplayAttempt>{
              {"x11", kSoftware}, {"wayland", kSoftware}, {"wayland", kGpu}, {"x11", kGpu}});
}

TEST_CASE("under cage, Xwayland is tried after both ways on Wayland when the settings name a renderer") {
    CHECK(display_attempts(Renderer::Software, false, "wayland", true) ==
          std::vector<DisplayAttempt>{
              {"wayland", kSoftware}, {"wayland", kGpu}, {"x11", kSoftware}, {"x11", kGpu}});
    CHECK(display_attempts(Renderer::Automatic, true, "wayland", true) ==
          std::vector<DisplayAttempt>{
              {"wayland", kGpu}, {"wayland", kSoftware}, {"x11", kSoftware}, {"x11", kGpu}});
    // No X server (cage without Xwayland): Wayland alone.
    CHECK(display_attempts(Renderer::Automatic, false, "wayland", false) ==
          std::vector<DisplayAttempt>{{"wayland", kSoftware}, {"wayland", kGpu}});
}

TEST_CASE("when SDL's video driver could not start at all, only X11 is left, if there is one") {
    CHECK(display_attempts(Renderer::Automatic, false, "", true) ==
          std::vector<DisplayAttempt>{{"x11", kSoftware}, {"x11", kGpu}});
    CHECK(display_attempts(Renderer::Automatic, false, "", false).empty());
}

TEST_CASE("the message when nothing can draw names every attempt, its reason, and what to check") {
    const std::string message =
        amanat::no_display_message({"software on wayland: cannot open the window: Could not load EGL library",
                                    "opengl on wayland: no EGL"});
    CHECK(message.find("software on wayland: cannot open the window: Could not load EGL library; opengl on "
                       "wayland: no EGL") != std::string::npos);
    CHECK(message.find("xwayland") != std::string::npos);
    CHECK(message.find("systemctl restart amanat-kiosk") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);  // one line in the journal
    CHECK(amanat::describe({"x11", kGpu}) == "opengl on x11");
}
