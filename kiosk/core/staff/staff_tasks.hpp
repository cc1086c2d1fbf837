#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace amanat {

// How a staff task ended, as its work returns it.
struct StaffTaskOutcome {
    bool ok = true;
    std::string message;
    std::vector<std::string> details;  // e.g. the validation report of a refused pack
};

// Staff's long tasks (installing a pack, rolling back, exporting feedback), one
// at a time on a worker thread of their own, and what staff see of them.
//
// Thread contract (issue 22): start(), tell() and state() are called on the
// render thread and never wait for the worker: they only take m_mutex, which
// the worker holds only to copy a few fields. A task asked for while another
// runs is refused, with an outcome saying so; it never waits its turn on the
// render thread. `busy` is set by start() and cleared only by the worker, once
// the work has returned (or thrown). The work runs without the lock and reports
// through the Progress it is given, which sets fields under m_mutex and calls
// `wake`. Only the destructor waits: a task still running finishes first.
class StaffTasks {
  public:
    // `wake` is called on the worker after each progress report and when a task
    // has ended (KioskWindow::wake(), which any thread may call).
    explicit StaffTasks(std::function<void()> wake);
    ~StaffTasks();
    StaffTasks(const StaffTasks&) = delete;
    StaffTasks& operator=(const StaffTasks&) = delete;

    // For the work: how far it has got (share 0..1, or -1 when unknown).
    using Progress = std::function<void(double share, std::string text)>;
    using Work = std::function<StaffTaskOutcome(const Progress&)>;

    // Hands `work` to the worker, unless a task is running already: then the
    // outcome says that `what` was not started, and it returns false.
    bool start(std::string what, Work work);
    // The outcome of something done on the render thread (the test sound, a
    // refusal), shown like a task's. A running task stays busy, and its own
    // outcome replaces this one when it ends.
    void tell(bool ok, std::string message, std::vector<std::string> details = {});

    struct State {
        bool busy = false;
        std::string task;  // what it is doing
        double progress = -1;
        std::string progress_text;
        std::string outcome;  // the last outcome
        bool outcome_ok = true;
        std::vector<std::string> details;
    };
    State state() const;

  private:
    void run();  // the worker thread
    void report_progress(double share, std::string text);

    std::function<void()> m_wake;
    mutable std::mutex m_mutex;
    std::condition_variable m_work_came;
    // Under m_mutex.
    State m_state;
    Work m_next;  // handed over by start(), taken by the worker
    bool m_stopping = false;
    std::thread m_worker;  // started with the first task
};

}  // namespace amanat
