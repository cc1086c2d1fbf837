#pragma once

#include <functional>

#include "app/exhibition_source.hpp"
#include "app/loop_observer.hpp"
#include "app/upkeep.hpp"
#include "app/visitors_voice.hpp"
#include "core/exhibition/bundle.hpp"
#include "core/localisation/catalog.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/settings/kiosk_options.hpp"
#include "core/visit/clock.hpp"
#include "platform/kiosk_window.hpp"

namespace amanat {

// How an exhibition's time on screen ended.
enum class Ending {
    Quit,           // SIGTERM/SIGINT, or an observer ended the kiosk
    NewExhibition,  // between visitors, the source named another exhibition
    Restart,        // staff asked for a restart
    NewScreenSize,  // the window's size changed: the same exhibition, laid out anew
};

// What every exhibition the kiosk shows is shown with: the window, the kiosk's
// settings and clock, its upkeep and the loop's observers. All outlive each
// exhibition. Render thread only.
struct Showroom {
    platform::KioskWindow& window;
    const ExhibitionSource& source;
    const KioskOptions& options;
    const KioskConfig& config;
    const TranslationCatalogs& catalogs;
    const std::function<Millis()>& clock;  // the kiosk's: milliseconds since it started
    Upkeep& upkeep;
    LoopObserver& observer;
    VisitorsVoice* voice;  // speech mode's; null without espeak-ng or when the venue turned it off
};

// Runs the visitor screens of `bundle` in the showroom's window, frame by frame,
// until one of the endings. `window_ready`: when the window opened, on the
// kiosk's clock, for the first frame's line in the log; -1 for every exhibition
// after the first (nothing to time).
Ending show_exhibition(const Showroom& room, const Bundle& bundle, Millis window_ready);

}  // namespace amanat
