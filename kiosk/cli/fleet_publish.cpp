// amanat fleet publish: what the kiosk publishes every few minutes, now: its
// status and its feedback's day files into the [fleet] outbox (fleet/outbox.hpp),
// for a technician who wants the organisers to see a kiosk at once, and for tests.
#include "cli/fleet_publish.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/command_line.hpp"
#include "core/files/diagnostics.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "fleet/fleet_folders.hpp"
#include "fleet/outbox.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "publish",
    .summary = "write this kiosk's status and feedback into its outbox now",
    .synopsis = "Usage: amanat fleet publish [--config FILE]\n",
    .description =
        "Writes the kiosk's status and its feedback (one file per day of visits that changed)\n"
        "into the [fleet] outbox of its config now, as the kiosk does every\n"
        "publish_every_minutes; Syncthing then sends them to the organisers. Safe while the\n"
        "kiosk runs: every file is written whole and renamed into place.\n",
    .footer =
        "Exit status: 0 published, 1 no outbox in the config or something could not be\n"
        "written (named), 2 usage error.\n",
};

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The kiosk's id as it keeps it, never made here ("" until the kiosk has made one).
std::string kiosk_id_in(const std::filesystem::path& state) {
    std::string id = read_all(state / "kiosk-id");
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    return id;
}

int publish(const std::filesystem::path& config_file, const Command& command) {
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(config_file, problems);
    for (const Diagnostic& d : problems.items())
        std::fprintf(stderr, "amanat fleet publish: %s:%d: %s\n", d.file.c_str(), d.line, d.message.c_str());
    const std::filesystem::path state = default_state_folder();
    const fleet::FleetFolders folders = fleet::fleet_folders(config, state);
    if (!folders.outbox)
        return command.input_error(
            config_file.string() + " sets no [fleet] outbox and this kiosk has not joined (no " +
            (state / "fleet" / "outbox").string() +
            "): nothing to publish to (see packaging/README.md, 'Connecting kiosks to the "
            "organisers')");
    fleet::Outbox outbox(*folders.outbox,
                         config.feedback ? config.feedback_database.value_or(state / "feedback.sqlite")
                                         : std::filesystem::path(),
                         state / "fleet" / "published-at");
    fleet::PublicationInput input;
    input.status_json = read_all(state / "status.json");
    input.kiosk_id = kiosk_id_in(state);
    input.now = static_cast<long long>(std::time(nullptr));
    fleet::local_day_and_week(input.now, input.today_start, input.week_start);
    std::string error;
    if (!outbox.publish(input, error)) return command.input_error(error);
    std::printf("Published to %s%s\n", folders.outbox->c_str(),
                input.status_json.empty() ? " (no status yet: the kiosk has not run here)" : "");
    return 0;
}

}  // namespace

void add_fleet_publish(Command& fleet) {
    const auto config_file = std::make_shared<std::filesystem::path>("/etc/amanat/kiosk.toml");
    Command& command =
        fleet.command("publish", kText, [config_file](const Command& c) { return publish(*config_file, c); });
    command.heading("On a kiosk");
    command.value("--config", *config_file, "FILE", "a file",
                  "the kiosk's config (default /etc/amanat/kiosk.toml)");
}

}  // namespace amanat::cli
