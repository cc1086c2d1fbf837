#include "app/loop_observer.hpp"

#include <algorithm>

namespace amanat {

void LoopObservers::starting(const Bundle& bundle) {
    for (LoopObserver* observer : m_observers) observer->starting(bundle);
}

void LoopObservers::window_opened(platform::KioskWindow& window) {
    for (LoopObserver* observer : m_observers) observer->window_opened(window);
}

void LoopObservers::exhibition_shown(const Bundle& bundle, const ExhibitionSource& source, Millis idle_after,
                                     Millis countdown) {
    for (LoopObserver* observer : m_observers)
        observer->exhibition_shown(bundle, source, idle_after, countdown);
}

bool LoopObservers::keeps_time() const {
    return std::any_of(m_observers.begin(), m_observers.end(), [](const auto* o) { return o->keeps_time(); });
}

Millis LoopObservers::now() const {
    for (const LoopObserver* observer : m_observers)
        if (observer->keeps_time()) return observer->now();
    return 0;
}

bool LoopObservers::wants_targets() const {
    return std::any_of(m_observers.begin(), m_observers.end(),
                       [](const auto* o) { return o->wants_targets(); });
}

void LoopObservers::frame_began() {
    for (LoopObserver* observer : m_observers) observer->frame_began();
}

void LoopObservers::stage_done(FrameStage stage) {
    for (LoopObserver* observer : m_observers) observer->stage_done(stage);
}

bool LoopObservers::before_drawing(const LoopFrame& frame) {
    bool go_on = true;
    for (LoopObserver* observer : m_observers) go_on = observer->before_drawing(frame) && go_on;
    return go_on;
}

void LoopObservers::frame_shown(std::size_t texture_bytes) {
    for (LoopObserver* observer : m_observers) observer->frame_shown(texture_bytes);
}

bool LoopObservers::stopping() {
    bool stopped_well = true;
    for (LoopObserver* observer : m_observers) stopped_well = observer->stopping() && stopped_well;
    return stopped_well;
}

}  // namespace amanat
