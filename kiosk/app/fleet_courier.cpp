#include "app/fleet_courier.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "app/problem_log.hpp"
#include "fleet/fleet_folders.hpp"

namespace amanat {

namespace {

// How often the inbox is looked into. A pack is tried once it is unchanged at
// two looks in a row, so it is installed 5 to 10 s after it has arrived whole.
constexpr auto kInboxEvery = std::chrono::seconds(5);

long long unix_now() {
    return static_cast<long long>(std::time(nullptr));
}

}  // namespace

std::unique_ptr<FleetCourier> FleetCourier::start(const KioskConfig& config,
                                                  const std::optional<std::filesystem::path>& packs_root,
                                                  const std::filesystem::path& state_folder,
                                                  std::function<void()> wake) {
    std::unique_ptr<fleet::PackInbox> inbox;
    std::unique_ptr<fleet::Outbox> outbox;
    const std::filesystem::path fleet_state = state_folder / "fleet";
    const fleet::FleetFolders folders = fleet::fleet_folders(config, state_folder);
    if (folders.inbox && packs_root) {
        inbox = std::make_unique<fleet::PackInbox>(
            *folders.inbox, *packs_root, pack::Trust{config.trusted_keys, config.allow_unsigned_packs},
            pack::Limits{config.pack_max_megabytes << 20, config.pack_max_files},
            fleet_state / "inbox-tried");
        std::fprintf(stderr, "amanat-kiosk: fleet: installing new packs from %s\n", folders.inbox->c_str());
    } else if (folders.inbox) {
        log_problem("fleet: the inbox " + folders.inbox->string() +
                    " is not used: this kiosk has no packs folder ([packs] root in the config)");
    }
    if (folders.outbox) {
        const std::filesystem::path feedback =
            config.feedback ? config.feedback_database.value_or(state_folder / "feedback.sqlite")
                            : std::filesystem::path();
        outbox = std::make_unique<fleet::Outbox>(*folders.outbox, feedback, fleet_state / "published-at");
        std::fprintf(stderr, "amanat-kiosk: fleet: publishing to %s every %d min\n", folders.outbox->c_str(),
                     config.fleet_publish_every_minutes);
    }
    if (!inbox && !outbox) return nullptr;
    return std::unique_ptr<FleetCourier>(new FleetCourier(
        std::move(inbox), std::move(outbox), config.fleet_publish_every_minutes, std::move(wake)));
}

FleetCourier::FleetCourier(std::unique_ptr<fleet::PackInbox> inbox, std::unique_ptr<fleet::Outbox> outbox,
                           int publish_every_minutes, std::function<void()> wake)
    : m_inbox(std::move(inbox)),
      m_outbox(std::move(outbox)),
      m_publish_every_ms(publish_every_minutes * 60'000LL),
      m_wake(std::move(wake)),
      m_thread([this] { run(); }) {}

FleetCourier::~FleetCourier() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();  // an install under way finishes first (it is atomic either way)
}

void FleetCourier::offer_status(std::string status_json, std::string kiosk_id, bool publish_now) {
    {
        std::lock_guard lock(m_mutex);
        // The first status is published at once: the organisers hear of a kiosk as it starts.
        m_publish_now = m_publish_now || publish_now || m_status_json.empty();
        m_status_json = std::move(status_json);
        m_kiosk_id = std::move(kiosk_id);
    }
    m_changed.notify_all();
}

std::optional<fleet::InboxVerdict> FleetCourier::inbox_verdict() const {
    std::lock_guard lock(m_mutex);
    return m_verdict;
}

std::string FleetCourier::outbox_problem() const {
    std::lock_guard lock(m_mutex);
    return m_outbox_problem;
}

void FleetCourier::run() {
    pthread_setname_np(pthread_self(), "amanat-fleet");
    // Installs and snapshots yield to the render thread.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
    using Clock = std::chrono::steady_clock;
    auto next_publication = Clock::time_point::max();  // after the first status is offered
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        const auto wait_until =
            m_inbox ? std::min(Clock::now() + kInboxEvery, next_publication) : next_publication;
        const auto woken = [this] { return m_stopping || m_publish_now; };
        if (wait_until == Clock::time_point::max())
            m_changed.wait(lock, woken);  // no inbox, and nothing offered to publish yet
        else
            m_changed.wait_until(lock, wait_until, woken);
        if (m_stopping) break;
        const bool publish_due = m_outbox && (m_publish_now || Clock::now() >= next_publication);
        m_publish_now = false;
        lock.unlock();
        if (m_inbox) {
            const std::optional<fleet::InboxVerdict> before = m_inbox->last_verdict();
            m_inbox->check(unix_now());  // installed: the loop switches between visitors
            if (m_inbox->last_verdict() != before) {
                {
                    std::lock_guard verdict_lock(m_mutex);  // before the news: the loop reads it then
                    m_verdict = m_inbox->last_verdict();
                }
                m_news = true;
                m_wake();
            }
        }
        if (publish_due) {
            publish();
            next_publication = Clock::now() + std::chrono::milliseconds(m_publish_every_ms);
        }
        lock.lock();
    }
}

void FleetCourier::publish() {
    fleet::PublicationInput input;
    {
        std::lock_guard lock(m_mutex);
        input.status_json = m_status_json;
        input.kiosk_id = m_kiosk_id;
    }
    input.now = unix_now();
    fleet::local_day_and_week(input.now, input.today_start, input.week_start);
    std::string error;
    const bool ok = m_outbox->publish(input, error);
    if (!ok) log_problem("fleet: cannot publish to " + m_outbox->folder().string() + ": " + error);
    std::lock_guard lock(m_mutex);
    m_outbox_problem = ok ? std::string() : error;
}

}  // namespace amanat
