#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/exhibition_source.hpp"
#include "core/exhibition/bundle.hpp"
#include "core/visit/clock.hpp"
#include "core/visit/visitor_session.hpp"
#include "ui/frame.hpp"

namespace amanat {

namespace platform {
class KioskWindow;
}

// What the loop shows its observers before drawing each frame.
struct LoopFrame {
    const VisitorSession& session;  // as the visitors' book has just observed it
    // The last frame's touch targets, only while they are still where a tap would
    // find them (that frame applied no action, nothing was moving, and the screen
    // is described the same now); null otherwise.
    const std::vector<ui::Frame::Target>* targets;
    const std::string& showing;  // the loop's description of the screen, for the log
    bool ready;                  // the visitors' book is open: visits can start
};

// What a frame's time went on, in order, so that a slow frame can be told
// apart: taking what other threads delivered (decoded pictures, film frames),
// building the screens' ImGui frame, painting it into the window's pixels, and
// handing those to the display server.
enum class FrameStage { Receive, Build, Paint, Present };
inline constexpr int kFrameStages = 4;

// Watches the kiosk's loop from outside the visit: the frame-time recorder
// (AMANAT_FRAME_TIMES, app/frame_times, any build) and, in builds with
// AMANAT_TEST_HOOKS only, the soak's synthetic visitors and the crash-loop test's
// aborting pack (app/test_hooks/). The loop calls one observer (LoopObservers
// makes several one); every hook does nothing unless overridden.
//
// Thread contract: render thread only, in the order the hooks are declared.
class LoopObserver {
  public:
    virtual ~LoopObserver() = default;

    // The first exhibition is loaded; the window is not open yet.
    virtual void starting(const Bundle&) {}
    virtual void window_opened(platform::KioskWindow&) {}
    // An exhibition goes on show: the first, another after a pack switch, or the
    // same again on a screen of another size. Its visitors are idle after
    // `idle_after` ms without a touch, and reset `countdown` ms later.
    virtual void exhibition_shown(const Bundle&, const ExhibitionSource&, Millis /*idle_after*/,
                                  Millis /*countdown*/) {}

    // True when this observer keeps the kiosk's time (the soak's virtual clock):
    // the kiosk's clock is then now(), and the loop never waits for the real one.
    virtual bool keeps_time() const { return false; }
    virtual Millis now() const { return 0; }
    // True when it needs LoopFrame::targets (the loop then records them).
    virtual bool wants_targets() const { return false; }

    // Each frame: begun once the wait ended, each stage as it ends, then the
    // frame on screen, with the pictures' texture memory held now. A frame in
    // which the screen sleeps (outside opening hours) has no stage after Receive.
    virtual void frame_began() {}
    virtual void stage_done(FrameStage) {}
    // Before the frame is built. False ends the kiosk as SIGTERM would.
    virtual bool before_drawing(const LoopFrame&) { return true; }
    virtual void frame_shown(std::size_t /*texture_bytes*/) {}

    // The kiosk stops (SIGTERM, or before_drawing() said so), its exhibition's
    // feedback store closed. False: it exits with status 1.
    virtual bool stopping() { return true; }
};

// Several observers as one, called in the order they were added. Does not own them.
class LoopObservers : public LoopObserver {
  public:
    void add(LoopObserver& observer) { m_observers.push_back(&observer); }

    void starting(const Bundle& bundle) override;
    void window_opened(platform::KioskWindow& window) override;
    void exhibition_shown(const Bundle& bundle, const ExhibitionSource& source, Millis idle_after,
                          Millis countdown) override;
    bool keeps_time() const override;
    Millis now() const override;  // the first's that keeps time
    bool wants_targets() const override;
    void frame_began() override;
    void stage_done(FrameStage stage) override;
    bool before_drawing(const LoopFrame& frame) override;  // false if any says so
    void frame_shown(std::size_t texture_bytes) override;
    bool stopping() override;  // false if any says so

  private:
    std::vector<LoopObserver*> m_observers;
};

}  // namespace amanat
