#include "platform/touch_reader.hpp"

#include <algorithm>
#include <utility>

namespace amanat::platform {

namespace {

bool is_finger(const SDL_Event& event) {
    return event.type == SDL_FINGERDOWN || event.type == SDL_FINGERMOTION || event.type == SDL_FINGERUP;
}

bool is_button_edge(const SDL_Event& event) {
    return event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP;
}

}  // namespace

bool TouchReader::read(const SDL_Event& event, int width, int height) {
    record(event, width, height);
    return follow_pointer(event, width, height);
}

void TouchReader::give_to_imgui(ImGuiIO& io) const {
    if (m_have_pointer) io.MousePos = m_pointer;
    // The finger holds ImGui's button; so does a pushed press, as a finger would.
    if (m_touch_down) io.MouseDown[0] = true;
    if (m_pushed_press) io.MouseDown[0] = true;
}

std::vector<PointerEvent> TouchReader::take_pointer_events() {
    std::vector<PointerEvent> events;
    events.swap(m_pointer_events);
    return events;
}

void TouchReader::use_clock(std::function<Millis()> clock) {
    m_clock = std::move(clock);
}

Millis TouchReader::now() const {
    return m_clock ? m_clock() : static_cast<Millis>(SDL_GetTicks64());
}

// Translates SDL's touch and mouse events into pointer events for the gestures.
void TouchReader::record(const SDL_Event& event, int width, int height) {
    PointerEvent pointer;
    pointer.time = now();
    switch (event.type) {
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            record_finger(event, width, height, pointer);
            return;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            // Mouse events SDL makes up from touches are already handled as fingers.
            if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) return;
            m_mouse_down = event.type == SDL_MOUSEBUTTONDOWN;
            pointer.kind = m_mouse_down ? PointerEvent::Kind::Down : PointerEvent::Kind::Up;
            pointer.x = static_cast<float>(event.button.x);
            pointer.y = static_cast<float>(event.button.y);
            break;
        case SDL_MOUSEMOTION:
            if (event.motion.which == SDL_TOUCH_MOUSEID || !m_mouse_down) return;
            pointer.kind = PointerEvent::Kind::Move;
            pointer.x = static_cast<float>(event.motion.x);
            pointer.y = static_cast<float>(event.motion.y);
            break;
        default:
            return;
    }
    m_pointer_events.push_back(pointer);
}

// A touch finger: ours are numbered from 1, the lowest free number first.
void TouchReader::record_finger(const SDL_Event& event, int width, int height, PointerEvent pointer) {
    auto it = m_fingers.find(event.tfinger.fingerId);
    if (event.type == SDL_FINGERDOWN) {
        int id = 1;
        while (std::any_of(m_fingers.begin(), m_fingers.end(), [&](const auto& f) { return f.second == id; }))
            ++id;
        it = m_fingers.emplace(event.tfinger.fingerId, id).first;
    }
    if (it == m_fingers.end()) return;
    pointer.finger = it->second;
    pointer.x = event.tfinger.x * static_cast<float>(width);
    pointer.y = event.tfinger.y * static_cast<float>(height);
    pointer.kind = event.type == SDL_FINGERDOWN ? PointerEvent::Kind::Down
                   : event.type == SDL_FINGERUP ? PointerEvent::Kind::Up
                                                : PointerEvent::Kind::Move;
    if (event.type == SDL_FINGERUP) m_fingers.erase(it);
    m_pointer_events.push_back(pointer);
}

// ImGui's pointer follows the last event; true at a press or a release.
bool TouchReader::follow_pointer(const SDL_Event& event, int width, int height) {
    if (event.type == SDL_MOUSEMOTION) {
        m_pointer = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
        m_have_pointer = true;
        return false;
    }
    if (is_button_edge(event)) {
        m_pointer = ImVec2(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
        m_have_pointer = true;
        if (event.button.which == kPushedMouse) m_pushed_press = event.type == SDL_MOUSEBUTTONDOWN;
        return true;
    }
    if (!is_finger(event)) return false;
    const bool primary =
        m_have_touch_primary ? event.tfinger.fingerId == m_touch_primary : event.type == SDL_FINGERDOWN;
    if (!primary) return false;
    m_pointer =
        ImVec2(event.tfinger.x * static_cast<float>(width), event.tfinger.y * static_cast<float>(height));
    m_have_pointer = true;
    if (event.type == SDL_FINGERMOTION) return false;
    m_have_touch_primary = event.type == SDL_FINGERDOWN;
    m_touch_primary = event.tfinger.fingerId;
    m_touch_down = event.type == SDL_FINGERDOWN;
    return true;  // a press or a release per frame, as for the mouse
}

}  // namespace amanat::platform
