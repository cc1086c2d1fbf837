// amanat fleet init|id|join|accept: this machine's Syncthing prepared, and
// kiosks paired with the organisers (kiosk/syncthing does the work; this file
// reads options and prints).
#include "cli/fleet_link.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <optional>

#include "cli/command_line.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "syncthing/device_id.hpp"
#include "syncthing/failure.hpp"
#include "syncthing/folder_owner.hpp"
#include "syncthing/pairing.hpp"
#include "syncthing/rest_client.hpp"
#include "syncthing/syncthing_home.hpp"
#include "syncthing/syncthing_program.hpp"

namespace amanat::cli {
namespace {

namespace st = amanat::syncthing;

const char* const kExitStatus =
    "Exit status: 0 done, 1 bad input or Syncthing not reachable, 2 usage error.\n";

// --home DIR, which every subcommand takes.
void add_home_option(Command& command, std::optional<std::string>& home) {
    command.value("--home", home, "DIR", "a folder",
                  "this machine's Syncthing home (default: /var/lib/amanat/syncthing when\n"
                  "installed, else $XDG_STATE_HOME/amanat/syncthing)");
}

std::filesystem::path home_from(const std::optional<std::string>& home) {
    if (home) return std::filesystem::absolute(*home);
    return default_state_folder() / "syncthing";
}

std::filesystem::path folder_from(const std::optional<std::string>& given, const char* default_name) {
    if (given) return std::filesystem::absolute(*given).lexically_normal();
    return default_state_folder() / "fleet" / default_name;
}

// "organisers.example" or "host:22000" as Syncthing wants it: tcp://host:22000.
std::string syncthing_address(std::string address) {
    if (address == "dynamic") return address;
    if (address.find("://") == std::string::npos) address.insert(0, "tcp://");
    const std::size_t host = address.find("://") + 3;
    const std::size_t colon = address.rfind(':');
    const std::size_t bracket = address.rfind(']');
    if (colon < host || (bracket != std::string::npos && colon < bracket)) address += ":22000";
    return address;
}

// The device id typed, or nullopt after saying what is wrong with it (exit 1).
std::optional<std::string> device_id_from(const std::string& typed, const char* whose, const Command& command,
                                          int& status) {
    std::string problem;
    auto id = st::canonical_device_id(typed, problem);
    if (!id) {
        std::string message = whose;
        message += " device id '";
        message += typed;
        message += "' ";
        message += problem;
        status = command.input_error(message);
    }
    return id;
}

// A running Syncthing whose home is `home`, waiting a few seconds for one just started.
st::RestClient connect(const std::filesystem::path& home) {
    st::RestClient client(st::endpoint_of_home(home));
    if (!client.wait_until_answering(std::chrono::steady_clock::now() + std::chrono::seconds(5))) {
        std::string message = "cannot reach Syncthing at ";
        message += client.endpoint().address;
        message +=
            ": is amanat-syncthing running? (systemctl status amanat-syncthing; start it with "
            "systemctl start amanat-syncthing)";
        throw st::Failure(message);
    }
    return client;
}

void print_changes(const st::Changes& changes, const char* unchanged) {
    for (const std::string& change : changes) std::printf("%s\n", change.c_str());
    if (changes.empty()) std::printf("%s\n", unchanged);
}

// --- init ---------------------------------------------------------------------------

const CommandText kInitText{
    .listing = "init",
    .summary = "prepare this machine's Syncthing (before its first start) and\nprint its device id",
    .synopsis =
        "Usage: amanat fleet init [--home DIR] [--listen ADDR] [--gui ADDR] [--discovery] [--relays] "
        "[--json]\n",
    .description =
        "Prepares this machine's Syncthing before its first start and prints its device id\n"
        "(give it to the organisers, or to the kiosks). A new home is generated with no\n"
        "shared folder and locked down: no global or local discovery, no relays, no NAT\n"
        "traversal, no usage or crash reports, no automatic upgrades, the GUI and REST API\n"
        "on this machine only. An existing home is checked and left as it is, apart from\n"
        "the options given (Syncthing must be stopped to change them).\n",
    .footer = kExitStatus,
};

struct InitOptions {
    std::optional<std::string> home;
    st::HomeChoices choices;
    bool json = false;
};

bool loopback_address(const std::string& address) {
    return address.rfind("127.0.0.1:", 0) == 0 || address.rfind("localhost:", 0) == 0 ||
           address.rfind("[::1]:", 0) == 0;
}

int init(InitOptions options, const Command& command) {
    st::HomeChoices& choices = options.choices;
    choices.home = home_from(options.home);
    if (choices.gui_address && !loopback_address(*choices.gui_address))
        return command.usage_error(
            "--gui must be on this machine only (127.0.0.1:PORT): Syncthing's GUI has "
            "no password here");
    try {
        const st::PreparedHome prepared = st::prepare_home(choices);
        if (options.json) {
            const nlohmann::json out = {{"device_id", prepared.device_id},
                                        {"short_id", st::short_device_id(prepared.device_id)},
                                        {"home", choices.home.string()},
                                        {"created", prepared.created},
                                        {"changes", prepared.changes}};
            std::printf("%s\n", out.dump(2).c_str());
            return 0;
        }
        if (prepared.created)
            std::fprintf(stderr, "amanat fleet init: prepared a new Syncthing home in %s\n",
                         choices.home.c_str());
        for (const std::string& change : prepared.changes)
            std::fprintf(stderr, "amanat fleet init: changed %s\n", change.c_str());
        std::printf("%s\n", prepared.device_id.c_str());
        return 0;
    } catch (const st::Failure& failure) {
        return command.input_error(failure.what());
    }
}

}  // namespace

void add_fleet_init(Command& fleet) {
    const auto options = std::make_shared<InitOptions>();
    Command& command =
        fleet.command("init", kInitText, [options](const Command& c) { return init(*options, c); });
    command.heading("On a kiosk");
    add_home_option(command, options->home);
    command.value("--listen", options->choices.listen_address, "ADDR", "an address",
                  "where other machines connect to this one (default tcp://0.0.0.0:22000)");
    command.value("--gui", options->choices.gui_address, "ADDR", "an address",
                  "Syncthing's GUI and REST API, on loopback (default 127.0.0.1:8384)");
    command.flag("--discovery,!--no-discovery", options->choices.discovery,
                 "turn on global and local discovery (--no-discovery: off again), for\n"
                 "venues where kiosks cannot be given the organisers' address");
    command.flag("--relays,!--no-relays", options->choices.relays,
                 "turn on relays and NAT traversal (--no-relays: off again), for venues\n"
                 "whose network lets nothing in; listens on Syncthing's defaults");
    command.flag("--json", options->json, "print the id and what was done as JSON");
}

namespace {

const CommandText kIdText{
    .listing = "id",
    .summary = "print this machine's device id",
    .synopsis = "Usage: amanat fleet id [--home DIR] [--json]\n",
    .description = "Prints this machine's Syncthing device id (made by 'amanat fleet init').\n",
    .footer = kExitStatus,
};

struct IdOptions {
    std::optional<std::string> home;
    bool json = false;
};

int print_id(const IdOptions& options, const Command& command) {
    const std::filesystem::path home = home_from(options.home);
    std::error_code ec;
    if (!std::filesystem::exists(home / "cert.pem", ec)) {
        std::string message = "no Syncthing home in ";
        message += home.string();
        message += ": run 'amanat fleet init' first (or give --home)";
        return command.input_error(message);
    }
    try {
        const std::string id = st::device_id_of_home(home);
        if (options.json)
            std::printf(
                "%s\n",
                nlohmann::json({{"device_id", id}, {"short_id", st::short_device_id(id)}}).dump(2).c_str());
        else
            std::printf("%s\n", id.c_str());
        return 0;
    } catch (const st::Failure& failure) {
        return command.input_error(failure.what());
    }
}

}  // namespace

void add_fleet_id(Command& fleet) {
    const auto options = std::make_shared<IdOptions>();
    Command& command =
        fleet.command("id", kIdText, [options](const Command& c) { return print_id(*options, c); });
    command.heading("On a kiosk");
    add_home_option(command, options->home);
    command.flag("--json", options->json, "print {\"device_id\": ..., \"short_id\": ...}");
}

namespace {

const CommandText kJoinText{
    .listing = "join ORGANISER-ID ADDRESS",
    .summary = "receive the organisers' packs, send them this kiosk's outbox",
    .synopsis = "Usage: amanat fleet join ORGANISER-ID ADDRESS [--home DIR] [--inbox DIR] [--outbox DIR]\n",
    .description =
        "On a kiosk: pairs this kiosk's running Syncthing with the organisers' machine, whose\n"
        "device id is ORGANISER-ID ('amanat fleet id' there) and whose ADDRESS this kiosk\n"
        "connects to (tcp://organisers.example:22000; a bare host name means port 22000).\n"
        "The organisers' packs arrive in the inbox (receive only: nothing written there goes\n"
        "back); the outbox goes to the organisers (send only). The folders are made if\n"
        "missing. Running it again changes nothing; the organisers run 'amanat fleet accept'\n"
        "with this kiosk's id, before or after.\n",
    .footer = kExitStatus,
};

struct JoinOptions {
    std::string organisers, address;
    std::optional<std::string> home, inbox, outbox;
};

int join(const JoinOptions& options, const Command& command) {
    int status = 0;
    const auto organisers = device_id_from(options.organisers, "the organisers'", command, status);
    if (!organisers) return status;
    const std::filesystem::path home = home_from(options.home);
    st::Joining joining{*organisers, syncthing_address(options.address), folder_from(options.inbox, "inbox"),
                        folder_from(options.outbox, "outbox")};
    if (joining.inbox == joining.outbox) return command.usage_error("--inbox and --outbox must differ");
    try {
        st::RestClient kiosk = connect(home);
        st::make_folder_for_service(joining.inbox, home / "config.xml");
        st::make_folder_for_service(joining.outbox, home / "config.xml");
        print_changes(st::join_organisers(kiosk, joining), "already joined: nothing to change");
        return 0;
    } catch (const st::Failure& failure) {
        return command.input_error(failure.what());
    }
}

}  // namespace

void add_fleet_join(Command& fleet) {
    const auto options = std::make_shared<JoinOptions>();
    Command& command =
        fleet.command("join", kJoinText, [options](const Command& c) { return join(*options, c); });
    command.heading("On a kiosk");
    command.operand("ORGANISER-ID", options->organisers, "missing arguments");
    command.operand("ADDRESS", options->address, "missing arguments");
    add_home_option(command, options->home);
    command.value("--inbox", options->inbox, "DIR", "a folder",
                  "where packs arrive (default: the state folder's fleet/inbox,\n"
                  "/var/lib/amanat/fleet/inbox when installed)");
    command.value("--outbox", options->outbox, "DIR", "a folder",
                  "what goes to the organisers (default: the state folder's fleet/outbox)");
}

namespace {

const CommandText kAcceptText{
    .listing = "accept KIOSK-ID",
    .summary = "send a kiosk the packs, collect its outbox",
    .synopsis =
        "Usage: amanat fleet accept KIOSK-ID [--address ADDR] [--name NAME] [--packs DIR] [--collected DIR]\n"
        "                           [--home DIR]\n",
    .description =
        "On the organisers' machine: pairs its running Syncthing with a kiosk whose device id\n"
        "is KIOSK-ID ('amanat fleet init' or 'amanat fleet id' on the kiosk). The packs folder\n"
        "is sent to it (send only: what a kiosk changes never comes back), and its outbox is\n"
        "collected into COLLECTED/NAME (receive only). Running it again changes nothing; the\n"
        "kiosk runs 'amanat fleet join' with this machine's id, before or after.\n",
    .footer = kExitStatus,
};

struct AcceptOptions {
    std::string kiosk;
    std::optional<std::string> home, address, name, packs, collected;
};

bool good_folder_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\0') == std::string::npos;
}

int accept(const AcceptOptions& options, const Command& command) {
    int status = 0;
    const auto kiosk = device_id_from(options.kiosk, "the kiosk's", command, status);
    if (!kiosk) return status;
    const std::string name = options.name.value_or(st::short_device_id(*kiosk));
    if (!good_folder_name(name))
        return command.usage_error("--name must be usable as a folder name (no '/'), not '" + name + "'");
    const std::filesystem::path home = home_from(options.home);
    st::Accepting accepting{*kiosk, std::nullopt, name, folder_from(options.packs, "packs"),
                            folder_from(options.collected, "collected") / name};
    if (options.address) accepting.kiosk_address = syncthing_address(*options.address);
    try {
        st::RestClient organisers = connect(home);
        st::make_folder_for_service(accepting.packs, home / "config.xml");
        st::make_folder_for_service(accepting.collected_by_kiosk, home / "config.xml");
        print_changes(st::accept_kiosk(organisers, accepting), "already accepted: nothing to change");
        return 0;
    } catch (const st::Failure& failure) {
        return command.input_error(failure.what());
    }
}

}  // namespace

void add_fleet_accept(Command& fleet) {
    const auto options = std::make_shared<AcceptOptions>();
    Command& command =
        fleet.command("accept", kAcceptText, [options](const Command& c) { return accept(*options, c); });
    command.heading("On the organisers' machine");
    command.operand("KIOSK-ID", options->kiosk, "missing arguments");
    add_home_option(command, options->home);
    command.value("--address", options->address, "ADDR", "an address",
                  "where to reach the kiosk (default: none; the kiosk connects here)");
    command.value("--name", options->name, "NAME", "a value",
                  "the kiosk's name here and its folder under COLLECTED (default: the\n"
                  "first seven letters of its id)");
    command.value("--packs", options->packs, "DIR", "a folder",
                  "the packs every kiosk receives (default: the state folder's fleet/packs)");
    command.value("--collected", options->collected, "DIR", "a folder",
                  "where the kiosks' outboxes arrive, one folder each (default: the\n"
                  "state folder's fleet/collected)");
}

}  // namespace amanat::cli
