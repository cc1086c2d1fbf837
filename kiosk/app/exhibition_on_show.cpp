#include "app/exhibition_on_show.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/fleet_courier.hpp"
#include "app/media_desk.hpp"
#include "app/picture_shelf.hpp"
#include "app/problem_log.hpp"
#include "app/speech_mode.hpp"
#include "app/staff_desk.hpp"
#include "app/visitors_book.hpp"
#include "core/settings/screen_care.hpp"
#include "core/visit/gesture.hpp"
#include "core/visit/idle_timer.hpp"
#include "core/visit/screen_metrics.hpp"
#include "core/visit/visitor_session.hpp"
#include "ui/display_text.hpp"
#include "ui/kiosk_ui.hpp"
#include "ui/media_controls.hpp"
#include "ui/theme.hpp"
#include "ui/typeface.hpp"

namespace amanat {

namespace {

// "Are you still there?" shows this long before the visit is reset.
constexpr Millis kCountdown = 10'000;

// How often, at most, the attract screen asks whether staff activated another
// pack (a readlink): often enough to follow an install within seconds.
constexpr Millis kExhibitionCheck = 5'000;

// How long the screen stays awake after a touch outside opening hours: staff
// at work before opening.
constexpr Millis kWokenByTouch = 5 * 60'000;

// The earliest deadline: the loop's wake-up time is the earliest of what each
// part asks for. Deadlines are on the kiosk's clock; a negative one is none.
Millis earliest(Millis deadline, Millis other) {
    if (deadline < 0) return other;
    if (other < 0) return deadline;
    return std::min(deadline, other);
}

LocalMoment local_now() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_wday, local.tm_hour * 60 + local.tm_min};
}

GestureSettings gesture_settings(const ScreenMetrics& metrics) {
    GestureSettings settings;
    settings.tap_slop = std::max(metrics.mm(4), 12.0f);
    settings.double_tap_slop = metrics.mm(10);
    settings.swipe_min_distance = metrics.mm(20);
    return settings;
}

// AMANAT_LOG_TARGETS=1: log where the touch targets are once a layout settles.
bool asked_to_log_targets() {
    const char* log_targets = std::getenv("AMANAT_LOG_TARGETS");
    return log_targets != nullptr && std::string(log_targets) == "1";
}

// The screen an exhibition is laid out for: everything is, from its fonts to
// its cards and the film's area.
struct LaidOut {
    int width = 0;
    int height = 0;
    ScreenMetrics metrics;
};

// Where the kiosk's start-up went, for the first frame's line in the log.
struct StartUp {
    Millis window_ready = -1;  // -1: not the kiosk's first exhibition, nothing to time
    Millis first_fonts = 0;    // the attract screen's atlas, ms
};

// Whether the screen sleeps this frame (outside opening hours, between visitors).
enum class Rest { Awake, WokenByTouch, Asleep };

// One exhibition on show: its visitor screens, drawn frame by frame in the
// showroom's window until one of the endings. Each turn of the loop waits for a
// reason to draw (input, a wake-up, a deadline), lets the screen sleep outside
// opening hours, routes touches to staff mode, resets the visit when idle,
// follows a newly activated pack between visitors, then draws the frame and
// applies what the visitor asked for. Render thread only.
class ExhibitionOnShow {
  public:
    ExhibitionOnShow(const Showroom& room, const Bundle& bundle, const LaidOut& laid_out,
                     ui::Typeface& typeface, StartUp start_up);
    Ending run();

  private:
    std::optional<Ending> turn();
    std::optional<Ending> wait_for_a_reason_to_draw();
    std::vector<Gesture> recognise_gestures();
    Rest rest_outside_opening_hours(std::vector<Gesture>& recognised, Millis now);
    void draw_sleeping_screen(const LocalMoment& moment, Millis now);
    void route_to_staff(std::vector<Gesture>& recognised, Millis now);
    void reset_when_idle(std::vector<Gesture>& recognised, Millis now);
    bool another_exhibition_is_active(Millis now);
    void look_for_packs_now(Millis now);
    std::optional<Ending> show_frame(std::vector<Gesture> recognised, bool input_enabled, Millis now);
    ui::Frame frame_for(std::vector<Gesture> recognised, ui::MediaView media,
                        const ui::FeedbackView& feedback, bool input_enabled, Millis now);
    void draw(ui::Frame& frame);
    void look_after(const std::string& state, Millis now);
    void tell_what_is_shown(const std::string& state, bool counting_down);
    void log_settled_targets();
    std::optional<Ending> apply(const ui::Frame& frame, Millis now);
    void plan_wake_up(const ui::Frame& frame, Millis now);
    void log_first_frame();
    bool complete_fonts();

    const Showroom m_room;
    const Bundle& m_bundle;
    const LaidOut m_laid_out;
    ui::Typeface& m_typeface;
    const StartUp m_start_up;
    const int m_idle_seconds;

    VisitorSession m_session;
    IdleTimer m_idle;
    GestureRecognizer m_gestures;
    PictureShelf m_pictures;
    MediaDesk m_media;
    VisitorsBook m_book;
    StaffDesk m_staff;
    SpeechMode m_speech;
    const ui::Theme m_standard = ui::Theme::standard();
    const ui::Theme m_high_contrast = ui::Theme::high_contrast();
    ui::KioskUi m_screens;

    // Where the last frame drew its touch targets, for AMANAT_LOG_TARGETS and
    // for observers that want them (the soak's visitors). They are where a tap
    // finds them while the frame that drew them applied no action, nothing moved,
    // and the screen is described the same.
    const bool m_log_targets = asked_to_log_targets();
    const bool m_collect_targets;
    std::vector<ui::Frame::Target> m_targets;
    bool m_targets_settled = false;
    std::string m_targets_state;
    std::string m_logged_targets;

    bool m_first_frame;
    bool m_fonts_complete = false;  // the atlas of every letter, built after the first frame
    Millis m_exhibition_checked;    // when the source was last asked for another exhibition
    std::string m_logged_state;
    bool m_logged_countdown = false;
    Millis m_wake_at = -1;  // when the next frame is owed without input (-1: only on input)
};

ExhibitionOnShow::ExhibitionOnShow(const Showroom& room, const Bundle& bundle, const LaidOut& laid_out,
                                   ui::Typeface& typeface, StartUp start_up)
    : m_room(room),
      m_bundle(bundle),
      m_laid_out(laid_out),
      m_typeface(typeface),
      m_start_up(start_up),
      m_idle_seconds(room.config.idle_timeout_seconds.value_or(bundle.exhibition.idle_timeout_seconds)),
      m_session(bundle, offered_languages(bundle.exhibition, room.config), room.config.text_size),
      m_idle(static_cast<Millis>(m_idle_seconds) * 1000, kCountdown),
      m_gestures(gesture_settings(m_laid_out.metrics)),
      m_pictures(bundle, room.window, m_laid_out.metrics),
      m_media(bundle, room.window, room.config.volume_percent, room.options.audio,
              ui::film_area(
                  ImVec2(static_cast<float>(room.window.width()), static_cast<float>(room.window.height())),
                  m_laid_out.metrics)),
      m_book(bundle, room.config, room.window),
      m_staff(room.config, room.source, bundle, room.window, *room.upkeep.staff_tasks,
              m_laid_out.metrics.mm(20), room.clock()),
      m_speech(room.voice, bundle, room.config),
      m_collect_targets(m_log_targets || room.observer.wants_targets()),
      m_first_frame(start_up.window_ready >= 0),
      m_exhibition_checked(room.clock()) {}

Ending ExhibitionOnShow::run() {
    m_room.observer.exhibition_shown(m_bundle, m_room.source, static_cast<Millis>(m_idle_seconds) * 1000,
                                     kCountdown);
    for (;;) {
        if (const std::optional<Ending> ending = turn()) return *ending;
    }
}

// One frame: what happened since the last, then the frame drawn (unless the
// screen sleeps) and what the visitor asked for applied.
std::optional<Ending> ExhibitionOnShow::turn() {
    if (const std::optional<Ending> ending = wait_for_a_reason_to_draw()) return ending;
    m_room.observer.frame_began();
    const Millis now = m_room.clock();
    m_room.upkeep.notifier.alive(now);
    if (m_room.window.had_input()) m_idle.notice_input(now);
    m_speech.hear_keys(m_room.window.take_key_presses());
    // Speech mode gives the visitor more time, and a story read aloud is not idleness.
    const int speech_multiplier = m_session.speech_mode() ? m_room.config.speech.idle_multiplier : 1;
    m_idle.set_idle_after(static_cast<Millis>(m_idle_seconds) * 1000 * speech_multiplier);
    if (m_speech.speaking()) m_idle.notice_input(now);
    std::vector<Gesture> recognised = recognise_gestures();
    m_pictures.receive();
    m_room.observer.stage_done(FrameStage::Receive);

    const Rest rest = rest_outside_opening_hours(recognised, now);
    if (rest == Rest::Asleep) return std::nullopt;
    route_to_staff(recognised, now);
    reset_when_idle(recognised, now);
    if (another_exhibition_is_active(now)) return Ending::NewExhibition;
    // While something plays the visitor is listening or watching: the idle
    // countdown starts only once it has ended (or been paused).
    if (m_media.busy()) m_idle.touch(now);
    // The touch that woke the screen does not reach a button either.
    return show_frame(std::move(recognised), rest != Rest::WokenByTouch, now);
}

// Blocks until input, a wake-up from another thread, or the earliest deadline:
// the frame's own (m_wake_at), the watchdog's pings, the status file's minute.
std::optional<Ending> ExhibitionOnShow::wait_for_a_reason_to_draw() {
    const Millis before = m_room.clock();
    if (const Millis limit = m_room.upkeep.notifier.longest_wait(); limit >= 0)
        m_wake_at = earliest(m_wake_at, before + limit);
    m_wake_at = earliest(m_wake_at, m_room.upkeep.health.next_due());
    int timeout = m_wake_at < 0 ? -1 : static_cast<int>(std::clamp<Millis>(m_wake_at - before, 0, 60'000));
    if (m_room.observer.keeps_time()) timeout = 0;  // virtual time: never wait for the real clock
    if (!m_room.window.wait(timeout)) {
        m_room.upkeep.notifier.stopping();
        return Ending::Quit;
    }
    const int width = m_room.window.width();
    const int height = m_room.window.height();
    if (width == m_laid_out.width && height == m_laid_out.height) return std::nullopt;
    // Another screen, or the same at another resolution (a monitor swapped or
    // reconnected, cage's output changed): laid out anew.
    std::fprintf(stderr, "amanat-kiosk: the screen is now %dx%d (was %dx%d): laying it out anew\n", width,
                 height, m_laid_out.width, m_laid_out.height);
    return Ending::NewScreenSize;
}

std::vector<Gesture> ExhibitionOnShow::recognise_gestures() {
    std::vector<Gesture> recognised;
    for (const PointerEvent& event : m_room.window.take_pointer_events()) m_gestures.feed(event, recognised);
    return recognised;
}

// Outside opening hours the screen sleeps (black, nothing animated) between
// visitors; a touch wakes it for a few minutes, for staff. The waking touch
// does not start a visit.
Rest ExhibitionOnShow::rest_outside_opening_hours(std::vector<Gesture>& recognised, Millis now) {
    Upkeep& upkeep = m_room.upkeep;
    const auto& hours = m_room.config.opening_hours;
    if (!hours || m_session.screen() != Screen::Attract || m_staff.showing()) {
        upkeep.asleep = false;
        return Rest::Awake;
    }
    const LocalMoment moment = local_now();
    const bool closed = !screen_awake(*hours, moment);
    Rest rest = Rest::Awake;
    if (closed && m_room.window.had_input() && upkeep.asleep) {
        upkeep.woken_until = now + kWokenByTouch;
        recognised.clear();
        m_gestures.reset();  // (its release comes next frame)
        rest = Rest::WokenByTouch;
    }
    const bool asleep = closed && now >= upkeep.woken_until;
    if (asleep != upkeep.asleep) {
        upkeep.asleep = asleep;
        std::fprintf(stderr, "amanat-kiosk: display: %s\n",
                     asleep ? "sleeping outside opening hours" : "awake");
    }
    if (!asleep) return rest;
    draw_sleeping_screen(moment, now);
    return Rest::Asleep;
}

// A black frame; the next when the opening hours change, or in a minute.
void ExhibitionOnShow::draw_sleeping_screen(const LocalMoment& moment, Millis now) {
    m_room.window.begin_frame();
    m_room.window.draw_frame();
    m_room.window.present_frame();
    const Millis change =
        static_cast<Millis>(minutes_until_change(*m_room.config.opening_hours, moment)) * 60'000;
    m_wake_at = now + std::min<Millis>(change, 60'000);
    if (m_room.upkeep.health.due(now))
        publish_health(m_room.upkeep, m_bundle, m_room.source, m_book, "asleep", now);
}

// Staff mode: the hidden corner gesture opens the PIN pad over a kiosk made
// fresh (a visitor who opened it by chance loses their place, never their
// privacy); while it shows, the visitors' screens neither draw nor listen.
void ExhibitionOnShow::route_to_staff(std::vector<Gesture>& recognised, Millis now) {
    const float width = static_cast<float>(m_room.window.width());
    const float height = static_cast<float>(m_room.window.height());
    if (m_staff.showing()) {
        if (m_room.window.had_input()) m_staff.touch(recognised, width, height, now);
    } else if (m_staff.watch_corner(recognised, width, height, now)) {
        m_session.reset(VisitEnd::Idle);
        m_media.follow(m_session, {});
        recognised.clear();
    }
    if (m_staff.update(m_book, now) == StaffDesk::Request::Closed) look_for_packs_now(now);
}

void ExhibitionOnShow::reset_when_idle(std::vector<Gesture>& recognised, Millis now) {
    if (m_session.screen() == Screen::Attract || m_idle.phase(now) != IdleTimer::Phase::Expired) return;
    std::fprintf(stderr, "amanat-kiosk: no touch for %lld s: resetting for the next visitor\n",
                 static_cast<long long>((m_idle.idle_after() + kCountdown) / 1000));
    m_session.reset(VisitEnd::Idle);
    m_gestures.reset();
    recognised.clear();
    m_media.follow(m_session, {});  // an idle reset stops everything
}

// Between visitors (the attract screen, or the out-of-order one), follow a pack
// staff have just activated: at most every kExhibitionCheck.
bool ExhibitionOnShow::another_exhibition_is_active(Millis now) {
    if (m_session.screen() != Screen::Attract || m_staff.showing() ||
        now - m_exhibition_checked < kExhibitionCheck)
        return false;
    m_exhibition_checked = now;
    const std::filesystem::path next = m_room.source.current();
    if (next == m_bundle.root) return false;
    std::fprintf(stderr, "amanat-kiosk: another exhibition is active: %s; switching between visitors\n",
                 next.c_str());
    return true;
}

// Staff mode closed, perhaps after installing a pack: show it now.
void ExhibitionOnShow::look_for_packs_now(Millis now) {
    m_exhibition_checked = now - kExhibitionCheck;
}

// The frame drawn and presented, what it shows told, what it asked for applied.
std::optional<Ending> ExhibitionOnShow::show_frame(std::vector<Gesture> recognised, bool input_enabled,
                                                   Millis now) {
    // What this frame shows, logged once it is on screen: the end-to-end tests
    // wait for these lines before taking a screenshot.
    const bool counting_down =
        m_session.screen() != Screen::Attract && m_idle.phase(now) == IdleTimer::Phase::CountingDown;
    if (counting_down && m_room.config.feedback) m_session.invite_to_survey();
    // The visit so far (the session as last frame's actions left it, and what
    // plays for it) goes to the visitors' book before this frame is drawn.
    ui::MediaView media = m_media.view(now);
    m_book.observe(
        m_session,
        PlaybackProgress{media.position, media.length, media.status == ui::MediaView::Status::Ended}, now,
        m_idle.last_activity());
    const ui::FeedbackView feedback = m_book.view(now);
    const std::string state =
        ui::KioskUi::describe(m_session, m_bundle, counting_down, feedback, now, &m_staff.view());
    const bool targets_current = m_targets_settled && m_targets_state == state;
    const LoopFrame seen{m_session, targets_current ? &m_targets : nullptr, state,
                         !m_room.config.feedback || !m_book.database().empty()};
    if (!m_room.observer.before_drawing(seen)) {
        m_room.upkeep.notifier.stopping();
        return Ending::Quit;  // stop as on SIGTERM
    }
    m_room.window.keep_touches_from_buttons(!m_speech.touches_reach_buttons(m_session));
    m_room.window.begin_frame();
    ui::Frame frame = frame_for(std::move(recognised), std::move(media), feedback, input_enabled, now);
    m_speech.prepare(frame, counting_down);
    draw(frame);
    m_speech.follow(frame, counting_down);
    look_after(state, now);
    m_targets_settled = frame.actions.empty() && !frame.targets_moving;
    m_targets_state = state;
    tell_what_is_shown(state, counting_down);
    if (const std::optional<Ending> ending = apply(frame, now)) return ending;
    plan_wake_up(frame, now);
    if (m_first_frame) log_first_frame();
    if (!complete_fonts()) return Ending::Quit;
    return std::nullopt;
}

// Everything the screens read to draw this frame.
ui::Frame ExhibitionOnShow::frame_for(std::vector<Gesture> recognised, ui::MediaView media,
                                      const ui::FeedbackView& feedback, bool input_enabled, Millis now) {
    ui::Frame frame{
        .bundle = m_bundle,
        .session = m_session,
        .catalogs = m_room.catalogs,
        .phrases = m_room.catalogs.phrasebook(m_session.language()),
        .fonts = m_typeface.at(m_session.text_size()),
        .typeface = m_typeface,
        .theme = m_session.high_contrast() ? m_high_contrast : m_standard,
        .metrics = m_laid_out.metrics,
        .pictures = m_pictures,
        .now = now,
        .gestures = std::move(recognised),
        .input_enabled = input_enabled,
        .media = std::move(media),
        .feedback = feedback,
        .staff = &m_staff.view(),
    };
    // Slower cross-fades when each step is blended by the CPU.
    if (m_room.window.draws_in_software()) frame.fade_step = 80;
    return frame;
}

// The screens draw the frame; the window paints and presents it, moved by the
// burn-in shift. The observers hear where its time went.
void ExhibitionOnShow::draw(ui::Frame& frame) {
    m_targets.clear();
    if (m_collect_targets) frame.targets = &m_targets;
    m_screens.draw(frame, m_idle);
    const PixelShift shift = m_room.config.pixel_shift
                                 ? burn_in_shift(static_cast<std::int64_t>(std::time(nullptr)))
                                 : PixelShift{};
    m_room.observer.stage_done(FrameStage::Build);
    m_room.window.draw_frame(shift.dx, shift.dy);
    m_room.observer.stage_done(FrameStage::Paint);
    m_room.window.present_frame();
    m_room.observer.stage_done(FrameStage::Present);
    m_room.observer.frame_shown(m_pictures.texture_bytes());
}

// systemd hears that the first frame is on screen; the status file, and the
// fleet, what changed.
void ExhibitionOnShow::look_after(const std::string& state, Millis now) {
    Upkeep& upkeep = m_room.upkeep;
    if (!upkeep.ready_sent) {
        upkeep.ready_sent = true;
        upkeep.notifier.ready();
    }
    // The kiosk's id comes with its open feedback database: news for the fleet.
    // (Each exhibition opens the database again: the id stays known meanwhile.)
    if (!m_book.kiosk_id().empty() && m_book.kiosk_id() != upkeep.kiosk_id) {
        upkeep.kiosk_id = m_book.kiosk_id();
        upkeep.health.publish_soon();
    }
    if (upkeep.courier != nullptr && upkeep.courier->take_news()) upkeep.health.publish_soon();
    if (upkeep.health.due(now)) publish_health(upkeep, m_bundle, m_room.source, m_book, state, now);
}

// The title and the log say what the visitor sees, for staff and for the
// end-to-end tests.
void ExhibitionOnShow::tell_what_is_shown(const std::string& state, bool counting_down) {
    if (state != m_logged_state) {
        m_logged_state = state;
        m_room.window.set_title(std::string("Amanat ") + state);
        m_room.upkeep.notifier.status(std::string("showing ") + state);
        std::fprintf(stderr, "amanat-kiosk: showing %s\n", state.c_str());
    }
    if (counting_down != m_logged_countdown) {
        m_logged_countdown = counting_down;
        if (counting_down)
            std::fprintf(stderr, "amanat-kiosk: idle: asking whether the visitor is still there\n");
    }
    if (m_log_targets && m_targets_settled) log_settled_targets();
}

// "targets ID@X,Y ...", the centre of each, when they changed.
void ExhibitionOnShow::log_settled_targets() {
    std::string line;
    for (const auto& t : m_targets) {
        line += ' ';
        line += t.id;
        line += '@';
        line += std::to_string(static_cast<int>((t.min.x + t.max.x) / 2));
        line += ',';
        line += std::to_string(static_cast<int>((t.min.y + t.max.y) / 2));
    }
    if (line == m_logged_targets) return;
    m_logged_targets = line;
    std::fprintf(stderr, "amanat-kiosk: targets%s\n", line.c_str());
}

// What the frame asked for: the visitor's actions to the session and the
// player, staff's to the staff desk.
std::optional<Ending> ExhibitionOnShow::apply(const ui::Frame& frame, Millis now) {
    for (const std::string& problem : frame.problems) log_problem(problem);
    for (const VisitorAction& action : frame.actions) m_session.apply(action);
    // In staff mode the player is staff's (the test sound); it follows the
    // visitor again once staff mode closes.
    if (!m_staff.showing()) m_media.follow(m_session, frame.actions);
    if (!frame.actions.empty()) m_idle.touch(now);
    switch (m_staff.handle(frame.staff_actions, m_media, m_book, now)) {
        case StaffDesk::Request::Restart:
            return Ending::Restart;
        case StaffDesk::Request::Closed:
            look_for_packs_now(now);
            break;
        default:
            break;
    }
    return std::nullopt;
}

// The next frame without input: at once after an action, else the earliest
// that the screens, staff mode, the player and the pack check ask for.
void ExhibitionOnShow::plan_wake_up(const ui::Frame& frame, Millis now) {
    const bool acted = !frame.actions.empty() || !frame.staff_actions.empty();
    m_wake_at = acted ? now : frame.wake_at;
    if (m_staff.showing()) m_wake_at = earliest(m_wake_at, m_staff.next_deadline(now));
    m_wake_at = earliest(m_wake_at, m_media.next_redraw(now));
    // A still attract (or out-of-order) screen still looks for new packs.
    if (m_session.screen() == Screen::Attract && m_room.source.packs_root())
        m_wake_at = earliest(m_wake_at, m_exhibition_checked + kExhibitionCheck);
}

// Where start-up time goes, for staff comparing kiosk PCs and for BENCHMARKS.md.
void ExhibitionOnShow::log_first_frame() {
    m_first_frame = false;
    std::fprintf(stderr,
                 "amanat-kiosk: first frame shown after %lld ms (window %lld ms, %s renderer, fonts %lld ms; "
                 "%dx%d, %.2f px/mm)\n",
                 static_cast<long long>(m_room.clock()), static_cast<long long>(m_start_up.window_ready),
                 m_room.window.renderer_name().c_str(), static_cast<long long>(m_start_up.first_fonts),
                 m_room.window.width(), m_room.window.height(),
                 static_cast<double>(m_laid_out.metrics.px_per_mm));
}

// After the first frame, before any input is handled (nobody sees a screen the
// first atlas lacks letters for): every letter of the exhibition, then the
// player and the full screen. False when the fonts cannot be built.
bool ExhibitionOnShow::complete_fonts() {
    if (m_fonts_complete) return true;
    m_fonts_complete = true;
    const Millis started = m_room.clock();
    std::string error;
    if (!m_typeface.build(ui::display_text(m_bundle, m_room.catalogs), m_laid_out.metrics, error)) {
        log_problem(error);
        return false;
    }
    m_room.window.reload_fonts();
    m_screens = ui::KioskUi{};  // nothing laid out with the first atlas's fonts is kept
    std::fprintf(stderr, "amanat-kiosk: fonts for every screen ready after the first frame, in %lld ms\n",
                 static_cast<long long>(m_room.clock() - started));
    m_media.start_player();
    m_room.window.claim_full_screen();
    return true;
}

}  // namespace

Ending show_exhibition(const Showroom& room, const Bundle& bundle, Millis window_ready) {
    room.upkeep.health.publish_soon();  // a new exhibition (or screen) on show
    LaidOut laid_out{room.window.width(), room.window.height(), {}};
    laid_out.metrics =
        ScreenMetrics::measure(laid_out.width, laid_out.height, room.window.display_dpi(), room.config);
    // Fonts in two steps: the attract screen's few letters before the first frame,
    // every letter of the exhibition right after it (see ui::attract_text).
    const Millis fonts_started = room.clock();
    ui::Typeface typeface;
    std::string error;
    if (!typeface.build_first(ui::attract_text(bundle, room.catalogs), room.config.text_size,
                              laid_out.metrics, error)) {
        log_problem(error);
        return Ending::Quit;
    }
    room.window.reload_fonts();
    const StartUp start_up{window_ready, room.clock() - fonts_started};
    ExhibitionOnShow show(room, bundle, laid_out, typeface, start_up);
    return show.run();
}

}  // namespace amanat
