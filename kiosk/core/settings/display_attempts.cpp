#include "core/settings/display_attempts.hpp"

namespace amanat {

std::vector<DisplayAttempt> display_attempts(Renderer wanted, bool has_gpu, std::string_view video_driver,
                                             bool x11_available) {
    const bool gpu_first = wanted == Renderer::Gpu || (wanted == Renderer::Automatic && has_gpu);
    const DrawingPath first = gpu_first ? DrawingPath::Gpu : DrawingPath::Software;
    const DrawingPath second = gpu_first ? DrawingPath::Software : DrawingPath::Gpu;
    const std::string driver(video_driver);
    std::vector<DisplayAttempt> attempts;
    // Without a GPU, under cage, software drawing through Xwayland costs a third
    // of the CPU it costs on Wayland, where SDL 2.26 has no window framebuffer
    // and each frame goes through an OpenGL texture in llvmpipe (BENCHMARKS.md,
    // section 7): X11 first, Wayland as the fallback.
    if (wanted == Renderer::Automatic && !has_gpu && driver == "wayland" && x11_available) {
        return {{"x11", DrawingPath::Software},
                {driver, DrawingPath::Software},
                {driver, DrawingPath::Gpu},
                {"x11", DrawingPath::Gpu}};
    }
    if (!driver.empty()) attempts = {{driver, first}, {driver, second}};
    // Under cage, Xwayland is the way round a Wayland driver that cannot draw or
    // start (no EGL, a broken Mesa): X11's software renderer needs no OpenGL.
    if (driver != "x11" && x11_available) {
        attempts.push_back({"x11", DrawingPath::Software});
        attempts.push_back({"x11", DrawingPath::Gpu});
    }
    return attempts;
}

std::string describe(const DisplayAttempt& attempt) {
    return std::string(attempt.path == DrawingPath::Software ? "software" : "opengl") + " on " +
           (attempt.video_driver.empty() ? std::string("no video driver") : attempt.video_driver);
}

std::string no_display_message(const std::vector<std::string>& failures) {
    std::string tried;
    for (const std::string& failure : failures) tried += (tried.empty() ? "" : "; ") + failure;
    return "cannot draw on this screen (tried " + (tried.empty() ? std::string("nothing") : tried) +
           "): check that a screen is connected and that the packages cage, xwayland and libgl1-mesa-dri are "
           "installed, then restart the kiosk (systemctl restart amanat-kiosk)";
}

}  // namespace amanat
