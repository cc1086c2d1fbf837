#include "app/kiosk_loop.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>

#include "app/exhibition_source.hpp"
#include "app/media_desk.hpp"
#include "app/picture_shelf.hpp"
#include "app/staff_desk.hpp"
#include "app/visitors_book.hpp"
#include "core/bundle_loader.hpp"
#include "core/gesture.hpp"
#include "core/idle_timer.hpp"
#include "core/screen_metrics.hpp"
#include "core/visitor_session.hpp"
#include "platform/kiosk_window.hpp"
#include "ui/display_text.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/theme.hpp"
#include "ui/typeface.hpp"

namespace amanat {
namespace {

constexpr Millis kCountdown = 10'000;

enum class Ending { Quit, NewExhibition, Restart };

// How often, at most, the attract screen asks whether staff activated another
// pack (a readlink): often enough to follow an install within seconds.
constexpr Millis kExhibitionCheck = 5'000;

void log_problems(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items()) {
        std::fprintf(stderr, "amanat-kiosk: %s: %s:%d: %s (fix: %s)\n", severity_name(d.severity),
                     d.file.c_str(), d.line, d.message.c_str(), d.fix.c_str());
    }
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
    Bundle nothing;
    nothing.root = folder;
    return nothing;
}

// Runs the visitor screens of one exhibition in `window` until SIGTERM/SIGINT
// (Quit) or, between visitors, until `source` names another exhibition.
Ending show_exhibition(platform::KioskWindow& window, const Bundle& bundle, const ExhibitionSource& source,
                       const KioskOptions& options, const KioskConfig& config,
                       const TranslationCatalogs& catalogs, const std::function<Millis()>& clock,
                       Millis window_ready) {
    std::string error;
    const ScreenMetrics metrics =
        ScreenMetrics::measure(window.width(), window.height(), window.display_dpi(), config);
    const Millis fonts_started = clock();
    ui::Typeface typeface;
    if (!typeface.build(ui::display_text(bundle, catalogs), metrics, error)) {
        std::fprintf(stderr, "amanat-kiosk: %s\n", error.c_str());
        return Ending::Quit;
    }
    window.reload_fonts();
    const Millis fonts_ready = clock();

    VisitorSession session(bundle, offered_languages(bundle.exhibition, config), config.text_size);
    const int idle_seconds = config.idle_timeout_seconds.value_or(bundle.exhibition.idle_timeout_seconds);
    IdleTimer idle(static_cast<Millis>(idle_seconds) * 1000, kCountdown);
    GestureSettings gesture_settings;
    gesture_settings.tap_slop = std::max(metrics.mm(4), 12.0f);
    gesture_settings.double_tap_slop = metrics.mm(10);
    gesture_settings.swipe_min_distance = metrics.mm(20);
    GestureRecognizer gestures(gesture_settings);
    PictureShelf pictures(bundle, window, metrics);
    MediaDesk media(bundle, window, config.volume_percent, options.audio);
    VisitorsBook book(bundle, config, window);
    StaffDesk staff(config, source, bundle, window, metrics.mm(20), clock());
    const ui::Theme standard = ui::Theme::standard();
    const ui::Theme high_contrast = ui::Theme::high_contrast();
    ui::KioskUi screens;

    // AMANAT_LOG_TARGETS=1: log where the touch targets are once a layout settles.
    const char* log_targets_env = std::getenv("AMANAT_LOG_TARGETS");
    const bool log_targets = log_targets_env != nullptr && std::string(log_targets_env) == "1";
    std::vector<ui::Frame::Target> targets;
    std::string logged_targets;
    bool first_frame = window_ready >= 0;  // -1: not the kiosk's first exhibition, nothing to time
    Millis exhibition_checked = clock();
    std::string logged_state;
    bool logged_countdown = false;
    Millis wake_at = -1;
    while (true) {
        const Millis before = clock();
        const int timeout =
            wake_at < 0 ? -1 : static_cast<int>(std::clamp<Millis>(wake_at - before, 0, 60'000));
        if (!window.wait(timeout)) return Ending::Quit;
        const Millis now = clock();
        if (window.had_input()) idle.notice_input(now);
        std::vector<Gesture> recognised;
        for (const PointerEvent& event : window.take_pointer_events()) gestures.feed(event, recognised);
        pictures.receive();

        // Staff mode: the hidden corner gesture opens the PIN pad over a kiosk
        // made fresh (a visitor who opened it by chance loses their place, never
        // their privacy); while it shows, the visitors' screens neither draw nor
        // listen.
        if (staff.showing()) {
            if (window.had_input())
                staff.touch(recognised, static_cast<float>(window.width()),
                            static_cast<float>(window.height()), now);
        } else if (staff.watch_corner(recognised, static_cast<float>(window.width()),
                                      static_cast<float>(window.height()), now)) {
            session.reset(VisitEnd::Idle);
            media.follow(session, {});
            recognised.clear();
        }
        if (staff.update(book, now) == StaffDesk::Request::Closed)
            exhibition_checked = now - kExhibitionCheck;

        if (session.screen() != Screen::Attract && idle.phase(now) == IdleTimer::Phase::Expired) {
            std::fprintf(stderr, "amanat-kiosk: no touch for %d s: resetting for the next visitor\n",
                         idle_seconds + 10);
            session.reset(VisitEnd::Idle);
            gestures.reset();
            recognised.clear();
            media.follow(session, {});  // an idle reset stops everything
        }
        // Between visitors (the attract screen, or the out-of-order one), follow
        // a pack staff have just activated.
        if (session.screen() == Screen::Attract && !staff.showing() &&
            now - exhibition_checked >= kExhibitionCheck) {
            exhibition_checked = now;
            const std::filesystem::path next = source.current();
            if (next != bundle.root) {
                std::fprintf(stderr,
                             "amanat-kiosk: another exhibition is active: %s; switching between visitors\n",
                             next.c_str());
                return Ending::NewExhibition;
            }
        }
        // While something plays the visitor is listening or watching: the idle
        // countdown starts only once it has ended (or been paused).
        if (media.busy()) idle.touch(now);

        // What this frame shows, logged once it is on screen: the end-to-end tests
        // wait for these lines before taking a screenshot.
        const bool counting_down =
            session.screen() != Screen::Attract && idle.phase(now) == IdleTimer::Phase::CountingDown;
        if (counting_down && config.feedback) session.invite_to_survey();

        // The visit so far (the session as last frame's actions left it, and what
        // plays for it) goes to the visitors' book before this frame is drawn.
        ui::MediaView media_view = media.view(now);
        book.observe(session,
                     PlaybackProgress{media_view.position, media_view.length,
                                      media_view.status == ui::MediaView::Status::Ended},
                     now, idle.last_activity());
        const ui::FeedbackView feedback = book.view(now);
        const std::string state =
            ui::KioskUi::describe(session, bundle, counting_down, feedback, now, &staff.view());

        window.begin_frame();
        ui::Frame frame{bundle,
                        session,
                        catalogs,
                        catalogs.phrasebook(session.language()),
                        typeface.at(session.text_size()),
                        typeface,
                        session.high_contrast() ? high_contrast : standard,
                        metrics,
                        pictures,
                        now,
                        std::move(recognised)};
        frame.media = std::move(media_view);
        frame.feedback = feedback;
        frame.staff = &staff.view();
        targets.clear();
        if (log_targets) frame.targets = &targets;
        screens.draw(frame, idle);
        window.end_frame();
        // The title and the log say what the visitor sees, for staff and for the
        // end-to-end tests.
        if (state != logged_state) {
            logged_state = state;
            window.set_title("Amanat " + state);
            std::fprintf(stderr, "amanat-kiosk: showing %s\n", state.c_str());
        }
        if (counting_down != logged_countdown) {
            logged_countdown = counting_down;
            if (counting_down)
                std::fprintf(stderr, "amanat-kiosk: idle: asking whether the visitor is still there\n");
        }
        if (log_targets && frame.actions.empty() && !frame.targets_moving) {
            std::string line;
            for (const auto& t : targets) {
                line += " " + t.id + "@" + std::to_string(static_cast<int>((t.min.x + t.max.x) / 2)) + "," +
                        std::to_string(static_cast<int>((t.min.y + t.max.y) / 2));
            }
            if (line != logged_targets) {
                logged_targets = line;
                std::fprintf(stderr, "amanat-kiosk: targets%s\n", line.c_str());
            }
        }

        for (const VisitorAction& action : frame.actions) session.apply(action);
        // In staff mode the player is staff's (the test sound); it follows the
        // visitor again once staff mode closes.
        if (!staff.showing()) media.follow(session, frame.actions);
        if (!frame.actions.empty()) idle.touch(now);
        switch (staff.handle(frame.staff_actions, media, book, now)) {
            case StaffDesk::Request::Restart:
                return Ending::Restart;
            case StaffDesk::Request::Closed:
                exhibition_checked = now - kExhibitionCheck;  // a pack installed: show it now
                break;
            default:
                break;
        }
        const bool acted = !frame.actions.empty() || !frame.staff_actions.empty();
        wake_at = acted ? now : frame.wake_at;
        if (const Millis staff_wake = staff.next_deadline(now); staff.showing() && staff_wake >= 0) {
            wake_at = wake_at < 0 ? staff_wake : std::min(wake_at, staff_wake);
        }
        if (const Millis media_wake = media.next_redraw(now); media_wake >= 0) {
            wake_at = wake_at < 0 ? media_wake : std::min(wake_at, media_wake);
        }
        if (session.screen() == Screen::Attract && source.packs_root()) {
            // A still attract (or out-of-order) screen still looks for new packs.
            const Millis check = exhibition_checked + kExhibitionCheck;
            wake_at = wake_at < 0 ? check : std::min(wake_at, check);
        }
        if (first_frame) {
            first_frame = false;
            // Where start-up time goes, for staff comparing kiosk PCs and for BENCHMARKS.md.
            std::fprintf(stderr,
                         "amanat-kiosk: first frame shown after %lld ms (window %lld ms, fonts %lld ms; "
                         "%dx%d, %.2f px/mm)\n",
                         static_cast<long long>(clock()), static_cast<long long>(window_ready),
                         static_cast<long long>(fonts_ready - fonts_started), window.width(), window.height(),
                         static_cast<double>(metrics.px_per_mm));
        }
    }
}

}  // namespace

int run_kiosk(const KioskOptions& options, const ExhibitionSource& source, const KioskConfig& config,
              const TranslationCatalogs& catalogs, const ScriptLanguages& scripts) {
    const auto started = std::chrono::steady_clock::now();
    const std::function<Millis()> clock = [started] {
        return static_cast<Millis>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                .count());
    };
    // The bundle is read before the window opens: a broken one is reported
    // first in the log, and the window's start-up is measured on its own.
    std::filesystem::path folder = source.current();
    Bundle bundle = load_exhibition(folder, scripts, config);

    platform::WindowOptions window_options;
    window_options.fullscreen = options.fullscreen;
    window_options.locked = options.fullscreen;  // a development window closes as usual
    if (!options.fullscreen) {
        window_options.width = options.width;
        window_options.height = options.height;
    }
    std::string error;
    auto window = platform::KioskWindow::open(window_options, error);
    if (!window) {
        std::fprintf(stderr, "amanat-kiosk: %s\n", error.c_str());
        return 1;
    }
    Millis window_ready = clock();
    for (;;) {
        switch (show_exhibition(*window, bundle, source, options, config, catalogs, clock, window_ready)) {
            case Ending::Quit:
                std::fprintf(stderr, "amanat-kiosk: stopping\n");
                return 0;
            case Ending::Restart:
                std::fprintf(stderr, "amanat-kiosk: restarting, as staff asked\n");
                return kRestartKiosk;
            case Ending::NewExhibition:
                break;
        }
        window_ready = -1;  // only the first start-up is timed
        folder = source.current();
        bundle = load_exhibition(folder, scripts, config);
        std::fprintf(stderr, "amanat-kiosk: now showing the exhibition in %s\n", folder.c_str());
    }
}

}  // namespace amanat
