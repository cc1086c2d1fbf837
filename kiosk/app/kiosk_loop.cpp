#include "app/kiosk_loop.hpp"

#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/exhibition_on_show.hpp"
#include "app/fleet_courier.hpp"
#include "app/frame_times.hpp"
#include "app/health_report.hpp"
#include "app/loop_observer.hpp"
#include "app/problem_log.hpp"
#include "app/service_notifier.hpp"
#include "app/upkeep.hpp"
#include "core/exhibition/bundle_loader.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "core/staff/staff_tasks.hpp"
#include "platform/kiosk_window.hpp"
#ifdef AMANAT_TEST_HOOKS
#include "app/test_hooks/test_hooks.hpp"
#endif

namespace amanat {

namespace {

void log_problems(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items()) {
        log_problem(std::string(severity_name(d.severity)) + ": " + d.file + ":" + std::to_string(d.line) +
                    ": " + d.message + " (fix: " + d.fix + ")");
    }
}

// No exhibition: the out-of-order screen. Its root is `folder`, so that the
// kiosk does not switch back to that folder between visitors.
Bundle out_of_order(const std::filesystem::path& folder) {
    Bundle nothing;
    nothing.root = folder;
    return nothing;
}

// The exhibition in `folder`, or an empty one (the out-of-order screen) when it
// cannot be shown, with every problem logged.
Bundle load_exhibition(const std::filesystem::path& folder, const ScriptLanguages& scripts,
                       const KioskConfig& config) {
    LoadedBundle loaded = load_bundle(folder);
    log_problems(loaded.diagnostics);
    if (loaded.bundle && !loaded.bundle->artifacts.empty()) {
        Bundle bundle = std::move(*loaded.bundle);
        // Kazakh in Latin letters, Serbian in Latin: written from the Cyrillic
        // texts when the exhibition or the venue offers them.
        derive_script_languages(bundle, scripts, config.languages);
        return bundle;
    }
    // Visitors get a calm "short break" screen rather than a desktop, and the
    // kiosk stays up until staff fix the bundle (or install a pack).
    std::fprintf(stderr,
                 "amanat-kiosk: cannot show the exhibition in %s; showing the out-of-order screen. "
                 "Run 'amanat pack validate %s' to see what to fix\n",
                 folder.c_str(), folder.c_str());
    return out_of_order(folder);
}

// The exhibition to show now: the source's, unless its installed pack keeps
// stopping the kiosk as it starts (pack/crash_loop_guard.hpp): then the pack
// before it, or, with none to go back to, nothing (the out-of-order screen in
// the source's folder). Counts this start on the pack shown. Render thread only.
Bundle exhibition_to_show(const ExhibitionSource& source, const ScriptLanguages& scripts,
                          const KioskConfig& config, Upkeep& upkeep, Millis now) {
    std::filesystem::path folder = source.current();
    upkeep.shown_since = now;
    upkeep.start_settled = false;
    if (source.packs_root()) {
        if (const auto fallback =
                upkeep.crash_guard.starting(source.pack_name(folder), *source.packs_root())) {
            log_problem(fallback->message);
            if (fallback->to.empty()) return out_of_order(folder);
            folder = source.current();
            upkeep.crash_guard.starting(source.pack_name(folder), *source.packs_root());
        }
    }
    return load_exhibition(folder, scripts, config);
}

// The log says which exhibition is shown and where it came from, at start and
// at every switch: what staff and technicians look for first (issue 23).
void log_shown(const char* verb, const Bundle& bundle, const ExhibitionSource& source) {
    std::string what = bundle.exhibition.id.empty() ? std::string("the out-of-order screen")
                                                    : bundle.exhibition.id + " " + bundle.exhibition.version;
    std::fprintf(stderr, "amanat-kiosk: %s the exhibition in %s (%s, from %s)\n", verb, bundle.root.c_str(),
                 what.c_str(), source.origin_of(bundle.root).c_str());
}

// The kiosk's clock: milliseconds since it started, or the observer's own
// (the soak's virtual clock) when it keeps time.
std::function<Millis()> kiosk_clock(const LoopObserver& observer) {
    if (observer.keeps_time()) return [&observer] { return observer.now(); };
    const auto started = std::chrono::steady_clock::now();
    return [started] {
        return static_cast<Millis>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                .count());
    };
}

platform::WindowOptions window_options(const KioskOptions& options, const KioskConfig& config) {
    platform::WindowOptions window;
    window.fullscreen = options.fullscreen;
    window.locked = options.fullscreen;  // a development window closes as usual
    window.renderer = config.renderer;
    if (!options.fullscreen) {
        window.width = options.width;
        window.height = options.height;
    }
    return window;
}

// Shows `bundle`, and the exhibitions the source names after it, until the
// kiosk stops or restarts. Returns the process exit code.
int show_exhibitions(const Showroom& room, Bundle bundle, const ScriptLanguages& scripts,
                     Millis window_ready) {
    for (;;) {
        switch (show_exhibition(room, bundle, window_ready)) {
            case Ending::Quit:
                room.upkeep.crash_guard.settled();  // stopped, not crashed
                std::fprintf(stderr, "amanat-kiosk: stopping\n");
                // The exhibition's feedback store is closed, everything written.
                return room.observer.stopping() ? 0 : 1;
            case Ending::Restart:
                room.upkeep.crash_guard.settled();
                std::fprintf(stderr, "amanat-kiosk: restarting, as staff asked\n");
                return kRestartKiosk;
            case Ending::NewScreenSize:
                window_ready = -1;
                continue;  // the same exhibition, from its attract screen
            case Ending::NewExhibition:
                break;
        }
        window_ready = -1;  // only the first start-up is timed
        bundle = exhibition_to_show(room.source, scripts, room.config, room.upkeep, room.clock());
        // The last exhibition's pictures, fonts and player are freed: give the
        // memory back rather than let glibc keep it in its arenas, where it
        // piled up by tens of MB a switch (the soak, BENCHMARKS.md).
        malloc_trim(0);
        log_shown("now showing", bundle, room.source);
    }
}

// Speech mode's voice, unless the venue turned it off; [keypad] names SDL does
// not know are logged (the key does nothing).
std::unique_ptr<VisitorsVoice> start_voice(const KioskConfig& config, const KioskOptions& options,
                                           platform::KioskWindow& window) {
    if (!config.speech.offered) {
        std::fprintf(stderr, "amanat-kiosk: speech: off ([speech] enabled = false in kiosk.toml)\n");
        return nullptr;
    }
    for (const auto& [key, names] : config.speech.keys)
        for (const std::string& name : names)
            if (!platform::KioskWindow::knows_key(name))
                std::fprintf(stderr,
                             "amanat-kiosk: speech: [keypad] %s: no key is called \"%s\"; that key does "
                             "nothing (key names: docs/SPEECH.md)\n",
                             keypad_key_name(key), name.c_str());
    return VisitorsVoice::start(config.speech, options.localisation, [&window] { window.wake(); });
}

}  // namespace

int run_kiosk(const KioskOptions& options, const ExhibitionSource& source, const KioskConfig& config,
              const TranslationCatalogs& catalogs, const ScriptLanguages& scripts) {
    LoopObservers observers;
    if (FrameTimes* frame_times = FrameTimes::from_environment()) observers.add(*frame_times);
#ifdef AMANAT_TEST_HOOKS
    // --soak's synthetic visitors (on their virtual clock) and tests/e2e/crash-loop's
    // aborting pack: app/test_hooks/, never in a release build.
    const std::unique_ptr<LoopObserver> test_hooks = make_test_hooks(options);
    observers.add(*test_hooks);
#endif
    const std::function<Millis()> clock = kiosk_clock(observers);
    // The bundle is read before the window opens: a broken one is reported
    // first in the log, and the window's start-up is measured on its own.
    const std::filesystem::path state_folder = default_state_folder();
    Upkeep upkeep{ServiceNotifier{}, HealthReport(state_folder / "status.json"), record_start(state_folder),
                  static_cast<long long>(std::time(nullptr)), state_folder};
    Bundle bundle = exhibition_to_show(source, scripts, config, upkeep, clock());
    log_shown("starting with", bundle, source);
    observers.starting(bundle);

    std::string error;
    auto window = platform::KioskWindow::open(window_options(options, config), error);
    if (!window) {
        report_no_display(upkeep, bundle, error, clock());
        return 1;
    }
    upkeep.drawing = window->drawing();
    upkeep.fallbacks = window->fallbacks();
    upkeep.venue = config.venue;
    // After the window, so that it stops before the window it wakes is gone.
    const auto courier =
        FleetCourier::start(config, source.packs_root(), state_folder, [&shown = *window] { shown.wake(); });
    upkeep.courier = courier.get();
    // Here rather than in the StaffDesk, which each exhibition makes afresh: a
    // task staff started (an export to a slow stick) may still run when the next
    // exhibition is shown, and the render thread never waits for it (issue 22).
    // After the window, so that it stops before the window it wakes is gone.
    StaffTasks staff_tasks([&shown = *window] { shown.wake(); });
    upkeep.staff_tasks = &staff_tasks;
    observers.window_opened(*window);
    // After the window, so that its audio stops waking the window before it goes.
    const std::unique_ptr<VisitorsVoice> voice = start_voice(config, options, *window);
    upkeep.speech = voice                   ? voice->state()
                    : config.speech.offered ? "off: espeak-ng could not start (the kiosk's log says why)"
                                            : "off ([speech] enabled = false)";
    const Showroom room{*window, source, options, config, catalogs, clock, upkeep, observers, voice.get()};
    return show_exhibitions(room, std::move(bundle), scripts, clock());
}

}  // namespace amanat
