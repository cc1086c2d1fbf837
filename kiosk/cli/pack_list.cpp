#include "cli/pack_list.hpp"

#include <cstdio>
#include <memory>

#include "cli/command_line.hpp"
#include "cli/installed_pack_json.hpp"
#include "cli/pack_settings.hpp"
#include "cli/terminal_table.hpp"
#include "core/files/diagnostics.hpp"
#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"
#include "core/settings/kiosk_config.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "list",
    .summary = "the packs installed on this kiosk, and which is active",
    .synopsis = "Usage: amanat pack list [--root DIR] [--config FILE] [--available] [--json]\n",
    .description =
        "Lists the packs installed on this kiosk, newest first: which one is active, and which\n"
        "one `amanat pack rollback` would return to. With --available, also the pack files\n"
        "(*.amanat) on plugged-in USB sticks (/media, /run/media) and in the config's [packs]\n"
        "folder, newest first.\n",
    .footer =
        "Exit status: 0 listed (an empty list too), 1 the packs folder cannot be read, 2 usage\n"
        "error.\n",
};

struct ListOptions {
    PackOptions packs;
    bool json = false;
    bool available = false;
};

std::string short_key(const std::string& key) {
    return key.empty() ? "unsigned" : key.substr(0, 12) + "...";
}

void print_json(const std::filesystem::path& root, const std::vector<pack::InstalledPack>& installed,
                const std::vector<std::filesystem::path>* files) {
    std::vector<std::string> items;
    for (const auto& p : installed) items.push_back(pack_json(p));
    JsonRecord record;
    record.text("root", root.string()).raw("packs", json_array(items));
    if (files != nullptr) {
        std::vector<std::string> found;
        for (const auto& f : *files) found.push_back(json_quoted(f.string()));
        record.raw("available", json_array(found));
    }
    std::printf("%s\n", std::string(record.finish()).c_str());
}

void print_text(const std::filesystem::path& root, const std::vector<pack::InstalledPack>& installed,
                const std::vector<std::filesystem::path>* files) {
    if (installed.empty()) {
        std::printf("No packs are installed in %s.\n", root.c_str());
    } else {
        std::printf("Packs installed in %s, newest first:\n", root.c_str());
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
    if (files == nullptr) return;
    if (files->empty()) {
        std::printf("No pack files found on USB sticks.\n");
    } else {
        std::printf("Pack files found, newest first:\n");
        for (const auto& f : *files) std::printf("  %s\n", printable(f.string()).c_str());
    }
}

int list(const ListOptions& options, const Command& command) {
    PackSettings settings;
    std::string error;
    if (!resolve_pack_settings(options.packs, "amanat pack list", settings, error))
        return command.input_error(error);
    const pack::InstalledPacks packs(settings.root);
    const auto installed = packs.list(error);
    if (!error.empty()) return command.input_error(error);
    std::vector<std::filesystem::path> files;
    if (options.available) {
        std::vector<std::filesystem::path> extra;
        if (options.packs.config) {
            Diagnostics ignored;  // already reported by resolve_pack_settings()
            if (const auto folder = load_kiosk_config(*options.packs.config, ignored).pack_folder)
                extra.push_back(*folder);
        }
        files = pack::find_pack_files(extra);
    }
    (options.json ? print_json : print_text)(settings.root, installed, options.available ? &files : nullptr);
    return 0;
}

}  // namespace

void add_pack_list(Command& pack) {
    const auto options = std::make_shared<ListOptions>();
    Command& command = pack.command("list", kText, [options](const Command& c) { return list(*options, c); });
    add_root_option(command, options->packs);
    add_config_option(command, options->packs);
    command.flag("--available", options->available, "also list pack files found on USB sticks");
    command.flag("--json", options->json, "print the list as JSON on standard output");
}

}  // namespace amanat::cli
