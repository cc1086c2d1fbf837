// Xlib's header stays in this file: it defines macros (None, Status, Bool...)
// that the rest of the platform code should not see.
#include "platform/x11_display_loss.hpp"

#include <X11/Xlib.h>
#include <unistd.h>

namespace amanat::platform {
namespace {

// Xlib calls this when the connection breaks, and exits if it returns: only
// async-signal-safe calls here (the connection is gone, and so may be the
// state the rest of the kiosk was in when it noticed).
int display_gone(Display*) {
    static const char kLines[] =
        "amanat-kiosk: the X display is gone (cage and its Xwayland stopped, or the screen went away): "
        "stopping\namanat-kiosk: exiting with status 0\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, kLines, sizeof kLines - 1);
    ::_exit(0);
}

}  // namespace

void stop_cleanly_when_x_display_goes() {
    XSetIOErrorHandler(display_gone);
}

}  // namespace amanat::platform
