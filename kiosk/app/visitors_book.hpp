#pragma once

#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/visit/visit_recorder.hpp"
#include "core/visit/visitor_session.hpp"
#include "platform/kiosk_window.hpp"
#include "store/feedback_store.hpp"
#include "ui/frame.hpp"

namespace amanat {

// A feedback store as opened at start-up: null with the reason when it cannot be.
struct OpenedStore {
    std::unique_ptr<store::FeedbackStore> store;
    std::string error;
    std::filesystem::path database;
    std::string kiosk_id;
};

// The kiosk's visitors' book: what visitors tell the organisers (reactions,
// survey answers) and how they used the kiosk, written to the feedback database
// without the visitor ever waiting for the disk.
//
// Opens the store (logging where, and anything moved aside), feeds it the rows
// VisitRecorder makes from the session, and tells the screens when a reaction
// or the survey answers were saved, so the thank-you follows the commit. If the
// database cannot be opened or a write fails (a full disk), visitors carry on as
// if nothing happened: the problem is logged and shown to staff on the attract
// screen, and later writes are tried again.
//
// Thread contract: everything is called on the render thread, except the
// opening of the store (on a thread of its own, which only logs and wakes the
// window) and the store's completion callbacks, which run on its database
// thread and only touch the members under m_mutex and wake the window.
class VisitorsBook {
  public:
    VisitorsBook(const Bundle& bundle, const KioskConfig& config, platform::KioskWindow& window);
    ~VisitorsBook();
    VisitorsBook(const VisitorsBook&) = delete;
    VisitorsBook& operator=(const VisitorsBook&) = delete;

    // Once per frame, after the visitor's actions were applied.
    void observe(const VisitorSession& session, const PlaybackProgress& playing, Millis now,
                 Millis last_touch);
    // Before drawing.
    ui::FeedbackView view(Millis now);

    // For staff: where the feedback goes, which kiosk this is (empty until the
    // database is open), and how many rows were saved since the kiosk started.
    const std::filesystem::path& database() const { return m_database; }
    const std::string& kiosk_id() const { return m_kiosk_id; }
    // "off" (the config turns it off, or nothing to react to), "opening" (the
    // database is being checked; rows wait), "recording", or "not recording"
    // (it could not be opened: problem() says why).
    const char* state() const;
    long long rows_saved() const { return m_rows_saved.load(); }
    const std::string& problem() const { return m_view.problem; }

  private:
    void write(FeedbackRow row);
    void take_store();
    void finished(bool ok, std::string artifact, bool answer);

    platform::KioskWindow& m_window;
    // The store opens on a thread of its own (see open_store()); until then
    // rows wait in m_waiting. Render thread only, like everything below up to m_mutex.
    std::future<OpenedStore> m_opening;
    std::vector<FeedbackRow> m_waiting;
    std::unique_ptr<store::FeedbackStore> m_store;  // null when off, or when it cannot be opened
    std::string m_open_problem;                     // why it cannot be opened
    std::filesystem::path m_database;
    std::string m_kiosk_id;
    std::atomic<long long> m_rows_saved{0};  // counted by the database thread
    VisitRecorder m_recorder;
    ui::FeedbackView m_view;  // render thread

    // Written by the database thread's callbacks, read by the render thread.
    std::mutex m_mutex;
    std::vector<std::string> m_saved_reactions;  // artifact ids, in the order saved
    int m_answers_pending = 0;                   // survey answers queued and not yet finished
    bool m_write_failed = false;                 // the last write failed (a success clears it)
};

}  // namespace amanat
