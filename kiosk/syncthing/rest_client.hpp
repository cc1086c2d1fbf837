#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace amanat::syncthing {

// Where a running Syncthing answers, and the key it wants: its GUI address
// (host:port; the REST API lives there) and <apikey>, both from its config.xml.
struct Endpoint {
    std::string address;  // "127.0.0.1:8384"
    std::string api_key;
};

// The endpoint of the Syncthing whose home is `home` (a Failure when its
// config.xml is missing, unreadable, or lacks <gui>'s <address> or <apikey>).
Endpoint endpoint_of_home(const std::filesystem::path& home);

// A small client of Syncthing's REST API over libcurl, JSON in and out.
//
// Why REST: once Syncthing has started, its config.xml belongs to it (it
// rewrites the file), and Debian 12's `syncthing cli` 1.19.2 panics on any
// option that takes a list (`config devices add --addresses ...`). The REST
// API takes whole objects: POST /rest/config/devices, PUT /rest/config/folders/ID.
//
// Every failure is a Failure: Syncthing not answering ("cannot reach Syncthing
// at 127.0.0.1:8384: is amanat-syncthing running? ..."), the key refused, or an
// answer other than 2xx (with Syncthing's own words).
//
// Thread contract: one RestClient per thread (it owns one libcurl handle); any
// number of them may exist at once.
class RestClient {
  public:
    explicit RestClient(Endpoint endpoint, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~RestClient();
    RestClient(const RestClient&) = delete;
    RestClient& operator=(const RestClient&) = delete;
    RestClient(RestClient&&) noexcept;
    RestClient& operator=(RestClient&&) noexcept;

    // `path` is the API's path with its query: "/rest/db/status?folder=amanat-packs".
    nlohmann::json get(const std::string& path);
    // The same, but a 404 (no such folder or device) is nullopt, not a Failure.
    std::optional<nlohmann::json> find(const std::string& path);
    nlohmann::json post(const std::string& path, const nlohmann::json& body);
    nlohmann::json put(const std::string& path, const nlohmann::json& body);
    nlohmann::json patch(const std::string& path, const nlohmann::json& body);

    // True when Syncthing answers /rest/system/ping with this key, as soon as
    // it does, polling until `deadline` (a Syncthing just started needs a few
    // seconds before it listens). False when it never did; a Failure only when
    // something answers that refuses the key.
    bool wait_until_answering(std::chrono::steady_clock::time_point deadline);

    const Endpoint& endpoint() const { return endpoint_; }

  private:
    struct Reply {
        long status = 0;
        std::string body;
    };
    Reply request(const char* method, const std::string& path, const nlohmann::json* body);
    nlohmann::json checked(const char* method, const std::string& path, const Reply& reply) const;

    Endpoint endpoint_;
    std::chrono::milliseconds timeout_;
    struct Curl;
    std::unique_ptr<Curl> curl_;
};

}  // namespace amanat::syncthing
