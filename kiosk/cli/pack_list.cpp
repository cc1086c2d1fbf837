#include "cli/pack_list.hpp"

#include <cstdio>

#include "cli/command_errors.hpp"
#include "cli/pack_settings.hpp"
#include "cli/terminal_table.hpp"
#include "core/files/diagnostics.hpp"
#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"
#include "core/settings/kiosk_config.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const char* const kSynopsis = "Usage: amanat pack list [--root DIR] [--config FILE] [--available] [--json]\n";

const char* const kHelp =
    "\n"
    "Lists the packs installed on this kiosk, newest first: which one is active, and which\n"
    "one `amanat pack rollback` would return to. With --available, also the pack files\n"
    "(*.amanat) on plugged-in USB sticks (/media, /run/media) and in the config's [packs]\n"
    "folder, newest first.\n"
    "\n"
    "Options:\n";

const char* const kMoreHelp =
    "  --available         also list pack files found on USB sticks\n"
    "  --json              print the list as JSON on standard output\n"
    "  -h, --help          print this help\n"
    "\n"
    "Exit status: 0 listed (an empty list too), 1 the packs folder cannot be read, 2 usage\n"
    "error.\n";

const CommandErrors kErrors{"amanat pack list", kSynopsis};

std::string short_key(const std::string& key) {
    return key.empty() ? "unsigned" : key.substr(0, 12) + "...";
}

}  // namespace

int pack_list(const std::vector<std::string>& args) {
    PackOptions options;
    bool json = false;
    bool available = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        std::string problem;
        const auto read = read_pack_option(args, i, {"--root", "--config"}, options, problem);
        if (read == PackOptionRead::wrong) return kErrors.usage_error(problem);
        if (read == PackOptionRead::read) continue;
        if (arg == "-h" || arg == "--help") {
            std::printf("%s%s%s%s%s", kSynopsis, kHelp, kRootHelp, kConfigHelp, kMoreHelp);
            return 0;
        } else if (arg == "--json") {
            json = true;
        } else if (arg == "--available") {
            available = true;
        } else {
            return kErrors.usage_error(!arg.empty() && arg[0] == '-' ? "unknown option '" + arg + "'"
                                                                     : "unexpected '" + arg + "'");
        }
    }
    PackSettings settings;
    std::string error;
    if (!resolve_pack_settings(options, "amanat pack list", settings, error))
        return kErrors.input_error(error);
    const pack::InstalledPacks packs(settings.root);
    const auto installed = packs.list(error);
    if (!error.empty()) return kErrors.input_error(error);
    std::vector<std::filesystem::path> files;
    if (available) {
        std::vector<std::filesystem::path> extra;
        if (options.config) {
            Diagnostics ignored;  // already reported by resolve_pack_settings()
            if (const auto folder = load_kiosk_config(*options.config, ignored).pack_folder)
                extra.push_back(*folder);
        }
        files = pack::find_pack_files(extra);
    }

    if (json) {
        std::vector<std::string> items;
        for (const auto& p : installed) {
            JsonRecord record;
            record.text("name", p.name)
                .text("folder", p.folder.string())
                .text("bundle_id", p.bundle_id)
                .text("bundle_version", p.bundle_version)
                .text("signer", p.signer)
                .text("installed_at", format_utc_time(p.installed_at))
                .raw("active", p.active ? "true" : "false")
                .raw("previous", p.previous ? "true" : "false");
            items.emplace_back(record.finish());
        }
        std::vector<std::string> found;
        for (const auto& f : files) found.push_back(json_quoted(f.string()));
        JsonRecord record;
        record.text("root", settings.root.string()).raw("packs", json_array(items));
        if (available) record.raw("available", json_array(found));
        std::printf("%s\n", std::string(record.finish()).c_str());
        return 0;
    }
    if (installed.empty()) {
        std::printf("No packs are installed in %s.\n", settings.root.c_str());
    } else {
        std::printf("Packs installed in %s, newest first:\n", settings.root.c_str());
        TerminalTable table(std::vector<TerminalTable::Align>(6, TerminalTable::Align::left));
        table.add({"", "EXHIBITION", "VERSION", "INSTALLED (UTC)", "SIGNER", "FOLDER"});
        for (const auto& p : installed) {
            table.add({p.active     ? "active"
                       : p.previous ? "previous"
                                    : "",
                       p.bundle_id, p.bundle_version, format_utc_time(p.installed_at), short_key(p.signer),
                       p.name});
        }
        std::fputs(table.render().c_str(), stdout);
    }
    if (available) {
        if (files.empty()) {
            std::printf("No pack files found on USB sticks.\n");
        } else {
            std::printf("Pack files found, newest first:\n");
            for (const auto& f : files) std::printf("  %s\n", printable(f.string()).c_str());
        }
    }
    return 0;
}

}  // namespace amanat::cli
