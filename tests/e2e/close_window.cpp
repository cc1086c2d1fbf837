// close-window TITLE_PREFIX: asks the X window whose title starts with
// TITLE_PREFIX to close, the way a window manager does when someone presses
// Alt+F4 or clicks a close button (a WM_DELETE_WINDOW client message). The
// end-to-end tests use it to check that a visitors' kiosk ignores that request.
// Exit 0 when the message was sent, 1 when no such window exists.
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <cstdio>
#include <cstring>

namespace {

Window find(Display* display, Window window, const char* prefix) {
    // WM_NAME's bytes, whatever its encoding: STRING, or UTF8_STRING once the
    // kiosk's locale is UTF-8 (espeak-ng sets LC_CTYPE), which XFetchName refuses.
    XTextProperty name{};
    if (XGetWMName(display, window, &name) != 0 && name.value != nullptr) {
        const std::size_t length = std::strlen(prefix);
        const bool match = name.nitems >= length &&
                           std::strncmp(reinterpret_cast<const char*>(name.value), prefix, length) == 0;
        XFree(name.value);
        if (match) return window;
    }
    Window root = 0;
    Window parent = 0;
    Window* children = nullptr;
    unsigned count = 0;
    Window found = 0;
    if (XQueryTree(display, window, &root, &parent, &children, &count) != 0) {
        for (unsigned i = 0; i < count && found == 0; ++i) found = find(display, children[i], prefix);
        if (children != nullptr) XFree(children);
    }
    return found;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: close-window TITLE_PREFIX\n");
        return 2;
    }
    Display* display = XOpenDisplay(nullptr);
    if (display == nullptr) {
        std::fprintf(stderr, "close-window: cannot open the display\n");
        return 1;
    }
    const Window window = find(display, DefaultRootWindow(display), argv[1]);
    if (window == 0) {
        std::fprintf(stderr, "close-window: no window titled '%s...'\n", argv[1]);
        XCloseDisplay(display);
        return 1;
    }
    XEvent event{};
    event.xclient.type = ClientMessage;
    event.xclient.window = window;
    event.xclient.message_type = XInternAtom(display, "WM_PROTOCOLS", False);
    event.xclient.format = 32;
    event.xclient.data.l[0] = static_cast<long>(XInternAtom(display, "WM_DELETE_WINDOW", False));
    event.xclient.data.l[1] = CurrentTime;
    XSendEvent(display, window, False, NoEventMask, &event);
    XFlush(display);
    XCloseDisplay(display);
    return 0;
}
