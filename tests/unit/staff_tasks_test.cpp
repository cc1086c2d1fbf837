#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>

#include "core/staff/staff_tasks.hpp"

using amanat::StaffTaskOutcome;
using amanat::StaffTasks;

namespace {

// Stands for KioskWindow::wake(): lets the test wait for the worker's news
// instead of sleeping.
struct Window {
    std::mutex mutex;
    std::condition_variable woken;

    void wake() {
        std::lock_guard lock(mutex);
        woken.notify_all();
    }
    void wait_until_idle(const StaffTasks& tasks) {
        std::unique_lock lock(mutex);
        woken.wait(lock, [&] { return !tasks.state().busy; });
    }
};

// A task that runs until the test lets it end: an install on a slow USB stick.
struct HeldTask {
    std::promise<void> started;
    std::promise<void> released;
    std::shared_future<void> release = released.get_future().share();

    StaffTasks::Work work(std::string message) {
        return [this, message](const StaffTasks::Progress& progress) {
            progress(0.5, "half way");
            started.set_value();
            release.wait();
            return StaffTaskOutcome{true, message, {}};
        };
    }
};

StaffTasks::Work quick(std::string message) {
    return [message](const StaffTasks::Progress&) { return StaffTaskOutcome{true, message, {}}; };
}

}  // namespace

TEST_CASE("staff tasks: the render thread never waits for the worker (issue 22)") {
    Window window;
    StaffTasks tasks([&window] { window.wake(); });
    HeldTask install;
    REQUIRE(tasks.start("installing a.amanat", install.work("installed a")));
    install.started.get_future().wait();

    // One frame of the render thread while the install runs: staff play the test
    // sound (its outcome told on the render thread), then tap another pack.
    auto frame = std::async(std::launch::async, [&tasks] {
        tasks.tell(true, "Playing a test sound");
        const bool second = tasks.start("installing b.amanat", quick("installed b"));
        return std::pair{second, tasks.state()};
    });
    // A guard, not a synchronisation: a frame that waited for the install would
    // never be ready before the install is released.
    const bool prompt = frame.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    install.released.set_value();
    CHECK(prompt);
    const auto [second, during] = frame.get();
    CHECK_FALSE(second);  // one task at a time
    CHECK(during.busy);   // the install still runs: only its end clears that
    CHECK(during.task == "installing a.amanat");
    CHECK(during.progress == doctest::Approx(0.5));
    CHECK(during.outcome.find("installing b.amanat") != std::string::npos);  // staff see why
    CHECK_FALSE(during.outcome_ok);

    window.wait_until_idle(tasks);
    const StaffTasks::State after = tasks.state();
    CHECK(after.outcome == "installed a");
    CHECK(after.outcome_ok);
    // The next task starts at once.
    CHECK(tasks.start("installing b.amanat", quick("installed b")));
    window.wait_until_idle(tasks);
    CHECK(tasks.state().outcome == "installed b");
}

TEST_CASE("staff tasks: an outcome told on the render thread leaves a running task busy") {
    Window window;
    StaffTasks tasks([&window] { window.wake(); });
    HeldTask export_task;
    REQUIRE(tasks.start("exporting feedback", export_task.work("exported")));
    export_task.started.get_future().wait();
    tasks.tell(false, "This kiosk was started with --bundle: it does not use installed packs.");
    const StaffTasks::State during = tasks.state();
    export_task.released.set_value();
    CHECK(during.busy);
    CHECK(during.task == "exporting feedback");
    CHECK(during.outcome.find("--bundle") != std::string::npos);
    window.wait_until_idle(tasks);
    CHECK(tasks.state().outcome == "exported");
}

TEST_CASE("staff tasks: work that throws ends as a failed task, not a kiosk stuck busy") {
    Window window;
    StaffTasks tasks([&window] { window.wake(); });
    REQUIRE(tasks.start("exporting feedback", [](const StaffTasks::Progress&) -> StaffTaskOutcome {
        throw std::runtime_error("the stick was pulled out");
    }));
    window.wait_until_idle(tasks);
    CHECK_FALSE(tasks.state().outcome_ok);
    CHECK(tasks.state().outcome.find("the stick was pulled out") != std::string::npos);
}

TEST_CASE("staff tasks: destroyed with a task running, the task finishes first") {
    bool finished = false;
    {
        StaffTasks tasks([] {});
        REQUIRE(tasks.start("rolling back", [&finished](const StaffTasks::Progress&) {
            finished = true;
            return StaffTaskOutcome{true, "rolled back", {}};
        }));
    }
    CHECK(finished);
}
