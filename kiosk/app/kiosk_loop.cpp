#include "app/kiosk_loop.hpp"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/exhibition_source.hpp"
#include "app/fleet_courier.hpp"
#include "app/frame_times.hpp"
#include "app/health_report.hpp"
#include "app/media_desk.hpp"
#include "app/picture_shelf.hpp"
#include "app/problem_log.hpp"
#include "app/service_notifier.hpp"
#include "app/staff_desk.hpp"
#include "app/visitors_book.hpp"
#include "core/exhibition/bundle_loader.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "core/settings/screen_care.hpp"
#include "core/version.hpp"
#include "core/visit/gesture.hpp"
#include "core/visit/idle_timer.hpp"
#include "core/visit/screen_metrics.hpp"
#include "core/visit/visitor_session.hpp"
#include "pack/crash_loop_guard.hpp"
#include "platform/kiosk_window.hpp"
#include "ui/display_text.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/theme.hpp"
#include "ui/typeface.hpp"
#ifdef AMANAT_TEST_HOOKS
#include "app/soak_driver.hpp"
#endif

namespace amanat {

class SoakDriver;  // the test hook's synthetic visitors (AMANAT_TEST_HOOKS builds only)

namespace {

constexpr Millis kCountdown = 10'000;

enum class Ending { Quit, NewExhibition, Restart, NewScreenSize };

// How often, at most, the attract screen asks whether staff activated another
// pack (a readlink): often enough to follow an install within seconds.
constexpr Millis kExhibitionCheck = 5'000;

// What keeps the kiosk looked after across exhibitions: systemd's watchdog, the
// status file, and when the screen may sleep. Render thread only.
struct Upkeep {
    ServiceNotifier notifier;
    HealthReport health;
    KioskStarts starts;
    long long started_at = 0;  // Unix seconds
    std::filesystem::path state_folder;
    pack::CrashLoopGuard crash_guard{state_folder / "pack-starts.json"};
    Millis shown_since = 0;      // when the exhibition on screen was loaded
    bool start_settled = false;  // crash_guard told that it lasted
    std::string drawing{};       // KioskWindow::drawing(), for the status file
    std::string fallbacks{};     // KioskWindow::fallbacks()
    bool ready_sent = false;
    bool asleep = false;
    Millis woken_until = -1;            // a touch on the sleeping screen wakes it until then
    std::string venue{};                // [venue] name in the config
    std::string kiosk_id{};             // VisitorsBook::kiosk_id() once known
    FleetCourier* courier = nullptr;    // null without [fleet] folders
    StaffTasks* staff_tasks = nullptr;  // staff's installs and exports, which may outlast an exhibition
    std::string published_showing{};    // the exhibition and sleep the courier last heard of
};

// How long the screen stays awake after a touch outside opening hours: staff
// at work before opening.
constexpr Millis kWokenByTouch = 5 * 60'000;

LocalMoment local_now() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_wday, local.tm_hour * 60 + local.tm_min};
}

// The installed pack's name when `root` is ROOT/packs/NAME/bundle; "" otherwise.
std::string pack_name_of(const std::filesystem::path& root, const ExhibitionSource& source) {
    if (!source.packs_root()) return {};
    const std::filesystem::path packs = *source.packs_root() / "packs";
    const std::filesystem::path pack = root.parent_path();
    return pack.parent_path() == packs ? pack.filename().string() : std::string();
}

// What the fleet courier did last: the inbox's last pack, the outbox's problem.
void add_fleet_facts(const Upkeep& upkeep, HealthFacts& facts) {
    if (!upkeep.courier) return;
    facts.fleet = true;
    if (const auto verdict = upkeep.courier->inbox_verdict()) {
        facts.fleet_pack_file = verdict->file;
        facts.fleet_pack_installed = verdict->installed;
        facts.fleet_pack_message = verdict->message;
        facts.fleet_pack_at = verdict->at;
    }
    facts.fleet_outbox_problem = upkeep.courier->outbox_problem();
}

// Hands the status file its minute's facts.
void publish_health(Upkeep& upkeep, const Bundle& bundle, const ExhibitionSource& source,
                    const VisitorsBook& book, const std::string& showing, Millis now) {
    // A minute on screen: this pack does not stop the kiosk as it starts.
    if (!upkeep.start_settled && now - upkeep.shown_since >= pack::kSettleSeconds * 1000) {
        upkeep.crash_guard.settled();
        upkeep.start_settled = true;
    }
    HealthFacts facts;
    facts.version = kVersion;
    facts.started_at = upkeep.started_at;
    facts.uptime_ms = now;  // the loop's clock starts with the kiosk
    facts.starts = upkeep.starts;
    facts.exhibition_id = bundle.exhibition.id;
    facts.exhibition_version = bundle.exhibition.version;
    facts.exhibition_folder = bundle.root.string();
    facts.active_pack = pack_name_of(bundle.root, source);
    if (const auto fallback = upkeep.crash_guard.last_fallback(facts.active_pack)) {
        facts.crash_fallback = fallback->message;
        facts.crash_fallback_at = fallback->at;
    }
    facts.showing = showing;
    facts.screen_asleep = upkeep.asleep;
    facts.drawing = upkeep.drawing;
    facts.display_fallbacks = upkeep.fallbacks;
    facts.feedback_state = book.state();
    facts.feedback_database = book.database().string();
    facts.feedback_rows_saved = book.rows_saved();
    facts.feedback_problem = book.problem();
    facts.recent_problems = recent_problems();
    facts.kiosk_id = upkeep.kiosk_id;
    facts.venue = upkeep.venue;
    add_fleet_facts(upkeep, facts);
    std::string json = health_json(facts, upkeep.state_folder);
    if (upkeep.courier) {
        // Published at once when the exhibition changed, at closing time (the
        // screen falls asleep), once the kiosk has its id (its feedback can then
        // go), and when the inbox refused or installed a pack: what the
        // organisers most want to know.
        std::string published = facts.kiosk_id + ' ' + facts.exhibition_id + ' ' + facts.exhibition_version +
                                ' ' + facts.active_pack + (facts.screen_asleep ? " asleep" : "") + ' ' +
                                facts.fleet_pack_file + ' ' + std::to_string(facts.fleet_pack_at);
        const bool changed = published != upkeep.published_showing;
        upkeep.published_showing = std::move(published);
        upkeep.courier->offer_status(json, facts.kiosk_id, changed);
    }
    upkeep.health.publish(std::move(json), now);
}

// Nothing can be drawn (KioskWindow::open's `error`): the log, and the status
// file, where `amanat status` shows why this kiosk shows nothing (the writer
// thread finishes the file before `upkeep` is gone).
void report_no_display(Upkeep& upkeep, const Bundle& bundle, const std::string& error, Millis now) {
    log_problem(error);
    HealthFacts facts;
    facts.version = kVersion;
    facts.started_at = upkeep.started_at;
    facts.starts = upkeep.starts;
    facts.exhibition_id = bundle.exhibition.id;
    facts.exhibition_version = bundle.exhibition.version;
    facts.exhibition_folder = bundle.root.string();
    facts.showing = "nothing";
    facts.display_problem = error;
    facts.recent_problems = recent_problems();
    upkeep.health.publish(health_json(facts, upkeep.state_folder), now);
}

void log_problems(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.items()) {
        log_problem(std::string(severity_name(d.severity)) + ": " + d.file + ":" + std::to_string(d.line) +
                    ": " + d.message + " (fix: " + d.fix + ")");
    }
}

// The folder to show now: the source's, unless its installed pack keeps
// stopping the kiosk as it starts (pack/crash_loop_guard.hpp): then the pack
// before it, or, with none to go back to, nothing (`refused`: the out-of-order
// screen). Counts this start on the pack shown. Render thread only.
std::filesystem::path exhibition_to_show(const ExhibitionSource& source, Upkeep& upkeep, bool& refused,
                                         Millis now) {
    std::filesystem::path folder = source.current();
    refused = false;
    upkeep.shown_since = now;
    upkeep.start_settled = false;
    if (!source.packs_root()) return folder;
    if (const auto fallback =
            upkeep.crash_guard.starting(pack_name_of(folder, source), *source.packs_root())) {
        log_problem(fallback->message);
        refused = fallback->to.empty();
        if (refused) return folder;
        folder = source.current();
        upkeep.crash_guard.starting(pack_name_of(folder, source), *source.packs_root());
    }
    return folder;
}

// No exhibition: the out-of-order screen. Its root is `folder`, so that the
// kiosk does not switch back to that folder between visitors.
Bundle out_of_order(const std::filesystem::path& folder) {
    Bundle nothing;
    nothing.root = folder;
    return nothing;
}

#ifdef AMANAT_TEST_HOOKS
// A test hook: no real pack stops the kiosk any more (issue 19's were fixed),
// so tests/e2e/crash-loop names an exhibition version that does, to see the
// crash-loop guard work.
void stop_if_asked(const Bundle& bundle) {
    const char* version = std::getenv("AMANAT_TEST_ABORT_ON_VERSION");
    if (version != nullptr && bundle.exhibition.version == version) {
        std::fprintf(stderr, "amanat-kiosk: test hook: aborting on exhibition version %s\n", version);
        std::abort();
    }
}
#endif

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

// Runs the visitor screens of one exhibition in `window` until SIGTERM/SIGINT
// (Quit) or, between visitors, until `source` names another exhibition. With
// `soak` (a test hook), its synthetic visitors touch the screen, on its clock,
// and it says when to quit.
Ending show_exhibition(platform::KioskWindow& window, const Bundle& bundle, const ExhibitionSource& source,
                       const KioskOptions& options, const KioskConfig& config,
                       const TranslationCatalogs& catalogs, const std::function<Millis()>& clock,
                       Millis window_ready, Upkeep& upkeep, SoakDriver* soak) {
    std::string error;
    upkeep.health.publish_soon();  // a new exhibition (or screen) on show
    // Everything below is laid out for this size: fonts, cards, the film's area.
    const int laid_out_width = window.width();
    const int laid_out_height = window.height();
    const ScreenMetrics metrics =
        ScreenMetrics::measure(laid_out_width, laid_out_height, window.display_dpi(), config);
    // Fonts in two steps: the attract screen's few letters before the first frame,
    // every letter of the exhibition right after it (see ui::attract_text).
    const Millis fonts_started = clock();
    ui::Typeface typeface;
    if (!typeface.build_first(ui::attract_text(bundle, catalogs), config.text_size, metrics, error)) {
        log_problem(error);
        return Ending::Quit;
    }
    window.reload_fonts();
    const Millis fonts_ready = clock();
    bool fonts_complete = false;

    VisitorSession session(bundle, offered_languages(bundle.exhibition, config), config.text_size);
    const int idle_seconds = config.idle_timeout_seconds.value_or(bundle.exhibition.idle_timeout_seconds);
    IdleTimer idle(static_cast<Millis>(idle_seconds) * 1000, kCountdown);
    GestureSettings gesture_settings;
    gesture_settings.tap_slop = std::max(metrics.mm(4), 12.0f);
    gesture_settings.double_tap_slop = metrics.mm(10);
    gesture_settings.swipe_min_distance = metrics.mm(20);
    GestureRecognizer gestures(gesture_settings);
    PictureShelf pictures(bundle, window, metrics);
    MediaDesk media(
        bundle, window, config.volume_percent, options.audio,
        ui::film_area(ImVec2(static_cast<float>(window.width()), static_cast<float>(window.height())),
                      metrics));
    VisitorsBook book(bundle, config, window);
    StaffDesk staff(config, source, bundle, window, *upkeep.staff_tasks, metrics.mm(20), clock());
    const ui::Theme standard = ui::Theme::standard();
    const ui::Theme high_contrast = ui::Theme::high_contrast();
    ui::KioskUi screens;

    // AMANAT_LOG_TARGETS=1: log where the touch targets are once a layout settles.
    // The soak's visitors always need them.
    const char* log_targets_env = std::getenv("AMANAT_LOG_TARGETS");
    const bool log_targets = log_targets_env != nullptr && std::string(log_targets_env) == "1";
    const bool collect_targets = log_targets || soak != nullptr;
    FrameTimes* const frame_times = FrameTimes::from_environment();  // AMANAT_FRAME_TIMES=FILE, else null
    std::vector<ui::Frame::Target> targets;
    std::string logged_targets;
    // The targets are where a tap finds them while the frame that drew them
    // applied no action, nothing moved, and the screen is described the same.
    bool targets_settled = false;
    std::string targets_state;
#ifdef AMANAT_TEST_HOOKS
    if (soak != nullptr)
        soak->begin_exhibition(bundle, source, static_cast<Millis>(idle_seconds) * 1000, kCountdown);
#endif
    bool first_frame = window_ready >= 0;  // -1: not the kiosk's first exhibition, nothing to time
    Millis exhibition_checked = clock();
    std::string logged_state;
    bool logged_countdown = false;
    Millis wake_at = -1;
    while (true) {
        const Millis before = clock();
        // The loop wakes at least for the watchdog's pings and the status file.
        if (const Millis limit = upkeep.notifier.longest_wait(); limit >= 0)
            wake_at = wake_at < 0 ? before + limit : std::min(wake_at, before + limit);
        wake_at = wake_at < 0 ? upkeep.health.next_due() : std::min(wake_at, upkeep.health.next_due());
        int timeout = wake_at < 0 ? -1 : static_cast<int>(std::clamp<Millis>(wake_at - before, 0, 60'000));
        if (soak != nullptr) timeout = 0;  // virtual time: never wait for the real clock
        if (!window.wait(timeout)) {
            upkeep.notifier.stopping();
            return Ending::Quit;
        }
        if (window.width() != laid_out_width || window.height() != laid_out_height) {
            // Another screen, or the same at another resolution (a monitor
            // swapped or reconnected, cage's output changed): laid out anew.
            std::fprintf(stderr, "amanat-kiosk: the screen is now %dx%d (was %dx%d): laying it out anew\n",
                         window.width(), window.height(), laid_out_width, laid_out_height);
            return Ending::NewScreenSize;
        }
        if (frame_times != nullptr) frame_times->begin();
        const Millis now = clock();
        upkeep.notifier.alive(now);
        if (window.had_input()) idle.notice_input(now);
        std::vector<Gesture> recognised;
        for (const PointerEvent& event : window.take_pointer_events()) gestures.feed(event, recognised);
        pictures.receive();
        if (frame_times != nullptr) frame_times->lap(FrameTimes::Stage::Receive);

        bool woken_by_touch = false;
        // Outside opening hours the screen sleeps (black, nothing animated)
        // between visitors; a touch wakes it for a few minutes, for staff.
        if (config.opening_hours && session.screen() == Screen::Attract && !staff.showing()) {
            const LocalMoment moment = local_now();
            const bool closed = !screen_awake(*config.opening_hours, moment);
            if (closed && window.had_input() && upkeep.asleep) {
                upkeep.woken_until = now + kWokenByTouch;
                recognised.clear();  // the waking touch does not start a visit...
                gestures.reset();    // (its release comes next frame)
                woken_by_touch = true;
            }
            const bool asleep = closed && now >= upkeep.woken_until;
            if (asleep != upkeep.asleep) {
                upkeep.asleep = asleep;
                std::fprintf(stderr, "amanat-kiosk: display: %s\n",
                             asleep ? "sleeping outside opening hours" : "awake");
            }
            if (asleep) {
                window.begin_frame();
                window.draw_frame();  // black
                window.present_frame();
                const Millis change =
                    static_cast<Millis>(minutes_until_change(*config.opening_hours, moment)) * 60'000;
                wake_at = now + std::min<Millis>(change, 60'000);
                if (upkeep.health.due(now)) publish_health(upkeep, bundle, source, book, "asleep", now);
                continue;
            }
        } else {
            upkeep.asleep = false;
        }

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
#ifdef AMANAT_TEST_HOOKS
        // The synthetic visitor sees the session as the visitors' book has just
        // recorded it, and touches what the last frame drew.
        if (soak != nullptr) {
            const SoakFrame seen{session, targets_settled && targets_state == state ? &targets : nullptr,
                                 state, !config.feedback || !book.database().empty()};
            if (!soak->play(seen, window)) {
                upkeep.notifier.stopping();
                return Ending::Quit;  // every visitor played: stop as on SIGTERM
            }
        }
#endif

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
        if (window.draws_in_software()) frame.fade_step = 80;
        frame.input_enabled = !woken_by_touch;  // ...nor does the press reach a button
        targets.clear();
        if (collect_targets) frame.targets = &targets;
        screens.draw(frame, idle);
        const PixelShift shift =
            config.pixel_shift ? burn_in_shift(static_cast<std::int64_t>(std::time(nullptr))) : PixelShift{};
        if (frame_times != nullptr) frame_times->lap(FrameTimes::Stage::Build);
        window.draw_frame(shift.dx, shift.dy);
        if (frame_times != nullptr) frame_times->lap(FrameTimes::Stage::Paint);
        window.present_frame();
        if (frame_times != nullptr) {
            frame_times->lap(FrameTimes::Stage::Present);
            frame_times->end(pictures.texture_bytes());
        }
        if (!upkeep.ready_sent) {
            upkeep.ready_sent = true;
            upkeep.notifier.ready();  // the first frame is on screen
        }
        // The kiosk's id comes with its open feedback database: news for the fleet.
        // (Each exhibition opens the database again: the id stays known meanwhile.)
        if (!book.kiosk_id().empty() && book.kiosk_id() != upkeep.kiosk_id) {
            upkeep.kiosk_id = book.kiosk_id();
            upkeep.health.publish_soon();
        }
        if (upkeep.courier != nullptr && upkeep.courier->take_news()) upkeep.health.publish_soon();
        if (upkeep.health.due(now)) publish_health(upkeep, bundle, source, book, state, now);
        targets_settled = frame.actions.empty() && !frame.targets_moving;
        targets_state = state;
        // The title and the log say what the visitor sees, for staff and for the
        // end-to-end tests.
        if (state != logged_state) {
            logged_state = state;
            window.set_title("Amanat " + state);
            upkeep.notifier.status("showing " + state);
            std::fprintf(stderr, "amanat-kiosk: showing %s\n", state.c_str());
        }
        if (counting_down != logged_countdown) {
            logged_countdown = counting_down;
            if (counting_down)
                std::fprintf(stderr, "amanat-kiosk: idle: asking whether the visitor is still there\n");
        }
        if (log_targets && targets_settled) {
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

        for (const std::string& problem : frame.problems) log_problem(problem);
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
            std::fprintf(
                stderr,
                "amanat-kiosk: first frame shown after %lld ms (window %lld ms, %s renderer, fonts %lld ms; "
                "%dx%d, %.2f px/mm)\n",
                static_cast<long long>(clock()), static_cast<long long>(window_ready),
                window.renderer_name().c_str(), static_cast<long long>(fonts_ready - fonts_started),
                window.width(), window.height(), static_cast<double>(metrics.px_per_mm));
        }
        if (!fonts_complete) {
            // Before any input is handled: nobody sees a screen the first atlas lacks letters for.
            fonts_complete = true;
            const Millis started = clock();
            if (!typeface.build(ui::display_text(bundle, catalogs), metrics, error)) {
                log_problem(error);
                return Ending::Quit;
            }
            window.reload_fonts();
            screens = ui::KioskUi{};  // nothing laid out with the first atlas's fonts is kept
            std::fprintf(stderr,
                         "amanat-kiosk: fonts for every screen ready after the first frame, in %lld ms\n",
                         static_cast<long long>(clock() - started));
            media.start_player();
            window.claim_full_screen();
        }
    }
}

}  // namespace

int run_kiosk(const KioskOptions& options, const ExhibitionSource& source, const KioskConfig& config,
              const TranslationCatalogs& catalogs, const ScriptLanguages& scripts) {
    const auto started = std::chrono::steady_clock::now();
    std::function<Millis()> clock = [started] {
        return static_cast<Millis>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                .count());
    };
    SoakDriver* soak = nullptr;
#ifdef AMANAT_TEST_HOOKS
    // --soak: synthetic visitors, on a virtual clock they advance.
    std::unique_ptr<SoakDriver> soak_driver;
    if (options.soak_sessions > 0) {
        soak_driver = std::make_unique<SoakDriver>(
            SoakSettings{options.soak_sessions, options.soak_report, options.soak_seed});
        soak = soak_driver.get();
        clock = [soak] { return soak->now(); };
    }
#endif
    // The bundle is read before the window opens: a broken one is reported
    // first in the log, and the window's start-up is measured on its own.
    const std::filesystem::path state_folder = default_state_folder();
    Upkeep upkeep{ServiceNotifier{}, HealthReport(state_folder / "status.json"), record_start(state_folder),
                  static_cast<long long>(std::time(nullptr)), state_folder};
    bool refused = false;
    std::filesystem::path folder = exhibition_to_show(source, upkeep, refused, clock());
    Bundle bundle = refused ? out_of_order(folder) : load_exhibition(folder, scripts, config);
#ifdef AMANAT_TEST_HOOKS
    stop_if_asked(bundle);  // tests/e2e/crash-loop: a pack that stops the kiosk as it starts
#endif

    platform::WindowOptions window_options;
    window_options.fullscreen = options.fullscreen;
    window_options.locked = options.fullscreen;  // a development window closes as usual
    window_options.renderer = config.renderer;
    if (!options.fullscreen) {
        window_options.width = options.width;
        window_options.height = options.height;
    }
    std::string error;
    auto window = platform::KioskWindow::open(window_options, error);
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
#ifdef AMANAT_TEST_HOOKS
    if (soak != nullptr) window->use_clock(clock);  // touches stamped on the soak's clock
#endif
    Millis window_ready = clock();
    for (;;) {
        switch (show_exhibition(*window, bundle, source, options, config, catalogs, clock, window_ready,
                                upkeep, soak)) {
            case Ending::Quit:
                upkeep.crash_guard.settled();  // stopped, not crashed
                std::fprintf(stderr, "amanat-kiosk: stopping\n");
#ifdef AMANAT_TEST_HOOKS
                // The exhibition's feedback store is closed, everything written: report.
                if (soak != nullptr) return soak->finish() ? 0 : 1;
#endif
                return 0;
            case Ending::Restart:
                upkeep.crash_guard.settled();
                std::fprintf(stderr, "amanat-kiosk: restarting, as staff asked\n");
                return kRestartKiosk;
            case Ending::NewScreenSize:
                window_ready = -1;
                continue;  // the same exhibition, from its attract screen
            case Ending::NewExhibition:
                break;
        }
        window_ready = -1;  // only the first start-up is timed
        folder = exhibition_to_show(source, upkeep, refused, clock());
        bundle = refused ? out_of_order(folder) : load_exhibition(folder, scripts, config);
        // The last exhibition's pictures, fonts and player are freed: give the
        // memory back rather than let glibc keep it in its arenas, where it
        // piled up by tens of MB a switch (the soak, BENCHMARKS.md).
        malloc_trim(0);
        std::fprintf(stderr, "amanat-kiosk: now showing the exhibition in %s\n", folder.c_str());
    }
}

}  // namespace amanat
