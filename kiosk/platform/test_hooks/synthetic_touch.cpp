#include "platform/test_hooks/synthetic_touch.hpp"

#include <SDL.h>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <vector>

#include "platform/touch_reader.hpp"

namespace amanat::platform {

namespace {

SDL_Event mouse_event(const KioskWindow& window, const SyntheticTouch& touch) {
    const auto px = [](float v) { return static_cast<Sint32>(std::lround(v)); };
    SDL_Event event{};
    if (touch.kind == SyntheticTouch::Kind::Move) {
        event.type = SDL_MOUSEMOTION;
        event.motion.windowID = window.sdl_id();
        event.motion.which = kPushedMouse;
        event.motion.state = SDL_BUTTON_LMASK;  // the driver moves the mouse only to drag
        event.motion.x = px(touch.x);
        event.motion.y = px(touch.y);
        return event;
    }
    const bool press = touch.kind == SyntheticTouch::Kind::Press;
    event.type = press ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    event.button.windowID = window.sdl_id();
    event.button.which = kPushedMouse;
    event.button.button = SDL_BUTTON_LEFT;
    event.button.state = press ? SDL_PRESSED : SDL_RELEASED;
    event.button.clicks = 1;
    event.button.x = px(touch.x);
    event.button.y = px(touch.y);
    return event;
}

SDL_Event finger_event(const KioskWindow& window, const SyntheticTouch& touch) {
    using Kind = SyntheticTouch::Kind;
    const int width = window.width();
    const int height = window.height();
    SDL_Event event{};
    event.type = touch.kind == Kind::FingerDown   ? SDL_FINGERDOWN
                 : touch.kind == Kind::FingerMove ? SDL_FINGERMOTION
                                                  : SDL_FINGERUP;
    event.tfinger.touchId = kPushedTouchDevice;
    event.tfinger.fingerId = touch.finger;
    // SDL gives fingers in 0..1 of the window.
    event.tfinger.x = width > 0 ? touch.x / static_cast<float>(width) : 0;
    event.tfinger.y = height > 0 ? touch.y / static_cast<float>(height) : 0;
    event.tfinger.pressure = touch.kind == Kind::FingerUp ? 0.0f : 1.0f;
    event.tfinger.windowID = window.sdl_id();
    return event;
}

bool is_pushed(const SDL_Event& event) {
    switch (event.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            return event.button.which == kPushedMouse;
        case SDL_MOUSEMOTION:
            return event.motion.which == kPushedMouse;
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            return event.tfinger.touchId == kPushedTouchDevice;
        default:
            return false;
    }
}

// The pushed events among SDL's queued events of the types first..last.
int pushed_in_queue(Uint32 first, Uint32 last) {
    const int queued = SDL_PeepEvents(nullptr, 0, SDL_PEEKEVENT, first, last);
    if (queued <= 0) return 0;
    std::vector<SDL_Event> events(static_cast<std::size_t>(queued));
    const int peeked = SDL_PeepEvents(events.data(), queued, SDL_PEEKEVENT, first, last);
    int pushed = 0;
    for (int i = 0; i < peeked; ++i)
        if (is_pushed(events[static_cast<std::size_t>(i)])) ++pushed;
    return pushed;
}

}  // namespace

void inject(const KioskWindow& window, const SyntheticTouch& touch) {
    using Kind = SyntheticTouch::Kind;
    const bool mouse = touch.kind == Kind::Press || touch.kind == Kind::Move || touch.kind == Kind::Release;
    SDL_Event event = mouse ? mouse_event(window, touch) : finger_event(window, touch);
    if (SDL_PushEvent(&event) != 1)
        std::fprintf(stderr, "amanat-kiosk: soak: cannot queue a synthetic touch: %s\n", SDL_GetError());
}

int injected_pending() {
    return pushed_in_queue(SDL_MOUSEMOTION, SDL_MOUSEBUTTONUP) +
           pushed_in_queue(SDL_FINGERDOWN, SDL_FINGERMOTION);
}

}  // namespace amanat::platform
