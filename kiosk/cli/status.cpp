// amanat status: the kiosk's health as its status file tells it (written by the
// kiosk once a minute; app/health_report.hpp), for staff at a terminal.
#include "cli/status.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "cli/command_line.hpp"
#include "core/files/utc_time.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/settings/kiosk_identity.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .synopsis = "Usage: amanat status [--file FILE] [--json]\n",
    .description =
        "Prints the kiosk's health from the status file it replaces every minute: version,\n"
        "exhibition and active pack, what is on screen, uptime and restarts, memory, free\n"
        "disk, how it draws on the screen, feedback saved, and the last problems it logged.\n"
        "Exit status 1 when the file is missing or more than three minutes old (the kiosk is\n"
        "not running, or hangs: see journalctl -u amanat-kiosk), or when the kiosk could not\n"
        "draw on the screen at all (the reason is printed).\n",
};

struct StatusOptions {
    std::optional<std::filesystem::path> file;
    bool json = false;
};

constexpr long long kStaleSeconds = 180;

std::string text_of(const nlohmann::json& object, const char* key) {
    const auto found = object.find(key);
    if (found == object.end()) return "";
    return found->is_string() ? found->get<std::string>() : found->dump();
}

// How the kiosk draws, the ways it fell back from, or why it draws nothing.
void print_display(const nlohmann::json& display) {
    if (const std::string problem = text_of(display, "problem"); !problem.empty()) {
        std::printf("  display        NOTHING SHOWN: %s\n", problem.c_str());
        return;
    }
    const std::string fallbacks = text_of(display, "fallbacks");
    std::printf("  display        %s%s\n", text_of(display, "drawing").c_str(),
                fallbacks.empty() ? "" : (" (fallback; tried first: " + fallbacks + ")").c_str());
}

// ", 1.3 MB" from database_megabytes (the file with its -wal), or "" when the
// file does not say (older kiosks, or feedback off).
std::string database_size(const nlohmann::json& feedback) {
    const auto found = feedback.find("database_megabytes");
    if (found == feedback.end() || !found->is_number()) return "";
    char text[64];
    std::snprintf(text, sizeof text, ", %.1f MB with its -wal", found->get<double>());
    return text;
}

// Where visitors' feedback goes and how it fares. Files written before the
// kiosk said its state have only the database ("" when off).
void print_feedback(const nlohmann::json& feedback) {
    const std::string database = text_of(feedback, "database");
    std::string state = text_of(feedback, "state");
    if (state.empty()) state = database.empty() ? "off" : "recording";
    if (state == "off") {
        std::printf("  feedback       off\n");
    } else if (state == "opening") {
        std::printf("  feedback       %s (opening: the file is being checked; ratings wait for it)\n",
                    database.c_str());
    } else if (state == "not recording") {
        std::printf("  feedback       NOT RECORDED (%s could not be opened)\n", database.c_str());
    } else {
        std::printf("  feedback       %s, %s rows saved since start%s\n", database.c_str(),
                    text_of(feedback, "rows_saved_since_start").c_str(), database_size(feedback).c_str());
    }
    if (const std::string problem = text_of(feedback, "problem"); !problem.empty())
        std::printf("  feedback problem: %s\n", problem.c_str());
}

std::string duration(long long seconds) {
    const long long days = seconds / 86400;
    const long long hours = seconds % 86400 / 3600;
    const long long minutes = seconds % 3600 / 60;
    std::string out;
    if (days > 0) out += std::to_string(days) + " d ";
    return out + std::to_string(hours) + " h " + std::to_string(minutes) + " min";
}

int print_status(const StatusOptions& options, const Command& command) {
    const std::filesystem::path file = options.file.value_or(default_state_folder() / "status.json");
    std::ifstream in(file);
    if (!in) {
        return command.input_error("no status file " + file.string() +
                                   ": the kiosk has not run here, or not as this user (installed kiosks: "
                                   "systemctl status amanat-kiosk)");
    }
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json report = nlohmann::json::parse(text.str(), nullptr, false);
    if (report.is_discarded() || !report.is_object())
        return command.input_error(file.string() + " is not a status file (not JSON)");
    if (options.json) {
        std::fputs(text.str().c_str(), stdout);
    } else {
        const nlohmann::json exhibition = report.value("exhibition", nlohmann::json::object());
        const nlohmann::json starts = report.value("starts", nlohmann::json::object());
        const nlohmann::json feedback = report.value("feedback", nlohmann::json::object());
        const std::string pack = text_of(exhibition, "active_pack");
        std::printf("Amanat %s, written %s\n", text_of(report, "version").c_str(),
                    text_of(report, "written_at").c_str());
        std::printf("  exhibition     %s %s%s\n", text_of(exhibition, "id").c_str(),
                    text_of(exhibition, "version").c_str(),
                    pack.empty() ? " (built in, no pack installed)" : (" (pack " + pack + ")").c_str());
        if (const std::string fallback = text_of(exhibition, "crash_fallback"); !fallback.empty())
            std::printf("  WENT BACK      at %s: %s\n", text_of(exhibition, "crash_fallback_at").c_str(),
                        fallback.c_str());
        std::printf("  on screen      %s%s\n", text_of(report, "showing").c_str(),
                    report.value("screen_asleep", false) ? " (asleep: outside opening hours)" : "");
        print_display(report.value("display", nlohmann::json::object()));
        if (const std::string speech = report.value("speech", ""); !speech.empty())
            std::printf("  speech         %s\n", speech.c_str());
        std::printf("  running for    %s (since %s; %s starts in the last day, %s in all)\n",
                    duration(report.value("uptime_seconds", 0LL)).c_str(),
                    text_of(report, "started_at").c_str(), text_of(starts, "in_last_day").c_str(),
                    text_of(starts, "total").c_str());
        std::printf("  memory         %s MB\n", text_of(report, "memory_megabytes").c_str());
        std::printf("  disk free      %s MB\n", text_of(report, "disk_free_megabytes").c_str());
        print_feedback(feedback);
        const nlohmann::json problems = report.value("recent_problems", nlohmann::json::array());
        std::printf("  recent problems%s\n", problems.empty() ? ": none" : ":");
        for (const auto& line : problems) std::printf("    %s\n", line.get<std::string>().c_str());
    }
    // A file not replaced for minutes: the kiosk stopped, or its loop hangs.
    std::string unreadable;
    const auto written = parse_time_argument(text_of(report, "written_at"), unreadable);
    const long long age = written ? static_cast<long long>(std::time(nullptr)) - written->unix_seconds : -1;
    if (!written || age > kStaleSeconds) {
        return command.input_error(
            "the status file is " + (written ? std::to_string(age / 60) + " minutes" : "of unknown age") +
            " old: the kiosk is not running or not responding; see journalctl -u amanat-kiosk");
    }
    // The kiosk stopped because it could not draw: staff must act.
    if (const std::string problem = text_of(report.value("display", nlohmann::json::object()), "problem");
        !problem.empty())
        return command.input_error("the kiosk shows nothing: " + problem);
    // A pack kept stopping the kiosk: it runs, but not with what staff installed.
    if (const std::string fallback =
            text_of(report.value("exhibition", nlohmann::json::object()), "crash_fallback");
        !fallback.empty())
        return command.input_error(fallback);
    return 0;
}

}  // namespace

void add_status(Command& program) {
    const auto options = std::make_shared<StatusOptions>();
    Command& command =
        program.command("status", kText, [options](const Command& c) { return print_status(*options, c); });
    command.value("--file", options->file, "FILE", "a file",
                  "the status file (default: /var/lib/amanat/status.json when installed,\n"
                  "else $XDG_STATE_HOME/amanat/status.json)");
    command.flag("--json", options->json, "print the file itself, for monitoring");
}

}  // namespace amanat::cli
