#include "cli/pack_install.hpp"

#include <cstdio>
#include <memory>

#include "cli/command_line.hpp"
#include "cli/installed_pack_json.hpp"
#include "cli/pack_progress.hpp"
#include "cli/pack_settings.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "install FILE",
    .summary = "install a pack on this kiosk and make it the active exhibition",
    .synopsis =
        "Usage: amanat pack install PACK.amanat [--root DIR] [--config FILE] [--trust KEY]...\n"
        "                           [--allow-unsigned] [--allow-older] [--json]\n",
    .description =
        "Installs an exhibition pack on this kiosk: checks its signature against the trusted\n"
        "keys, extracts it into the packs folder's staging/ while checking every file's hash\n"
        "(refusing links, devices, paths leading out and anything beyond the limits), validates\n"
        "the exhibition, then makes it the active one in a single step. The exhibition it\n"
        "replaces is kept: `amanat pack rollback` returns to it. A power cut at any moment\n"
        "leaves the old exhibition or the new one active, never a mix. docs/PACKS.md explains\n"
        "every refusal.\n"
        "\n"
        "PACK.amanat must be a regular file: a pipe, a device or a folder is refused at once.\n"
        "\n"
        "An older version of the active exhibition (the same id, a lower version: versions\n"
        "compare part by part at the dots, numbers as numbers, so 2026.9.1 < 2026.11.1) is\n"
        "refused unless --allow-older is given, so that no pack ever signed can quietly put\n"
        "back content a newer one replaced; staff mode refuses it too. `amanat pack rollback`\n"
        "returns to the previous pack without it.\n",
    .footer =
        "Exit status: 0 installed (or already the active exhibition), 1 refused (the active\n"
        "exhibition is unchanged; also an older version without --allow-older), 2 usage error.\n",
};

struct InstallOptions {
    PackOptions packs;
    bool json = false;
    bool quiet = false;
    bool allow_older = false;
    std::string file;
};

int install(const InstallOptions& options, const Command& command) {
    PackSettings settings;
    std::string problem;
    if (!resolve_pack_settings(options.packs, "amanat pack install", settings, problem))
        return command.input_error(problem);
    if (!settings.trust_given) {
        std::fprintf(stderr,
                     "amanat pack install: note: no trusted keys given (--config FILE or --trust KEY), so a "
                     "signed pack will be refused as untrusted\n");
    }

    pack::InstalledPacks packs(settings.root);
    pack::InstallOutcome outcome;
    {
        ProgressLine progress(options.quiet);
        outcome = packs.install(options.file, settings.trust, settings.limits, progress.callback(),
                                options.allow_older ? pack::OlderPack::allow : pack::OlderPack::refuse);
    }
    // Also after a refusal: what it left in staging/ must be the kiosk's to clear.
    if (const std::string note = hand_packs_to_kiosk_user(settings.root); !note.empty())
        std::fprintf(stderr, "amanat pack install: %s\n", note.c_str());
    if (options.json) {
        JsonRecord record;
        record.raw("ok", outcome.ok ? "true" : "false")
            .text("message", outcome.message)
            .text("root", settings.root.string())
            .raw("pack", outcome.installed ? pack_json(*outcome.installed) : "null")
            .raw("older_than_active", outcome.older_than_active ? "true" : "false")
            .raw("validation", outcome.validation.diagnostics.has_errors()
                                   ? format_report_json(outcome.validation)
                                   : std::string("null"));
        std::printf("%s\n", std::string(record.finish()).c_str());
    }
    if (!outcome.ok) {
        if (!options.json && outcome.validation.diagnostics.has_errors())
            std::fputs(format_report_text(outcome.validation).c_str(), stderr);
        return command.input_error(outcome.message);
    }
    std::fprintf(options.json ? stderr : stdout, "%s\n(packs folder: %s)\n", outcome.message.c_str(),
                 settings.root.c_str());
    return 0;
}

}  // namespace

void add_pack_install(Command& pack) {
    const auto options = std::make_shared<InstallOptions>();
    Command& command =
        pack.command("install", kText, [options](const Command& c) { return install(*options, c); });
    command.operand("PACK", options->file, "which pack file should I install?");
    add_root_option(command, options->packs);
    add_config_option(command, options->packs);
    add_trust_options(command, options->packs);
    command.flag("--allow-older", options->allow_older,
                 "install it even if it is an older version of the active\n"
                 "exhibition (going back on purpose)");
    command.flag("--json", options->json, "print the outcome as JSON on standard output");
    command.flag("-q,--quiet", options->quiet, "no progress");
}

}  // namespace amanat::cli
