#include "syncthing/sync_wait.hpp"

#include <functional>
#include <thread>

#include "syncthing/failure.hpp"

namespace amanat::syncthing {
namespace {

// Polls `holds` (which also describes what it saw) until true or the deadline.
void poll_until(const std::string& waited_for, Deadline deadline,
                const std::function<bool(std::string&)>& holds) {
    std::string seen;
    for (;;) {
        if (holds(seen)) return;
        if (std::chrono::steady_clock::now() >= deadline) {
            std::string message = "gave up waiting for ";
            message += waited_for;
            message += "; last seen: ";
            message += seen;
            throw Failure(message);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a polling interval
    }
}

bool connected(RestClient& client, const std::string& device, std::string& seen) {
    const nlohmann::json connections = client.get("/rest/system/connections");
    const nlohmann::json& entry = connections["connections"][device];
    seen = entry.is_null() ? "not a known device" : entry.dump();
    return entry.is_object() && entry.value("connected", false);
}

}  // namespace

void wait_until_connected(RestClient& client, const std::string& device, Deadline deadline) {
    std::string what = "a connection to ";
    what += device;
    poll_until(what, deadline, [&](std::string& seen) { return connected(client, device, seen); });
}

void wait_until_complete_on(RestClient& client, const std::string& folder, const std::string& device,
                            Deadline deadline) {
    std::string what = "the folder ";
    what += folder;
    what += " to be complete on ";
    what += device;
    std::string path = "/rest/db/completion?folder=";
    path += folder;
    path += "&device=";
    path += device;
    poll_until(what, deadline, [&](std::string& seen) {
        if (!connected(client, device, seen)) return false;
        const nlohmann::json completion = client.get(path);
        seen = completion.dump();
        return completion.value("completion", 0.0) >= 100.0 && completion.value("needBytes", -1) == 0;
    });
}

void wait_until_folder_idle(RestClient& client, const std::string& folder, Deadline deadline) {
    std::string what = "the folder ";
    what += folder;
    what += " to be idle and complete here";
    std::string path = "/rest/db/status?folder=";
    path += folder;
    poll_until(what, deadline, [&](std::string& seen) {
        const nlohmann::json status = client.get(path);
        seen = "state ";
        seen += status.value("state", std::string("?"));
        seen += ", ";
        seen += std::to_string(status.value("needTotalItems", -1));
        seen += " items needed";
        return status.value("state", "") == "idle" && status.value("needTotalItems", -1) == 0;
    });
}

}  // namespace amanat::syncthing
