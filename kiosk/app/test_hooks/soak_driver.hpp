#pragma once

// A test hook, compiled only with AMANAT_TEST_HOOKS (never in a release build):
//
//   amanat-kiosk --soak SESSIONS --soak-report FILE [--soak-seed N]
//
// "A month of visitors in an hour": the driver plays SESSIONS synthetic visitors
// through the real kiosk (the render loop, the screens, the media player, the
// feedback store, pack switches) on a virtual clock, then writes a report of
// what it did and what the process looked like before and after (memory, open
// files, threads), which tests/soak/soak-run compares with the feedback
// database. Nothing is mocked: the visitors touch the screen through SDL events
// (platform/test_hooks/synthetic_touch), the way a finger's events reach the kiosk.
//
// Each visitor, with a seeded random generator: touches the attract screen,
// chooses a language, then walks 5 to 40 steps among what is on screen (taps on
// any touch target: cards, toolbar, previous/next, listen and pause, films and
// their buttons, the faces, the survey's answers and buttons, the idle overlay's
// buttons, the language menu; drags that scroll the gallery and the story,
// swipes, pinches and double taps on the pictures; now and then a pause long
// enough for "Are you still there?"), and leaves: by walking away (the virtual
// clock jumps past the idle timeout and the countdown) or with "Finish my visit"
// when the survey's thanks are on screen. Every 1,000 visitors (every third of
// a shorter run), between two of them, it switches the active pack with a
// rollback, as staff would, and waits for the kiosk to follow it.
//
// The counts it reports (reactions, survey answers, language switches, films,
// narrations, how visits ended) are taken from the session, frame by frame, as
// the feedback recorder sees it: what the database must hold, once flushed.
//
// It is one of the loop's observers (app/loop_observer.hpp): the loop calls
// before_drawing() once per frame and takes its clock from now().
// Thread contract: render thread only; nothing here is touched by other threads.

#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "app/exhibition_source.hpp"
#include "app/loop_observer.hpp"
#include "core/exhibition/bundle.hpp"
#include "core/visit/clock.hpp"
#include "core/visit/visitor_session.hpp"
#include "platform/kiosk_window.hpp"
#include "platform/test_hooks/synthetic_touch.hpp"
#include "ui/frame.hpp"

namespace amanat {

struct SoakSettings {
    int sessions = 0;              // visitors to play
    std::filesystem::path report;  // the JSON report, written by finish()
    std::uint64_t seed = 1;        // the visitors' random choices
};

// The process's resources, from /proc/self.
struct ProcessSample {
    long long rss_kib = 0;        // resident set (statm), KiB
    long long heap_kib = 0;       // malloc'd and not freed (mallinfo2), KiB
    long long heap_held_kib = 0;  // what malloc holds from the system, in use or free, KiB
    int open_files = 0;           // /proc/self/fd entries
    int threads = 0;              // /proc/self/task entries
};

class SoakDriver final : public LoopObserver {
  public:
    explicit SoakDriver(SoakSettings settings);

    // The kiosk's clock while soaking, in virtual milliseconds: ~16 ms a frame,
    // and a jump whenever a visitor walks away.
    bool keeps_time() const override { return true; }
    Millis now() const override { return m_now; }
    // The visitors tap the touch targets the last settled frame drew.
    bool wants_targets() const override { return true; }

    // Touches are queued into `window`, and stamped with the virtual clock.
    void window_opened(platform::KioskWindow& window) override;
    // The loop shows an exhibition: the first one, or another after a pack switch.
    void exhibition_shown(const Bundle& bundle, const ExhibitionSource& source, Millis idle_after,
                          Millis countdown) override;

    // Once per loop iteration, before drawing: follows the session, and queues
    // the visitor's next touches into the window (taken by its next wait()).
    // Returns false once every visitor has been played: the loop then quits as on
    // SIGTERM, so the feedback store is flushed and closed in order.
    bool before_drawing(const LoopFrame& frame) override;

    // After the loop has ended: writes the report. False (with the reason logged)
    // when the soak did not complete or the report cannot be written.
    bool stopping() override { return finish(); }

  private:
    enum class Phase {
        WaitingForKiosk,  // first frames; the feedback database opening
        CountingAtStart,  // a few frames of the attract screen: open files, threads, memory
        BetweenVisitors,  // the attract screen: the next visitor, or a pack switch first
        Visiting,         // language choice, then the walk
        Leaving,          // walked away or finished: until the attract screen is back
        SwitchingPacks,   // rolled back; until the loop shows the other exhibition
        CountingAtEnd,    // every visitor played: counting again
        Done,
    };

    // What happened during the soak; the report's counts.
    struct Tally {
        long long sessions = 0;
        long long ended_idle = 0;      // session_end "idle" in the database
        long long ended_finished = 0;  // session_end "finished" ("Finish my visit", "Start again")
        long long frames = 0;
        long long frames_touching = 0;  // a touch's events not yet taken by the loop
        long long frames_settling = 0;  // waiting for the screen to settle after a change
        long long taps = 0;             // every press and release, double taps' two included
        long long double_taps = 0;
        long long drags = 0;  // gallery and story scrolls
        long long swipes = 0;
        long long pinches = 0;
        long long pauses = 0;          // long enough for "Are you still there?"
        long long reactions = 0;       // the last rating per artifact and visit
        long long survey_answers = 0;  // one per answer chosen, of questions moved past
        long long language_switches = 0;
        long long films = 0;
        long long narrations = 0;
        long long pack_switches = 0;  // followed by the kiosk
        // What went wrong: a screen that never settled, a visit that did not end,
        // a pack switch refused or not followed. Each is logged.
        long long problems = 0;
    };

    // The visit in progress, as the session has shown it so far.
    struct Visit {
        bool started = false;
        int steps_left = 0;
        std::string language;  // empty until chosen
        std::string playing;   // "film:..." or "narration:..."; empty when nothing plays
        long long reactions = 0;
        long long survey_answers = 0;
    };

    // One frame's worth of synthetic touches (possibly none: a frame to wait).
    using Touches = std::vector<platform::SyntheticTouch>;

    bool finish() const;
    void advance();  // the virtual clock, to the next frame
    void observe(const LoopFrame& frame);
    void end_visit(VisitEnd why);
    void decide(const LoopFrame& frame, const platform::KioskWindow& window);
    void between_visitors(const LoopFrame& frame);
    void walk(const LoopFrame& frame, const platform::KioskWindow& window);
    bool switch_packs();
    bool count(ProcessSample& sample, std::vector<std::string>& files);
    void log_open_files_changed() const;
    void enter(Phase phase);
    void problem(const std::string& what);

    // Touches, spread over frames as a finger would make them.
    void tap(const ui::Frame::Target& target);
    void tap_at(float x, float y);
    void double_tap_at(float x, float y);
    void stroke(float x0, float y0, float x1, float y1, int steps, int hold);
    void drag(float x0, float y0, float x1, float y1, bool fling);
    void pinch(float cx, float cy, float from, float to);
    void walk_away(Millis pause);

    const ui::Frame::Target* random_target(const std::vector<ui::Frame::Target>& targets);
    const ui::Frame::Target* find(const std::vector<ui::Frame::Target>& targets, const std::string& id) const;
    float uniform(float low, float high);
    int uniform(int low, int high);

    SoakSettings m_settings;
    platform::KioskWindow* m_window = nullptr;  // window_opened()'s
    std::mt19937_64 m_random;
    Millis m_now = 0;
    Millis m_jump = 0;  // extra virtual time before the next frame
    Phase m_phase = Phase::WaitingForKiosk;
    std::deque<Touches> m_touches;  // the gesture in progress, one entry per frame
    long long m_unsettled = 0;      // frames in a row without fresh targets
    long long m_phase_frames = 0;   // decisions since the phase began
    Millis m_phase_since = 0;
    bool m_gave_up = false;  // the kiosk never settled again
    bool m_trace = false;    // AMANAT_SOAK_TRACE=1: log every touch

    // The exhibition shown.
    const Bundle* m_bundle = nullptr;
    std::optional<std::filesystem::path> m_packs_root;
    std::string m_exhibition_version;
    Millis m_idle_after = 0;
    Millis m_countdown = 0;
    int m_pack_every = 1000;
    long long m_switched_after = 0;  // the session count at the last switch

    std::uint64_t m_visitor = 0;  // the session's visitor() last seen
    Visit m_visit;
    Tally m_tally;

    ProcessSample m_start, m_warm, m_end;
    std::vector<std::string> m_start_files, m_end_files;  // what the descriptors named
    long long m_warm_after = 0;                           // sessions of warm-up: a tenth of the run
    std::chrono::steady_clock::time_point m_started_at, m_ended_at;
};

}  // namespace amanat
