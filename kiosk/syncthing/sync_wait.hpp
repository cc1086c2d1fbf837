#pragma once

#include <chrono>
#include <string>

#include "syncthing/rest_client.hpp"

namespace amanat::syncthing {

// Waiting for Syncthing to reach a state, for tests and tools: each polls the
// REST API every 100 ms until the condition holds, and throws a Failure naming
// what it waited for and what it saw last when `deadline` passes first. They
// block the calling thread (see RestClient for threads).
using Deadline = std::chrono::steady_clock::time_point;

// Connected to `device` right now (/rest/system/connections).
void wait_until_connected(RestClient& client, const std::string& device, Deadline deadline);

// `device` has everything of `folder` this Syncthing knows of: connected, and
// /rest/db/completion says completion 100 and needBytes 0. (Completion alone
// says 100 for a device that never connected: it needs nothing we know of.)
void wait_until_complete_on(RestClient& client, const std::string& folder, const std::string& device,
                            Deadline deadline);

// This Syncthing's own copy of `folder` is up to date: /rest/db/status says
// state "idle" and nothing needed (needTotalItems 0).
void wait_until_folder_idle(RestClient& client, const std::string& folder, Deadline deadline);

}  // namespace amanat::syncthing
