#include "app/test_hooks/soak_driver.hpp"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>

#include "core/files/json_record.hpp"
#include "pack/packs.hpp"

namespace amanat {
namespace {

using Target = ui::Frame::Target;
using Touch = platform::SyntheticTouch;

// Virtual time per frame: a 60 Hz display.
constexpr Millis kFrame = 16;
// Frames in a row without settled targets before the driver calls it a
// problem (16 s of virtual time; a fling settles in about 2), and before it
// gives up on the kiosk altogether.
constexpr long long kPatience = 1000;
constexpr long long kGiveUp = 10 * kPatience;
// Frames to wait for a visit to end after "Finish my visit" or walking away.
constexpr long long kLeavingPatience = 300;
// How long the kiosk may take to show the other pack, in virtual time: it looks
// every 5 s while the attract screen shows.
constexpr Millis kSwitchPatience = 60'000;
// Frames on the attract screen over which the open files and threads are
// counted at the start and at the end, keeping the lowest count: other threads
// open a file or start a thread for a moment now and then (the status file's
// writer, once a minute of virtual time), which is not what a leak looks like.
// A leaked descriptor or thread is there in every one of those frames.
constexpr int kCensusFrames = 30;

void log(const std::string& line) {
    std::fprintf(stderr, "amanat-kiosk: soak: %s\n", line.c_str());
}

int entries_in(const char* folder) {
    std::error_code ec;
    int count = 0;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) ++count;
    return count;
}

ProcessSample sample_process() {
    ProcessSample sample;
    if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
        long long size = 0;
        long long resident = 0;
        if (std::fscanf(statm, "%lld %lld", &size, &resident) == 2)
            sample.rss_kib = resident * static_cast<long long>(sysconf(_SC_PAGESIZE)) / 1024;
        std::fclose(statm);
    }
    // What malloc has handed out and not had back (glibc): what grows with a leak,
    // where RSS also grows with fragmentation and with memory not malloc's.
    const struct mallinfo2 heap = mallinfo2();
    sample.heap_kib = static_cast<long long>((heap.uordblks + heap.hblkhd) / 1024);
    sample.heap_held_kib = static_cast<long long>((heap.arena + heap.hblkhd) / 1024);
    // Listing a folder opens it: that descriptor is the listing's, not the kiosk's.
    sample.open_files = entries_in("/proc/self/fd") - 1;
    sample.threads = entries_in("/proc/self/task");
    return sample;
}

// What each open file descriptor names (a path, "socket:[...]", "pipe:[...]").
std::vector<std::string> open_file_names() {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
         it.increment(ec)) {
        std::error_code unreadable;
        const auto target = std::filesystem::read_symlink(it->path(), unreadable);
        if (target.filename() == "fd" && target.parent_path().parent_path() == "/proc")
            continue;  // the listing
        names.push_back(it->path().filename().string() + " " + (unreadable ? "?" : target.string()));
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string describe(const ProcessSample& sample) {
    return "RSS " + std::to_string(sample.rss_kib / 1024) + " MiB (malloc'd " +
           std::to_string(sample.heap_kib / 1024) + " MiB of " + std::to_string(sample.heap_held_kib / 1024) +
           " MiB malloc holds), " + std::to_string(sample.open_files) + " open files, " +
           std::to_string(sample.threads) + " threads";
}

// How likely a visitor is to touch each kind of target, relative to the
// others: the walk leans towards what moves a visit on (the survey's buttons)
// and what exercises the player, as a curious visitor would. The attract screen
// and "Finish my visit" are the visit's start and end, chosen rather than
// stumbled on.
int weight_of(const std::string& id) {
    if (id == "attract" || id == "survey-finish-visit") return 0;
    if (id == "survey-next" || id == "survey-skip") return 4;
    if (id == "gallery-survey" || id == "narration-play" || id.starts_with("film-")) return 3;
    if (id.starts_with("survey-option-") || id.starts_with("survey-rating-") || id.starts_with("artifact-") ||
        id == "language-menu-close")
        return 2;
    return 1;
}

float toolbar_bottom(const std::vector<Target>& targets) {
    float bottom = 0;
    for (const Target& t : targets) {
        if (t.id.starts_with("toolbar-")) bottom = std::max(bottom, t.max.y);
    }
    return bottom;
}

// The artifact's picture, from the targets around it (it is not a target
// itself): between the toolbar and the first row under it (narration, films,
// previous/next), as wide as previous..next. Its middle only, clear of the
// caption and the dots.
bool picture_area(const std::vector<Target>& targets, ImVec2& min, ImVec2& max) {
    const Target* previous = nullptr;
    const Target* next = nullptr;
    for (const Target& t : targets) {
        if (t.id == "artifact-previous") previous = &t;
        if (t.id == "artifact-next") next = &t;
    }
    if (previous == nullptr || next == nullptr) return false;
    const float left = previous->min.x;
    const float right = next->max.x;
    const float top = toolbar_bottom(targets);
    float bottom = previous->min.y;
    for (const Target& t : targets) {
        const float centre = (t.min.x + t.max.x) * 0.5f;
        if (!t.id.starts_with("toolbar-") && centre > left && centre < right && t.min.y > top)
            bottom = std::min(bottom, t.min.y);
    }
    const float w = right - left;
    const float h = bottom - top;
    if (w < 100 || h < 100) return false;
    min = ImVec2(left + w * 0.2f, top + h * 0.2f);
    max = ImVec2(right - w * 0.2f, bottom - h * 0.3f);
    return true;
}

}  // namespace

SoakDriver::SoakDriver(SoakSettings settings) : m_settings(std::move(settings)), m_random(m_settings.seed) {
    // A pack switch every 1,000 visitors; a shorter run switches three times
    // (or twice: never after its last visitor), so the short test sees it too.
    m_pack_every = m_settings.sessions >= 3000 ? 1000 : std::max(1, m_settings.sessions / 3);
    // AMANAT_SOAK_PACK_EVERY=N: switch every N visitors instead, to look for what
    // a switch leaves behind.
    if (const char* every = std::getenv("AMANAT_SOAK_PACK_EVERY"); every != nullptr && std::atoi(every) > 0)
        m_pack_every = std::atoi(every);
    m_warm_after = std::max(1, m_settings.sessions / 10);
    // AMANAT_SOAK_TRACE=1: every synthetic touch in the log, for a soak that found something.
    const char* trace = std::getenv("AMANAT_SOAK_TRACE");
    m_trace = trace != nullptr && std::string(trace) == "1";
    log("playing " + std::to_string(m_settings.sessions) + " visitors (seed " +
        std::to_string(m_settings.seed) + "), switching packs every " + std::to_string(m_pack_every));
}

void SoakDriver::window_opened(platform::KioskWindow& window) {
    m_window = &window;
    window.use_clock([this] { return m_now; });  // touches stamped on the soak's clock
}

void SoakDriver::exhibition_shown(const Bundle& bundle, const ExhibitionSource& source, Millis idle_after,
                                  Millis countdown) {
    const bool first = m_bundle == nullptr;
    m_bundle = &bundle;
    m_packs_root = source.packs_root();
    m_idle_after = idle_after;
    m_countdown = countdown;
    // A new VisitorSession counts its visitors from 1 again.
    m_visitor = 0;
    m_visit = Visit{};
    m_touches.clear();
    m_unsettled = 0;
    if (m_phase == Phase::SwitchingPacks) {
        if (bundle.exhibition.version == m_exhibition_version)
            problem("the kiosk reloaded the same exhibition version " + m_exhibition_version);
        ++m_tally.pack_switches;
        log("the kiosk follows the switch: version " + bundle.exhibition.version + " (was " +
            m_exhibition_version + "); " + describe(sample_process()));
        enter(Phase::BetweenVisitors);
    } else if (!first) {
        problem("the exhibition changed without a pack switch: now version " + bundle.exhibition.version);
    }
    m_exhibition_version = bundle.exhibition.version;
}

bool SoakDriver::before_drawing(const LoopFrame& frame) {
    const platform::KioskWindow& window = *m_window;
    ++m_tally.frames;
    observe(frame);
    // One batch of touches at a time, each taken by the loop (and drawn in a
    // frame of its own) before the next: Dear ImGui 1.86 has no input queue.
    if (platform::injected_pending() > 0) {
        ++m_tally.frames_touching;
        advance();
        return true;
    }
    if (m_touches.empty()) decide(frame, window);
    if (!m_touches.empty()) {
        for (const Touch& touch : m_touches.front()) {
            if (m_trace) {
                std::fprintf(stderr, "amanat-kiosk: soak: t=%lld touch %d at %.0f,%.0f (finger %d)\n",
                             static_cast<long long>(m_now), static_cast<int>(touch.kind),
                             static_cast<double>(touch.x), static_cast<double>(touch.y), touch.finger);
            }
            platform::inject(window, touch);
        }
        m_touches.pop_front();
    }
    advance();
    return m_phase != Phase::Done;
}

void SoakDriver::advance() {
    m_now += kFrame + m_jump;
    m_jump = 0;
}

void SoakDriver::enter(Phase phase) {
    m_phase = phase;
    m_phase_frames = 0;
    m_phase_since = m_now;
}

void SoakDriver::problem(const std::string& what) {
    ++m_tally.problems;
    log("problem: " + what);
}

// Follows the session the way core/visit/visit_recorder.cpp does, so that the counts
// are what the database must hold: it is called after the visitors' book
// observed the same session in the same frame.
void SoakDriver::observe(const LoopFrame& frame) {
    const VisitorSession& session = frame.session;
    if (session.visitor() != m_visitor) {
        // Reset since the last frame: the visit before ended.
        if (m_visit.started) end_visit(session.last_end());
        m_visitor = session.visitor();
        if (m_phase == Phase::Visiting || m_phase == Phase::Leaving) enter(Phase::BetweenVisitors);
    }
    if (!m_visit.started) {
        if (session.screen() == Screen::Attract) return;
        m_visit.started = true;  // the visitor left the attract screen: session_start
        m_visit.language.clear();
        m_visit.playing.clear();
        m_visit.reactions = 0;
        m_visit.survey_answers = 0;
    }
    // The language counts once chosen (off the language screen); later changes are switches.
    if (session.screen() != Screen::LanguageChoice && session.language() != m_visit.language) {
        if (!m_visit.language.empty()) ++m_tally.language_switches;
        m_visit.language = session.language();
    }
    // A film or narration starts whenever what the artifact page plays changes.
    std::string playing;
    if (session.screen() == Screen::Artifact && session.artifact() < m_bundle->artifacts.size()) {
        const Artifact& artifact = m_bundle->artifacts[session.artifact()];
        if (const auto film = session.film(); film && *film < artifact.videos.size()) {
            playing = "film:" + artifact.id + "/" + artifact.videos[*film].id;
        } else if (session.narration()) {
            playing = "narration:" + artifact.id;
        }
    }
    if (playing != m_visit.playing) {
        if (playing.starts_with("film:")) ++m_tally.films;
        if (playing.starts_with("narration:")) ++m_tally.narrations;
        m_visit.playing = std::move(playing);
    }
    // A changed rating replaces the old one: one row per artifact rated.
    m_visit.reactions = static_cast<long long>(session.reactions().size());
    // Answers are recorded once the visitor moves past their question, and a
    // question answered again replaces its rows.
    const std::size_t done = std::min(session.questions_done(), m_bundle->exhibition.survey.size());
    long long answers = 0;
    for (std::size_t q = 0; q < done; ++q) answers += static_cast<long long>(session.answers(q).size());
    m_visit.survey_answers = answers;
}

void SoakDriver::end_visit(VisitEnd why) {
    ++m_tally.sessions;
    ++(why == VisitEnd::Idle ? m_tally.ended_idle : m_tally.ended_finished);
    m_tally.reactions += m_visit.reactions;
    m_tally.survey_answers += m_visit.survey_answers;
    m_visit = Visit{};
    if (m_tally.sessions == m_warm_after) {
        m_warm = sample_process();
        log("warmed up after " + std::to_string(m_warm_after) + " visitors: " + describe(m_warm));
    }
    const long long tenth = std::max(1, m_settings.sessions / 10);
    if (m_tally.sessions % tenth == 0) {
        const auto wall =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - m_started_at);
        log(std::to_string(m_tally.sessions) + "/" + std::to_string(m_settings.sessions) + " visitors, " +
            std::to_string(m_tally.frames) + " frames, " + std::to_string(m_now / 3'600'000) +
            " virtual hours, " + std::to_string(wall.count()) + " s; " + describe(sample_process()));
    }
}

void SoakDriver::decide(const LoopFrame& frame, const platform::KioskWindow& window) {
    ++m_phase_frames;
    switch (m_phase) {
        case Phase::Done:
            return;
        case Phase::SwitchingPacks:
            if (m_now - m_phase_since > kSwitchPatience) {
                problem("the kiosk did not show the other pack within " +
                        std::to_string(kSwitchPatience / 1000) + " s");
                enter(Phase::BetweenVisitors);
            } else {
                m_jump = 1000;  // the attract screen looks for a new pack every few seconds
            }
            return;
        case Phase::Leaving:
            // observe() moves on once the session is reset. A visit that did not
            // end ("Finish my visit" missed, the screen changed under the finger)
            // is walked away from.
            if (m_phase_frames >= kLeavingPatience) {
                problem("the visit did not end; showing " + frame.showing);
                walk_away(m_idle_after + m_countdown + 1000);
                m_phase_frames = 0;
            }
            return;
        default:
            break;
    }
    if (frame.targets == nullptr) {
        // The screen is moving, or has just changed: wait for it to settle, as a
        // visitor would. One that never settles is a problem for the report.
        ++m_unsettled;
        ++m_tally.frames_settling;
        if (m_unsettled % kPatience == 0) {
            problem("the screen has not settled for " + std::to_string(m_unsettled) + " frames; showing " +
                    frame.showing);
            if (m_phase == Phase::Visiting) {
                walk_away(m_idle_after + m_countdown + 1000);
                enter(Phase::Leaving);
            }
        }
        if (m_unsettled >= kGiveUp) {
            problem("giving up");
            m_gave_up = true;
            enter(Phase::Done);
        }
        return;
    }
    if (m_trace && m_unsettled > 4)
        log("settled after " + std::to_string(m_unsettled) + " frames: " + frame.showing);
    m_unsettled = 0;
    switch (m_phase) {
        case Phase::WaitingForKiosk:
            if (!frame.ready || frame.session.screen() != Screen::Attract) return;
            enter(Phase::CountingAtStart);
            ++m_phase_frames;
            [[fallthrough]];
        case Phase::CountingAtStart:
            if (!count(m_start, m_start_files)) return;
            m_started_at = std::chrono::steady_clock::now();
            log("the kiosk is ready: " + describe(m_start));
            enter(Phase::BetweenVisitors);
            between_visitors(frame);
            return;
        case Phase::CountingAtEnd:
            if (!count(m_end, m_end_files)) return;
            m_ended_at = std::chrono::steady_clock::now();
            log("every visitor played: " + describe(m_end));
            log_open_files_changed();
            enter(Phase::Done);
            return;
        case Phase::BetweenVisitors:
            between_visitors(frame);
            return;
        case Phase::Visiting:
            walk(frame, window);
            return;
        default:
            return;
    }
}

void SoakDriver::between_visitors(const LoopFrame& frame) {
    if (frame.session.screen() != Screen::Attract) return;
    if (m_tally.sessions >= m_settings.sessions) {
        enter(Phase::CountingAtEnd);
        return;
    }
    if (m_packs_root && m_tally.sessions > 0 && m_tally.sessions % m_pack_every == 0 &&
        m_switched_after != m_tally.sessions) {
        m_switched_after = m_tally.sessions;
        if (switch_packs()) {
            enter(Phase::SwitchingPacks);
            return;
        }
    }
    const Target* attract = find(*frame.targets, "attract");
    if (attract == nullptr) return;
    m_visit.steps_left = uniform(5, 40);
    tap(*attract);
    enter(Phase::Visiting);
}

// One frame of a census: the lowest counts of open files and threads so far
// (with what the descriptors named then), the latest RSS. True once complete.
bool SoakDriver::count(ProcessSample& sample, std::vector<std::string>& files) {
    const ProcessSample now = sample_process();
    if (m_phase_frames == 1 || now.open_files < sample.open_files) {
        sample.open_files = now.open_files;
        files = open_file_names();
    }
    sample.threads = m_phase_frames == 1 ? now.threads : std::min(sample.threads, now.threads);
    sample.rss_kib = now.rss_kib;
    sample.heap_kib = now.heap_kib;
    sample.heap_held_kib = now.heap_held_kib;
    return m_phase_frames >= kCensusFrames;
}

// Descriptors open at the end and not at the start, or the other way round, by
// number and what they name: to explain a difference in the report.
void SoakDriver::log_open_files_changed() const {
    std::vector<std::string> opened;
    std::vector<std::string> closed;
    std::set_difference(m_end_files.begin(), m_end_files.end(), m_start_files.begin(), m_start_files.end(),
                        std::back_inserter(opened));
    std::set_difference(m_start_files.begin(), m_start_files.end(), m_end_files.begin(), m_end_files.end(),
                        std::back_inserter(closed));
    for (const std::string& name : opened) log("open at the end, not at the start: fd " + name);
    for (const std::string& name : closed) log("open at the start, not at the end: fd " + name);
}

// Staff's rollback, in process: the active pack and the previous one trade
// places, and the loop notices at its next look from the attract screen.
bool SoakDriver::switch_packs() {
    pack::InstalledPacks packs(*m_packs_root);
    std::string message;
    const bool ok = packs.rollback(message);
    if (!ok) {
        problem("cannot switch packs after " + std::to_string(m_tally.sessions) + " visitors: " + message);
        return false;
    }
    log("switching packs after " + std::to_string(m_tally.sessions) + " visitors: " + message);
    return true;
}

void SoakDriver::walk(const LoopFrame& frame, const platform::KioskWindow& window) {
    const VisitorSession& session = frame.session;
    const std::vector<Target>& targets = *frame.targets;
    if (session.screen() == Screen::Attract) {
        // The touch that should have started the visit did not: touch again.
        if (const Target* attract = find(targets, "attract")) tap(*attract);
        return;
    }
    if (session.screen() == Screen::LanguageChoice) {
        std::vector<const Target*> languages;
        for (const Target& t : targets) {
            if (t.id.starts_with("language-")) languages.push_back(&t);
        }
        if (!languages.empty())
            tap(*languages[static_cast<std::size_t>(uniform(0, static_cast<int>(languages.size()) - 1))]);
        return;
    }
    // Leaving: on the survey's thanks, often with "Finish my visit"; otherwise,
    // once the steps are walked, by walking away.
    const bool thanked = session.screen() == Screen::SurveyThanks;
    if (m_visit.steps_left <= 0 || (thanked && uniform(0, 1) == 0)) {
        if (const Target* finish = thanked ? find(targets, "survey-finish-visit") : nullptr) {
            tap(*finish);
        } else {
            walk_away(m_idle_after + m_countdown + 1000);
        }
        enter(Phase::Leaving);
        return;
    }
    --m_visit.steps_left;

    const bool overlay = session.language_menu_open() || find(targets, "idle-continue") != nullptr;
    const bool gallery = !overlay && session.screen() == Screen::Gallery;
    ImVec2 picture_min;
    ImVec2 picture_max;
    const bool picture = !overlay && session.screen() == Screen::Artifact && !session.film() &&
                         picture_area(targets, picture_min, picture_max);
    const Target* faces = find(targets, "reaction-1");
    const bool story =
        !overlay && session.screen() == Screen::Artifact && !session.film() && faces != nullptr;

    enum Step { Tap, ScrollGallery, ScrollStory, Swipe, Pinch, DoubleTap, Pause };
    std::vector<std::pair<Step, int>> steps{{Tap, 12}};
    if (gallery) steps.emplace_back(ScrollGallery, 3);
    if (story) steps.emplace_back(ScrollStory, 1);
    if (picture) {
        steps.emplace_back(Swipe, 2);
        steps.emplace_back(Pinch, 1);
        steps.emplace_back(DoubleTap, 1);
    }
    if (!overlay) steps.emplace_back(Pause, 1);
    int total = 0;
    for (const auto& [step, weight] : steps) total += weight;
    int pick = uniform(0, total - 1);
    Step step = Tap;
    for (const auto& [candidate, weight] : steps) {
        if (pick < weight) {
            step = candidate;
            break;
        }
        pick -= weight;
    }

    const float screen_h = static_cast<float>(window.height());
    const float top = toolbar_bottom(targets);
    switch (step) {
        case Tap:
            if (const Target* target = random_target(targets)) tap(*target);
            return;
        case ScrollGallery: {
            // Along a column of cards (never starting on "Your opinion", bottom right).
            std::vector<const Target*> cards;
            for (const Target& t : targets) {
                if (t.id.starts_with("card-")) cards.push_back(&t);
            }
            const float x =
                cards.empty()
                    ? static_cast<float>(window.width()) * 0.3f
                    : (cards[static_cast<std::size_t>(uniform(0, static_cast<int>(cards.size()) - 1))]
                           ->min.x +
                       40);
            const float y0 = uniform(top + (screen_h - top) * 0.3f, top + (screen_h - top) * 0.7f);
            const float distance = uniform(150.0f, 500.0f) * (uniform(0, 1) == 0 ? -1.0f : 1.0f);
            drag(x, y0, x, std::clamp(y0 + distance, top + 10, screen_h - 10), uniform(0, 1) == 0);
            return;
        }
        case ScrollStory: {
            // The text column above the faces.
            const float x = faces->min.x + 60;
            const float bottom = faces->min.y - 60;
            if (bottom - top < 200) return;
            const float y0 = uniform(top + (bottom - top) * 0.3f, top + (bottom - top) * 0.7f);
            const float distance = uniform(100.0f, 400.0f) * (uniform(0, 1) == 0 ? -1.0f : 1.0f);
            drag(x, y0, x, std::clamp(y0 + distance, top + 10, bottom), uniform(0, 1) == 0);
            return;
        }
        case Swipe: {
            const float y = (picture_min.y + picture_max.y) * 0.5f;
            const bool forward = uniform(0, 1) == 0;
            stroke(forward ? picture_max.x : picture_min.x, y, forward ? picture_min.x : picture_max.x, y, 5,
                   0);
            ++m_tally.swipes;
            return;
        }
        case Pinch: {
            const float cx = (picture_min.x + picture_max.x) * 0.5f;
            const float cy = (picture_min.y + picture_max.y) * 0.5f;
            const float small = 40;
            const float large = std::max(small + 20, (picture_max.x - picture_min.x) * 0.45f);
            if (uniform(0, 1) == 0) {
                pinch(cx, cy, small, large);  // zoom in
            } else {
                pinch(cx, cy, large, small);  // zoom out
            }
            return;
        }
        case DoubleTap:
            double_tap_at(uniform(picture_min.x, picture_max.x), uniform(picture_min.y, picture_max.y));
            return;
        case Pause:
            // Long enough for "Are you still there?" (not for the reset), unless
            // something plays, which holds the idle timer.
            walk_away(m_idle_after +
                      uniform(500, static_cast<int>(std::max<Millis>(m_countdown - 3000, 1000))));
            ++m_tally.pauses;
            return;
    }
}

void SoakDriver::tap(const Target& target) {
    // Somewhere in the middle half of the target, as a fingertip lands.
    const float w = target.max.x - target.min.x;
    const float h = target.max.y - target.min.y;
    tap_at(uniform(target.min.x + w * 0.25f, target.max.x - w * 0.25f),
           uniform(target.min.y + h * 0.25f, target.max.y - h * 0.25f));
}

// A press and its release queued together, as when a quick tap's two events
// arrive within one frame: wait() stops draining after the press, so Dear ImGui
// 1.86 sees the press in one frame and the release in the next (it needs
// both). Then a frame for the action the release made to be applied before the
// next decision looks at the screen.
void SoakDriver::tap_at(float x, float y) {
    m_touches.push_back({Touch{Touch::Kind::Press, x, y}, Touch{Touch::Kind::Release, x, y}});
    m_touches.push_back({});
    ++m_tally.taps;
}

void SoakDriver::double_tap_at(float x, float y) {
    // Two taps a frame or two apart (the recognizer allows 350 ms).
    m_touches.push_back({Touch{Touch::Kind::Press, x, y}, Touch{Touch::Kind::Release, x, y}});
    tap_at(x + 3, y + 2);
    ++m_tally.taps;
    ++m_tally.double_taps;
}

// A finger pressed at (x0, y0), moved to (x1, y1) over `steps` frames, held
// still for `hold` frames (enough, over the recognizer's 100 ms, to release
// without a fling) and lifted.
void SoakDriver::stroke(float x0, float y0, float x1, float y1, int steps, int hold) {
    m_touches.push_back({Touch{Touch::Kind::Press, x0, y0}});
    for (int i = 1; i <= steps; ++i) {
        const float share = static_cast<float>(i) / static_cast<float>(steps);
        m_touches.push_back({Touch{Touch::Kind::Move, x0 + (x1 - x0) * share, y0 + (y1 - y0) * share}});
    }
    for (int i = 0; i < hold; ++i) m_touches.push_back({});
    m_touches.push_back({Touch{Touch::Kind::Release, x1, y1}});
    m_touches.push_back({});
}

void SoakDriver::drag(float x0, float y0, float x1, float y1, bool fling) {
    stroke(x0, y0, x1, y1, 8, fling ? 0 : 8);
    ++m_tally.drags;
}

// Two fingers, `from` px either side of (cx, cy), moved to `to` px apart from it.
void SoakDriver::pinch(float cx, float cy, float from, float to) {
    const auto finger = [](Touch::Kind kind, int id, float x, float y) { return Touch{kind, x, y, id}; };
    m_touches.push_back({finger(Touch::Kind::FingerDown, 1, cx - from, cy)});
    m_touches.push_back({finger(Touch::Kind::FingerDown, 2, cx + from, cy)});
    constexpr int kSteps = 6;
    for (int i = 1; i <= kSteps; ++i) {
        const float d = from + (to - from) * static_cast<float>(i) / kSteps;
        m_touches.push_back(
            {finger(Touch::Kind::FingerMove, 1, cx - d, cy), finger(Touch::Kind::FingerMove, 2, cx + d, cy)});
    }
    m_touches.push_back({finger(Touch::Kind::FingerUp, 2, cx + to, cy)});
    m_touches.push_back({finger(Touch::Kind::FingerUp, 1, cx - to, cy)});
    m_touches.push_back({});
    ++m_tally.pinches;
}

void SoakDriver::walk_away(Millis pause) {
    m_jump = pause;
}

const Target* SoakDriver::random_target(const std::vector<Target>& targets) {
    int total = 0;
    for (const Target& t : targets) total += weight_of(t.id);
    if (total == 0) return nullptr;
    int pick = uniform(0, total - 1);
    for (const Target& t : targets) {
        const int weight = weight_of(t.id);
        if (pick < weight) return &t;
        pick -= weight;
    }
    return nullptr;
}

const Target* SoakDriver::find(const std::vector<Target>& targets, const std::string& id) const {
    for (const Target& t : targets) {
        if (t.id == id) return &t;
    }
    return nullptr;
}

float SoakDriver::uniform(float low, float high) {
    return std::uniform_real_distribution<float>(low, std::max(low, high))(m_random);
}

int SoakDriver::uniform(int low, int high) {
    return std::uniform_int_distribution<int>(low, std::max(low, high))(m_random);
}

bool SoakDriver::finish() const {
    const bool completed = m_phase == Phase::Done && !m_gave_up && m_tally.sessions == m_settings.sessions;
    const ProcessSample end = completed ? m_end : sample_process();
    const auto ended = completed ? m_ended_at : std::chrono::steady_clock::now();
    const double wall =
        m_start.threads > 0 ? std::chrono::duration<double>(ended - m_started_at).count() : 0.0;
    JsonRecord report;
    report.number("completed", static_cast<long long>(completed ? 1 : 0))
        .number("seed", static_cast<long long>(m_settings.seed))
        .number("sessions", m_tally.sessions)
        .number("sessions_ended_idle", m_tally.ended_idle)
        .number("sessions_finished", m_tally.ended_finished)
        .number("frames", m_tally.frames)
        .number("frames_touching", m_tally.frames_touching)
        .number("frames_settling", m_tally.frames_settling)
        .number("virtual_hours", static_cast<double>(m_now) / 3'600'000.0)
        .number("wall_seconds", wall)
        .number("warmup_sessions", m_warm_after)
        .number("rss_kib_at_start", m_start.rss_kib)
        .number("rss_kib_after_warmup", m_warm.rss_kib)
        .number("rss_kib_at_end", end.rss_kib)
        .number("heap_kib_at_start", m_start.heap_kib)
        .number("heap_kib_after_warmup", m_warm.heap_kib)
        .number("heap_kib_at_end", end.heap_kib)
        .number("open_files_at_start", static_cast<long long>(m_start.open_files))
        .number("open_files_at_end", static_cast<long long>(end.open_files))
        .number("threads_at_start", static_cast<long long>(m_start.threads))
        .number("threads_at_end", static_cast<long long>(end.threads))
        .number("pack_switches", m_tally.pack_switches)
        .text("exhibition_version_at_end", m_exhibition_version)
        .number("taps", m_tally.taps)
        .number("double_taps", m_tally.double_taps)
        .number("drags", m_tally.drags)
        .number("swipes", m_tally.swipes)
        .number("pinches", m_tally.pinches)
        .number("pauses", m_tally.pauses)
        .number("reactions", m_tally.reactions)
        .number("survey_answers", m_tally.survey_answers)
        .number("language_switches", m_tally.language_switches)
        .number("films", m_tally.films)
        .number("narrations", m_tally.narrations)
        .number("problems", m_tally.problems);
    std::ofstream out(m_settings.report, std::ios::trunc);
    out << report.finish() << "\n";
    out.close();
    if (!out) {
        log("cannot write the report to " + m_settings.report.string());
        return false;
    }
    if (!completed) {
        log("the soak did not complete: " + std::to_string(m_tally.sessions) + " of " +
            std::to_string(m_settings.sessions) + " visitors played");
    }
    log("report written to " + m_settings.report.string());
    return completed;
}

}  // namespace amanat
