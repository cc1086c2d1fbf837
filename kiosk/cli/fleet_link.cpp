// amanat fleet init|id|join|accept: this machine's Syncthing prepared, and
// kiosks paired with the organisers (kiosk/syncthing does the work; this file
// reads options and prints).
#include "cli/fleet_link.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <optional>

#include "cli/command_errors.hpp"
#include "cli/feedback_options.hpp"
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

const char* const kHomeHelp =
    "  --home DIR       this machine's Syncthing home (default: /var/lib/amanat/syncthing when\n"
    "                   installed, else $XDG_STATE_HOME/amanat/syncthing)\n";
const char* const kExitStatus =
    "\nExit status: 0 done, 1 bad input or Syncthing not reachable, 2 usage error.\n";

// --- options ----------------------------------------------------------------------

struct Option {
    const char* name;
    bool takes_value;
};

struct Parsed {
    std::map<std::string, std::string> values;  // option -> value ("" for a flag)
    std::vector<std::string> operands;
    bool help = false;
    bool has(const char* name) const { return values.count(name) != 0; }
    std::optional<std::string> get(const char* name) const {
        const auto found = values.find(name);
        return found == values.end() ? std::nullopt : std::optional<std::string>(found->second);
    }
};

// Reads `args` against `options` and checks the number of operands; nullopt
// after an error (`status` 2) or when --help was asked (`parsed.help`).
std::optional<Parsed> parse(const std::vector<std::string>& raw, std::initializer_list<Option> options,
                            std::size_t operands, const CommandErrors& errors, int& status) {
    const std::vector<std::string> args = split_option_values(raw);
    Parsed parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h" || arg == "--help") {
            parsed.help = true;
            return parsed;
        }
        if (arg.size() < 2 || arg[0] != '-') {
            parsed.operands.push_back(arg);
            continue;
        }
        const Option* known = nullptr;
        for (const Option& option : options)
            if (arg == option.name) known = &option;
        if (known == nullptr) {
            status = errors.usage_error("unknown option '" + arg + "'");
            return std::nullopt;
        }
        if (known->takes_value && (i + 1 >= args.size() || args[i + 1].empty())) {
            status = errors.usage_error(arg + " needs a value");
            return std::nullopt;
        }
        parsed.values[arg] = known->takes_value ? args[++i] : "";
    }
    if (parsed.operands.size() != operands) {
        status = errors.usage_error(parsed.operands.size() < operands
                                        ? "missing arguments"
                                        : "unexpected '" + parsed.operands.back() + "'");
        return std::nullopt;
    }
    return parsed;
}

std::filesystem::path home_from(const Parsed& parsed) {
    if (const auto home = parsed.get("--home")) return std::filesystem::absolute(*home);
    return default_state_folder() / "syncthing";
}

std::filesystem::path folder_from(const Parsed& parsed, const char* option, const char* default_name) {
    if (const auto given = parsed.get(option)) return std::filesystem::absolute(*given).lexically_normal();
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
std::optional<std::string> device_id_from(const std::string& typed, const char* whose,
                                          const CommandErrors& errors, int& status) {
    std::string problem;
    auto id = st::canonical_device_id(typed, problem);
    if (!id) {
        std::string message = whose;
        message += " device id '";
        message += typed;
        message += "' ";
        message += problem;
        status = errors.input_error(message);
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

const char* const kInitSynopsis =
    "Usage: amanat fleet init [--home DIR] [--listen ADDR] [--gui ADDR] [--discovery] [--relays] [--json]\n";
const char* const kInitHelp =
    "\n"
    "Prepares this machine's Syncthing before its first start and prints its device id\n"
    "(give it to the organisers, or to the kiosks). A new home is generated with no\n"
    "shared folder and locked down: no global or local discovery, no relays, no NAT\n"
    "traversal, no usage or crash reports, no automatic upgrades, the GUI and REST API\n"
    "on this machine only. An existing home is checked and left as it is, apart from\n"
    "the options given (Syncthing must be stopped to change them).\n"
    "\n"
    "Options:\n";
const char* const kInitOptions =
    "  --listen ADDR    where other machines connect to this one (default tcp://0.0.0.0:22000)\n"
    "  --gui ADDR       Syncthing's GUI and REST API, on loopback (default 127.0.0.1:8384)\n"
    "  --discovery      turn on global and local discovery (--no-discovery: off again), for\n"
    "                   venues where kiosks cannot be given the organisers' address\n"
    "  --relays         turn on relays and NAT traversal (--no-relays: off again), for venues\n"
    "                   whose network lets nothing in; listens on Syncthing's defaults\n"
    "  --json           print the id and what was done as JSON\n"
    "  -h, --help       print this help\n";

const CommandErrors kInitErrors{"amanat fleet init", kInitSynopsis};

bool loopback_address(const std::string& address) {
    return address.rfind("127.0.0.1:", 0) == 0 || address.rfind("localhost:", 0) == 0 ||
           address.rfind("[::1]:", 0) == 0;
}

}  // namespace

int fleet_init(const std::vector<std::string>& args) {
    int status = 0;
    const auto parsed = parse(args,
                              {{"--home", true},
                               {"--listen", true},
                               {"--gui", true},
                               {"--discovery", false},
                               {"--no-discovery", false},
                               {"--relays", false},
                               {"--no-relays", false},
                               {"--json", false}},
                              0, kInitErrors, status);
    if (!parsed) return status;
    if (parsed->help) {
        std::printf("%s%s%s%s%s", kInitSynopsis, kInitHelp, kHomeHelp, kInitOptions, kExitStatus);
        return 0;
    }
    st::HomeChoices choices;
    choices.home = home_from(*parsed);
    choices.listen_address = parsed->get("--listen");
    choices.gui_address = parsed->get("--gui");
    if (choices.gui_address && !loopback_address(*choices.gui_address))
        return kInitErrors.usage_error(
            "--gui must be on this machine only (127.0.0.1:PORT): Syncthing's GUI has "
            "no password here");
    if (parsed->has("--discovery") || parsed->has("--no-discovery"))
        choices.discovery = parsed->has("--discovery");
    if (parsed->has("--relays") || parsed->has("--no-relays")) choices.relays = parsed->has("--relays");
    try {
        const st::PreparedHome prepared = st::prepare_home(choices);
        if (parsed->has("--json")) {
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
        return kInitErrors.input_error(failure.what());
    }
}

namespace {

const char* const kIdSynopsis = "Usage: amanat fleet id [--home DIR] [--json]\n";
const char* const kIdHelp =
    "\n"
    "Prints this machine's Syncthing device id (made by 'amanat fleet init').\n"
    "\n"
    "Options:\n";
const char* const kIdOptions =
    "  --json           print {\"device_id\": ..., \"short_id\": ...}\n"
    "  -h, --help       print this help\n";
const CommandErrors kIdErrors{"amanat fleet id", kIdSynopsis};

}  // namespace

int fleet_id(const std::vector<std::string>& args) {
    int status = 0;
    const auto parsed = parse(args, {{"--home", true}, {"--json", false}}, 0, kIdErrors, status);
    if (!parsed) return status;
    if (parsed->help) {
        std::printf("%s%s%s%s%s", kIdSynopsis, kIdHelp, kHomeHelp, kIdOptions, kExitStatus);
        return 0;
    }
    const std::filesystem::path home = home_from(*parsed);
    std::error_code ec;
    if (!std::filesystem::exists(home / "cert.pem", ec)) {
        std::string message = "no Syncthing home in ";
        message += home.string();
        message += ": run 'amanat fleet init' first (or give --home)";
        return kIdErrors.input_error(message);
    }
    try {
        const std::string id = st::device_id_of_home(home);
        if (parsed->has("--json"))
            std::printf(
                "%s\n",
                nlohmann::json({{"device_id", id}, {"short_id", st::short_device_id(id)}}).dump(2).c_str());
        else
            std::printf("%s\n", id.c_str());
        return 0;
    } catch (const st::Failure& failure) {
        return kIdErrors.input_error(failure.what());
    }
}

namespace {

const char* const kJoinSynopsis =
    "Usage: amanat fleet join ORGANISER-ID ADDRESS [--home DIR] [--inbox DIR] [--outbox DIR]\n";
const char* const kJoinHelp =
    "\n"
    "On a kiosk: pairs this kiosk's running Syncthing with the organisers' machine, whose\n"
    "device id is ORGANISER-ID ('amanat fleet id' there) and whose ADDRESS this kiosk\n"
    "connects to (tcp://organisers.example:22000; a bare host name means port 22000).\n"
    "The organisers' packs arrive in the inbox (receive only: nothing written there goes\n"
    "back); the outbox goes to the organisers (send only). The folders are made if\n"
    "missing. Running it again changes nothing; the organisers run 'amanat fleet accept'\n"
    "with this kiosk's id, before or after.\n"
    "\n"
    "Options:\n";
const char* const kJoinOptions =
    "  --inbox DIR      where packs arrive (default: the state folder's fleet/inbox,\n"
    "                   /var/lib/amanat/fleet/inbox when installed)\n"
    "  --outbox DIR     what goes to the organisers (default: the state folder's fleet/outbox)\n"
    "  -h, --help       print this help\n";
const CommandErrors kJoinErrors{"amanat fleet join", kJoinSynopsis};

}  // namespace

int fleet_join(const std::vector<std::string>& args) {
    int status = 0;
    const auto parsed =
        parse(args, {{"--home", true}, {"--inbox", true}, {"--outbox", true}}, 2, kJoinErrors, status);
    if (!parsed) return status;
    if (parsed->help) {
        std::printf("%s%s%s%s%s", kJoinSynopsis, kJoinHelp, kHomeHelp, kJoinOptions, kExitStatus);
        return 0;
    }
    const auto organisers = device_id_from(parsed->operands[0], "the organisers'", kJoinErrors, status);
    if (!organisers) return status;
    const std::filesystem::path home = home_from(*parsed);
    st::Joining joining{*organisers, syncthing_address(parsed->operands[1]),
                        folder_from(*parsed, "--inbox", "inbox"), folder_from(*parsed, "--outbox", "outbox")};
    if (joining.inbox == joining.outbox) return kJoinErrors.usage_error("--inbox and --outbox must differ");
    try {
        st::RestClient kiosk = connect(home);
        st::make_folder_for_service(joining.inbox, home / "config.xml");
        st::make_folder_for_service(joining.outbox, home / "config.xml");
        print_changes(st::join_organisers(kiosk, joining), "already joined: nothing to change");
        return 0;
    } catch (const st::Failure& failure) {
        return kJoinErrors.input_error(failure.what());
    }
}

namespace {

const char* const kAcceptSynopsis =
    "Usage: amanat fleet accept KIOSK-ID [--address ADDR] [--name NAME] [--packs DIR] [--collected DIR]\n"
    "                           [--home DIR]\n";
const char* const kAcceptHelp =
    "\n"
    "On the organisers' machine: pairs its running Syncthing with a kiosk whose device id\n"
    "is KIOSK-ID ('amanat fleet init' or 'amanat fleet id' on the kiosk). The packs folder\n"
    "is sent to it (send only: what a kiosk changes never comes back), and its outbox is\n"
    "collected into COLLECTED/NAME (receive only). Running it again changes nothing; the\n"
    "kiosk runs 'amanat fleet join' with this machine's id, before or after.\n"
    "\n"
    "Options:\n";
const char* const kAcceptOptions =
    "  --address ADDR   where to reach the kiosk (default: none; the kiosk connects here)\n"
    "  --name NAME      the kiosk's name here and its folder under COLLECTED (default: the\n"
    "                   first seven letters of its id)\n"
    "  --packs DIR      the packs every kiosk receives (default: the state folder's fleet/packs)\n"
    "  --collected DIR  where the kiosks' outboxes arrive, one folder each (default: the\n"
    "                   state folder's fleet/collected)\n"
    "  -h, --help       print this help\n";
const CommandErrors kAcceptErrors{"amanat fleet accept", kAcceptSynopsis};

bool good_folder_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\0') == std::string::npos;
}

}  // namespace

int fleet_accept(const std::vector<std::string>& args) {
    int status = 0;
    const auto parsed = parse(
        args,
        {{"--home", true}, {"--address", true}, {"--name", true}, {"--packs", true}, {"--collected", true}},
        1, kAcceptErrors, status);
    if (!parsed) return status;
    if (parsed->help) {
        std::printf("%s%s%s%s%s", kAcceptSynopsis, kAcceptHelp, kHomeHelp, kAcceptOptions, kExitStatus);
        return 0;
    }
    const auto kiosk = device_id_from(parsed->operands[0], "the kiosk's", kAcceptErrors, status);
    if (!kiosk) return status;
    const std::string name = parsed->get("--name").value_or(st::short_device_id(*kiosk));
    if (!good_folder_name(name))
        return kAcceptErrors.usage_error("--name must be usable as a folder name (no '/'), not '" + name +
                                         "'");
    const std::filesystem::path home = home_from(*parsed);
    st::Accepting accepting{*kiosk, std::nullopt, name, folder_from(*parsed, "--packs", "packs"),
                            folder_from(*parsed, "--collected", "collected") / name};
    if (const auto address = parsed->get("--address")) accepting.kiosk_address = syncthing_address(*address);
    try {
        st::RestClient organisers = connect(home);
        st::make_folder_for_service(accepting.packs, home / "config.xml");
        st::make_folder_for_service(accepting.collected_by_kiosk, home / "config.xml");
        print_changes(st::accept_kiosk(organisers, accepting), "already accepted: nothing to change");
        return 0;
    } catch (const st::Failure& failure) {
        return kAcceptErrors.input_error(failure.what());
    }
}

}  // namespace amanat::cli
