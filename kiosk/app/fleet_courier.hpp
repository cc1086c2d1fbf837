#pragma once
// The kiosk's side of the fleet (docs/FLEET.md): on a thread of its own, looks
// into the inbox for a new pack every few seconds and installs it (the loop then
// switches to it between visitors, as after any install), and publishes the
// kiosk's status and feedback to the outbox every `publish_every_minutes`, when
// the exhibition changes, and at closing time. Nothing it does can change what
// visitors see but an install, which goes through the same checks as staff's.
//
// Thread contract: constructed, offered statuses and destroyed on the render
// thread; the work runs on the courier's own thread ("amanat-fleet"), at a low
// priority, which touches only the members under m_mutex and the inbox and
// outbox objects it alone owns, and m_news. `wake` is called on the courier's
// thread after the inbox installed or refused a pack (KioskWindow::wake is
// thread-safe).
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/settings/kiosk_config.hpp"
#include "fleet/outbox.hpp"
#include "fleet/pack_inbox.hpp"

namespace amanat {

class FleetCourier {
  public:
    // Null when the config sets neither an inbox nor an outbox.
    static std::unique_ptr<FleetCourier> start(const KioskConfig& config,
                                               const std::optional<std::filesystem::path>& packs_root,
                                               const std::filesystem::path& state_folder,
                                               std::function<void()> wake);
    ~FleetCourier();
    FleetCourier(const FleetCourier&) = delete;
    FleetCourier& operator=(const FleetCourier&) = delete;

    // The kiosk's latest status (the status file's text), its id ("" until it has
    // one), and whether to publish at once (the exhibition changed, closing time).
    void offer_status(std::string status_json, std::string kiosk_id, bool publish_now);
    // What the inbox did last, for the status file.
    std::optional<fleet::InboxVerdict> inbox_verdict() const;
    // Why the last publication failed, or "".
    std::string outbox_problem() const;
    // True once after the inbox installed or refused a pack: the status file
    // (and so the organisers) should hear of it now, not in a minute.
    bool take_news() { return m_news.exchange(false); }

  private:
    FleetCourier(std::unique_ptr<fleet::PackInbox> inbox, std::unique_ptr<fleet::Outbox> outbox,
                 int publish_every_minutes, std::function<void()> wake);
    void run();
    void publish();

    std::unique_ptr<fleet::PackInbox> m_inbox;  // courier thread only
    std::unique_ptr<fleet::Outbox> m_outbox;    // courier thread only
    const long long m_publish_every_ms;
    std::function<void()> m_wake;
    std::atomic<bool> m_news{false};

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stopping = false;
    bool m_publish_now = false;
    std::string m_status_json;
    std::string m_kiosk_id;
    std::optional<fleet::InboxVerdict> m_verdict;
    std::string m_outbox_problem;
    std::thread m_thread;  // last: started when everything above is ready
};

}  // namespace amanat
