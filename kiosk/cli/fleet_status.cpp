// amanat fleet status FOLDER: every kiosk the organisers have heard from, read
// from their outboxes as Syncthing collected them (one folder per kiosk holding
// status.json and publication.json; docs/FLEET.md), for an organiser at a terminal
// or, with --json, for monitoring.
#include "cli/fleet_status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "cli/command_line.hpp"
#include "cli/terminal_table.hpp"
#include "core/files/utc_time.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "status FOLDER",
    .summary = "every kiosk heard from: venue, last heard, exhibition, visits",
    .synopsis = "Usage: amanat fleet status FOLDER [--json]\n",
    .description =
        "Every kiosk heard from, read from FOLDER: the organisers' collected folder, where\n"
        "Syncthing puts each kiosk's outbox (any depth; each holds the kiosk's status.json).\n"
        "For each kiosk: venue, kiosk id, when it was last heard from, the exhibition and pack\n"
        "it shows, visits today and this week (as the kiosk counted them when it published),\n"
        "its last problem, and a pack it refused. Kiosks not heard from for more than a day\n"
        "are flagged LATE. A kiosk's outbox found twice (a copy, a conflict) counts once: its\n"
        "newest status.\n"
        "\n"
        "Exit status 1 when FOLDER holds no kiosk's status, or a status file cannot be read\n"
        "(it is named; the others are still listed).\n",
};

struct StatusOptions {
    std::string folder;
    bool json = false;
};

constexpr long long kLateSeconds = 24 * 3600;

// One kiosk as its outbox tells it.
struct HeardKiosk {
    std::string kiosk_id, venue, exhibition, pack, problem, refused;
    long long heard_at = 0;  // Unix seconds: the newest of its status and publication
    long long visits_today = -1, visits_this_week = -1;
    std::string folder;
};

std::string text_of(const nlohmann::json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

long long time_of(const std::string& text) {
    std::string ignored;
    const auto parsed = parse_time_argument(text, ignored);
    return parsed ? parsed->unix_seconds : 0;
}

// status.json and publication.json in `folder`; false with `problem`.
bool read_kiosk(const std::filesystem::path& folder, HeardKiosk& kiosk, std::string& problem) {
    const std::filesystem::path file = folder / "status.json";
    std::ifstream in(file);
    const nlohmann::json status = nlohmann::json::parse(in, nullptr, false);
    if (!status.is_object()) {
        problem = file.string() +
                  ": not a kiosk's status file (unreadable, or cut short: Syncthing may still be "
                  "copying it; try again in a minute)";
        return false;
    }
    const nlohmann::json exhibition = status.value("exhibition", nlohmann::json::object());
    kiosk.folder = folder.string();
    kiosk.kiosk_id = text_of(status, "kiosk_id");
    kiosk.venue = text_of(status, "venue");
    kiosk.exhibition = text_of(exhibition, "id") + " " + text_of(exhibition, "version");
    kiosk.pack = text_of(exhibition, "active_pack");
    kiosk.heard_at = time_of(text_of(status, "written_at"));
    const nlohmann::json problems = status.value("recent_problems", nlohmann::json::array());
    if (problems.is_array() && !problems.empty() && problems.back().is_string())
        kiosk.problem = problems.back().get<std::string>();
    const nlohmann::json fleet = status.value("fleet", nlohmann::json::object());
    if (fleet.is_object() && !fleet.value("pack_installed", true) && !text_of(fleet, "pack_file").empty())
        kiosk.refused = text_of(fleet, "pack_file") + ": " + text_of(fleet, "pack_message");
    std::ifstream published_in(folder / "publication.json");
    const nlohmann::json published = nlohmann::json::parse(published_in, nullptr, false);
    if (published.is_object()) {
        kiosk.heard_at = std::max(kiosk.heard_at, time_of(text_of(published, "published_at")));
        kiosk.visits_today = published.value("visits_today", -1LL);
        kiosk.visits_this_week = published.value("visits_this_week", -1LL);
        if (kiosk.kiosk_id.empty()) kiosk.kiosk_id = text_of(published, "kiosk_id");
    }
    if (kiosk.kiosk_id.empty()) {
        kiosk.kiosk_id = "(no id yet: ";
        kiosk.kiosk_id += folder.filename().string();
        kiosk.kiosk_id += ')';
    }
    return true;
}

// Every kiosk below `root`, one per kiosk id (the newest heard), sorted by venue then id.
std::vector<HeardKiosk> find_kiosks(const std::filesystem::path& root, std::vector<std::string>& problems) {
    std::map<std::string, HeardKiosk> kiosks;
    std::error_code ec;
    std::filesystem::recursive_directory_iterator it(root, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && (name[0] == '.' || name[0] == '~') && it->is_directory(ec)) {
            it.disable_recursion_pending();  // Syncthing's own folders (.stfolder, .stversions)
            continue;
        }
        if (name != "status.json" || !it->is_regular_file(ec)) continue;
        HeardKiosk kiosk;
        std::string problem;
        if (!read_kiosk(it->path().parent_path(), kiosk, problem)) {
            problems.push_back(problem);
            continue;
        }
        auto [place, added] = kiosks.try_emplace(kiosk.kiosk_id, kiosk);
        if (!added && kiosk.heard_at > place->second.heard_at) place->second = kiosk;
    }
    std::vector<HeardKiosk> sorted;
    for (auto& [id, kiosk] : kiosks) sorted.push_back(std::move(kiosk));
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const HeardKiosk& a, const HeardKiosk& b) { return a.venue < b.venue; });
    return sorted;
}

std::string ago(long long seconds) {
    if (seconds < 120) return "just now";
    if (seconds < 7200) return std::to_string(seconds / 60) + " min ago";
    if (seconds < 2 * 86400) return std::to_string(seconds / 3600) + " h ago";
    return std::to_string(seconds / 86400) + " days ago";
}

std::string count_or_dash(long long count) {
    return count < 0 ? std::string("-") : std::to_string(count);
}

void print_table(const std::vector<HeardKiosk>& kiosks, long long now) {
    TerminalTable table({TerminalTable::Align::left, TerminalTable::Align::left, TerminalTable::Align::left,
                         TerminalTable::Align::left, TerminalTable::Align::right,
                         TerminalTable::Align::right});
    table.add({"VENUE", "KIOSK", "LAST HEARD", "SHOWING", "TODAY", "WEEK"});
    for (const HeardKiosk& kiosk : kiosks) {
        const bool late = now - kiosk.heard_at > kLateSeconds;
        std::string heard = kiosk.heard_at > 0 ? ago(now - kiosk.heard_at) : std::string("never");
        if (late) heard.insert(0, "LATE: ");
        std::string showing = kiosk.exhibition;
        if (!kiosk.pack.empty()) showing += " (pack)";
        table.add({kiosk.venue.empty() ? std::string("(no venue set)") : kiosk.venue,
                   kiosk.kiosk_id.substr(0, 12), heard, showing, count_or_dash(kiosk.visits_today),
                   count_or_dash(kiosk.visits_this_week)});
    }
    std::fputs(table.render().c_str(), stdout);
    for (const HeardKiosk& kiosk : kiosks) {
        if (!kiosk.refused.empty())
            std::printf("  %s refused a pack: %s\n", kiosk.kiosk_id.substr(0, 12).c_str(),
                        kiosk.refused.c_str());
        if (!kiosk.problem.empty())
            std::printf("  %s last problem: %s\n", kiosk.kiosk_id.substr(0, 12).c_str(),
                        kiosk.problem.c_str());
    }
}

void print_json(const std::vector<HeardKiosk>& kiosks, long long now) {
    nlohmann::json list = nlohmann::json::array();
    for (const HeardKiosk& kiosk : kiosks) {
        list.push_back({{"kiosk_id", kiosk.kiosk_id},
                        {"venue", kiosk.venue},
                        {"folder", kiosk.folder},
                        {"last_heard_at", kiosk.heard_at > 0 ? format_utc_time(kiosk.heard_at) : ""},
                        {"late", now - kiosk.heard_at > kLateSeconds},
                        {"exhibition", kiosk.exhibition},
                        {"active_pack", kiosk.pack},
                        {"visits_today", kiosk.visits_today},
                        {"visits_this_week", kiosk.visits_this_week},
                        {"last_problem", kiosk.problem},
                        {"refused_pack", kiosk.refused}});
    }
    std::printf("%s\n", nlohmann::json{{"kiosks", list}}
                            .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                            .c_str());
}

int show_status(const StatusOptions& options, const Command& command) {
    const std::string& folder = options.folder;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        return command.input_error(folder +
                                   ": no such folder; give the folder Syncthing collects the kiosks into");
    std::vector<std::string> problems;
    const std::vector<HeardKiosk> kiosks = find_kiosks(folder, problems);
    for (const std::string& problem : problems)
        std::fprintf(stderr, "amanat fleet status: %s\n", problem.c_str());
    if (kiosks.empty() && problems.empty())
        return command.input_error(folder +
                                   ": no kiosk heard from yet (no status.json below it); is Syncthing "
                                   "running, and were the kiosks accepted (amanat fleet accept)?");
    const long long now = static_cast<long long>(std::time(nullptr));
    if (options.json)
        print_json(kiosks, now);
    else
        print_table(kiosks, now);
    return problems.empty() ? 0 : 1;
}

}  // namespace

void add_fleet_status(Command& fleet) {
    const auto options = std::make_shared<StatusOptions>();
    Command& command =
        fleet.command("status", kText, [options](const Command& c) { return show_status(*options, c); });
    command.heading("On the organisers' machine");
    command.operand("FOLDER", options->folder, "which folder? Give the organisers' collected folder");
    command.flag("--json", options->json, "every kiosk's facts as JSON, for monitoring");
}

}  // namespace amanat::cli
