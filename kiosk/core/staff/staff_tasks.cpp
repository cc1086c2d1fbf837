#include "core/staff/staff_tasks.hpp"

#include <exception>
#include <utility>

namespace amanat {

StaffTasks::StaffTasks(std::function<void()> wake) : m_wake(std::move(wake)) {}

StaffTasks::~StaffTasks() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work_came.notify_one();
    // A task still running (an install) finishes first: stopping it halfway is
    // safe for the packs (they switch atomically) but wastes the work.
    if (m_worker.joinable()) m_worker.join();
}

bool StaffTasks::start(std::string what, Work work) {
    {
        std::lock_guard lock(m_mutex);
        if (m_state.busy) {
            std::string refusal = "Not started: ";
            refusal += what;
            refusal += " waits until ";
            refusal += m_state.task;
            refusal += " has finished. Try again then.";
            m_state.outcome = std::move(refusal);
            m_state.outcome_ok = false;
            m_state.details.clear();
            return false;
        }
        m_state = State{};
        m_state.busy = true;
        m_state.task = std::move(what);
        m_next = std::move(work);
        // Started here, under the lock, so that the destructor sees it.
        if (!m_worker.joinable()) m_worker = std::thread([this] { run(); });
    }
    m_work_came.notify_one();
    return true;
}

void StaffTasks::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_work_came.wait(lock, [this] { return m_next != nullptr || m_stopping; });
        if (m_next == nullptr) return;  // stopping, and nothing was asked for
        const Work work = std::move(m_next);
        m_next = nullptr;
        lock.unlock();
        StaffTaskOutcome outcome;
        try {
            outcome =
                work([this](double share, std::string text) { report_progress(share, std::move(text)); });
        } catch (const std::exception& error) {
            outcome = StaffTaskOutcome{false, error.what(), {}};
        }
        lock.lock();
        // The one place busy is cleared: the work has returned.
        m_state.busy = false;
        m_state.outcome = std::move(outcome.message);
        m_state.outcome_ok = outcome.ok;
        m_state.details = std::move(outcome.details);
        lock.unlock();
        m_wake();
        lock.lock();
    }
}

void StaffTasks::report_progress(double share, std::string text) {
    {
        std::lock_guard lock(m_mutex);
        m_state.progress = share;
        m_state.progress_text = std::move(text);
    }
    m_wake();
}

void StaffTasks::tell(bool ok, std::string message, std::vector<std::string> details) {
    std::lock_guard lock(m_mutex);
    m_state.outcome = std::move(message);
    m_state.outcome_ok = ok;
    m_state.details = std::move(details);
}

StaffTasks::State StaffTasks::state() const {
    std::lock_guard lock(m_mutex);
    return m_state;
}

}  // namespace amanat
