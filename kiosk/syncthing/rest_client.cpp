#include "syncthing/rest_client.hpp"

#include <curl/curl.h>

#include <mutex>
#include <thread>

#include "syncthing/config_xml.hpp"
#include "syncthing/failure.hpp"

namespace amanat::syncthing {
namespace {

// curl_global_init is not thread-safe on every libcurl build: once, before any handle.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append_to_string(char* data, size_t size, size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

std::string unreachable(const std::string& address, const char* why) {
    std::string message = "cannot reach Syncthing at ";
    message += address;
    message += " (";
    message += why;
    message += "): is amanat-syncthing running? (systemctl status amanat-syncthing)";
    return message;
}

}  // namespace

struct RestClient::Curl {
    CURL* handle = nullptr;
    ~Curl() {
        if (handle != nullptr) curl_easy_cleanup(handle);
    }
};

Endpoint endpoint_of_home(const std::filesystem::path& home) {
    const ConfigXml config = ConfigXml::read(home / "config.xml");
    Endpoint endpoint{config.value("gui", "address"), config.value("gui", "apikey")};
    // A GUI listening on every address is reached on loopback; a URL-like
    // address (http://host:port, as --gui-address takes) is reduced to host:port.
    if (const auto scheme = endpoint.address.find("://"); scheme != std::string::npos)
        endpoint.address.erase(0, scheme + 3);
    if (endpoint.address.rfind("0.0.0.0:", 0) == 0) endpoint.address.replace(0, 7, "127.0.0.1");
    if (endpoint.address.rfind(":", 0) == 0) endpoint.address.insert(0, "127.0.0.1");
    if (endpoint.api_key.empty()) {
        std::string message = (home / "config.xml").string();
        message +=
            " has no API key in <gui><apikey>: start Syncthing once with this home, or run "
            "'amanat fleet init' on a new one";
        throw Failure(message);
    }
    return endpoint;
}

RestClient::RestClient(Endpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout), curl_(std::make_unique<Curl>()) {
    init_curl_once();
    curl_->handle = curl_easy_init();
    if (curl_->handle == nullptr) throw Failure("cannot start libcurl (out of memory?)");
}

RestClient::~RestClient() = default;
RestClient::RestClient(RestClient&&) noexcept = default;
RestClient& RestClient::operator=(RestClient&&) noexcept = default;

RestClient::Reply RestClient::request(const char* method, const std::string& path,
                                      const nlohmann::json* body) {
    CURL* curl = curl_->handle;
    curl_easy_reset(curl);
    std::string url = "http://";
    url += endpoint_.address;
    url += path;
    std::string key_header = "X-API-Key: ";
    key_header += endpoint_.api_key;
    curl_slist* headers = curl_slist_append(nullptr, key_header.c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    const std::string sent = body != nullptr ? body->dump() : std::string();
    Reply reply;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (body != nullptr) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, sent.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(sent.size()));
    }
    // Syncthing is on this machine: an http_proxy in the environment must not
    // carry the key elsewhere. No signals: libcurl may run on any thread.
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_to_string);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    const CURLcode done = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (done != CURLE_OK) throw Failure(unreachable(endpoint_.address, curl_easy_strerror(done)));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

nlohmann::json RestClient::checked(const char* method, const std::string& path, const Reply& reply) const {
    if (reply.status == 403) {
        std::string message = "Syncthing at ";
        message += endpoint_.address;
        message +=
            " refused the API key (is that another Syncthing than the one whose home was given? "
            "see --home)";
        throw Failure(message);
    }
    if (reply.status < 200 || reply.status >= 300) {
        std::string message = "Syncthing at ";
        message += endpoint_.address;
        message += " answered ";
        message += method;
        message += ' ';
        message += path;
        message += " with ";
        message += std::to_string(reply.status);
        message += ": ";
        message += reply.body;
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw Failure(message);
    }
    if (reply.body.empty()) return nlohmann::json();
    nlohmann::json parsed = nlohmann::json::parse(reply.body, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json(reply.body) : parsed;
}

nlohmann::json RestClient::get(const std::string& path) {
    return checked("GET", path, request("GET", path, nullptr));
}

std::optional<nlohmann::json> RestClient::find(const std::string& path) {
    const Reply reply = request("GET", path, nullptr);
    if (reply.status == 404) return std::nullopt;
    return checked("GET", path, reply);
}

nlohmann::json RestClient::post(const std::string& path, const nlohmann::json& body) {
    return checked("POST", path, request("POST", path, &body));
}

nlohmann::json RestClient::put(const std::string& path, const nlohmann::json& body) {
    return checked("PUT", path, request("PUT", path, &body));
}

nlohmann::json RestClient::patch(const std::string& path, const nlohmann::json& body) {
    return checked("PATCH", path, request("PATCH", path, &body));
}

bool RestClient::wait_until_answering(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        try {
            get("/rest/system/ping");
            return true;
        } catch (const Failure& failure) {
            // Refused or not listening yet: try again. Anything that answered is final.
            if (std::string(failure.what()).rfind("cannot reach", 0) != 0) throw;
        }
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a polling interval
    }
}

}  // namespace amanat::syncthing
