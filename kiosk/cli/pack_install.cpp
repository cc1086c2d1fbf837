#include "cli/pack_install.hpp"

#include <cstdio>

#include "cli/command_errors.hpp"
#include "cli/pack_progress.hpp"
#include "cli/pack_settings.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const char* const kSynopsis =
    "Usage: amanat pack install PACK.amanat [--root DIR] [--config FILE] [--trust KEY]...\n"
    "                           [--allow-unsigned] [--allow-older] [--json]\n";

const char* const kHelp =
    "\n"
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
    "returns to the previous pack without it.\n"
    "\n"
    "Options:\n";

const char* const kMoreHelp =
    "  --allow-older       install it even if it is an older version of the active\n"
    "                      exhibition (going back on purpose)\n"
    "  --json              print the outcome as JSON on standard output\n"
    "  -q, --quiet         no progress\n"
    "  -h, --help          print this help\n"
    "\n"
    "Exit status: 0 installed (or already the active exhibition), 1 refused (the active\n"
    "exhibition is unchanged; also an older version without --allow-older), 2 usage error.\n";

const CommandErrors kErrors{"amanat pack install", kSynopsis};

std::string pack_json(const pack::InstalledPack& p) {
    JsonRecord record;
    record.text("name", p.name)
        .text("folder", p.folder.string())
        .text("bundle_id", p.bundle_id)
        .text("bundle_version", p.bundle_version)
        .text("signer", p.signer)
        .text("installed_at", format_utc_time(p.installed_at))
        .raw("active", p.active ? "true" : "false")
        .raw("previous", p.previous ? "true" : "false");
    return std::string(record.finish());
}

}  // namespace

int pack_install(const std::vector<std::string>& args) {
    PackOptions options;
    bool json = false;
    bool quiet = false;
    auto older = pack::OlderPack::refuse;
    std::string file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        std::string problem;
        const auto read = read_pack_option(args, i, {"--root", "--config", "--trust", "--allow-unsigned"},
                                           options, problem);
        if (read == PackOptionRead::wrong) return kErrors.usage_error(problem);
        if (read == PackOptionRead::read) continue;
        if (arg == "-h" || arg == "--help") {
            std::printf("%s%s%s%s%s%s", kSynopsis, kHelp, kRootHelp, kConfigHelp, kTrustHelp, kMoreHelp);
            return 0;
        } else if (arg == "--json") {
            json = true;
        } else if (arg == "--allow-older") {
            older = pack::OlderPack::allow;
        } else if (arg == "-q" || arg == "--quiet") {
            quiet = true;
        } else if (!arg.empty() && arg[0] == '-') {
            return kErrors.usage_error("unknown option '" + arg + "'");
        } else if (file.empty()) {
            file = arg;
        } else {
            return kErrors.usage_error("give one pack file (got '" + file + "' and '" + arg + "')");
        }
    }
    if (file.empty()) return kErrors.usage_error("which pack file should I install?");
    PackSettings settings;
    std::string problem;
    if (!resolve_pack_settings(options, "amanat pack install", settings, problem))
        return kErrors.input_error(problem);
    if (!settings.trust_given) {
        std::fprintf(stderr,
                     "amanat pack install: note: no trusted keys given (--config FILE or --trust KEY), so a "
                     "signed pack will be refused as untrusted\n");
    }

    pack::InstalledPacks packs(settings.root);
    pack::InstallOutcome outcome;
    {
        ProgressLine progress(quiet);
        outcome = packs.install(file, settings.trust, settings.limits, progress.callback(), older);
    }
    // Also after a refusal: what it left in staging/ must be the kiosk's to clear.
    if (const std::string note = hand_packs_to_kiosk_user(settings.root); !note.empty())
        std::fprintf(stderr, "amanat pack install: %s\n", note.c_str());
    if (json) {
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
        if (!json && outcome.validation.diagnostics.has_errors())
            std::fputs(format_report_text(outcome.validation).c_str(), stderr);
        return kErrors.input_error(outcome.message);
    }
    std::fprintf(json ? stderr : stdout, "%s\n(packs folder: %s)\n", outcome.message.c_str(),
                 settings.root.c_str());
    return 0;
}

}  // namespace amanat::cli
