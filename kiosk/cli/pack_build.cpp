#include "cli/pack_build.hpp"

#include <cstdio>
#include <optional>

#include "cli/command_errors.hpp"
#include "cli/pack_progress.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/files/byte_count.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const char* const kSynopsis = "Usage: amanat pack build BUNDLE_DIR -o NAME.amanat [--sign KEYFILE]\n";

const char* const kHelp =
    "\n"
    "Validates the exhibition bundle in BUNDLE_DIR (as `amanat pack validate` does; any\n"
    "error stops the build) and writes one pack file holding the bundle and a manifest of\n"
    "every file's size and BLAKE2b-256 hash, signed with KEYFILE (made by `amanat pack\n"
    "keygen`). Kiosks install it with `amanat pack install`. Hidden files (.git, .DS_Store)\n"
    "are left out. NAME.amanat appears only once it is complete.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   the pack file to write; its name must end in .amanat\n"
    "  --sign KEYFILE      sign it (kiosks refuse unsigned packs unless told otherwise)\n"
    "  -q, --quiet         no progress\n"
    "  -h, --help          print this help\n"
    "\n"
    "Exit status: 0 written, 1 the bundle has errors or a file cannot be read or written,\n"
    "2 usage error.\n";

const CommandErrors kErrors{"amanat pack build", kSynopsis};

}  // namespace

int pack_build(const std::vector<std::string>& args) {
    std::string folder;
    std::optional<std::filesystem::path> output;
    std::optional<std::filesystem::path> key;
    bool quiet = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size() || args[i + 1].empty()) return std::nullopt;
            return args[++i];
        };
        if (arg == "-h" || arg == "--help") {
            std::printf("%s%s", kSynopsis, kHelp);
            return 0;
        } else if (arg == "-o" || arg == "--output") {
            output = value();
            if (!output) return kErrors.usage_error(arg + " needs the pack file to write");
        } else if (arg == "--sign") {
            key = value();
            if (!key)
                return kErrors.usage_error("--sign needs the secret key file (from `amanat pack keygen`)");
        } else if (arg == "-q" || arg == "--quiet") {
            quiet = true;
        } else if (!arg.empty() && arg[0] == '-') {
            return kErrors.usage_error("unknown option '" + arg + "'");
        } else if (folder.empty()) {
            folder = arg;
        } else {
            return kErrors.usage_error("give one bundle folder (got '" + folder + "' and '" + arg + "')");
        }
    }
    if (folder.empty()) return kErrors.usage_error("which bundle folder should I pack?");
    if (!output) return kErrors.usage_error("where should I write the pack? (give -o NAME.amanat)");
    if (output->extension() != ".amanat")
        return kErrors.usage_error("the pack's name must end in .amanat (kiosks look for that), not '" +
                                   output->string() + "'");

    ValidationReport report;
    std::string error;
    bool built = false;
    {
        ProgressLine progress(quiet);
        built = pack::build_pack(folder, *output, key, progress.callback(), report, error);
    }
    if (!built) {
        // The validation's own report says where each error is and how to fix it.
        if (report.diagnostics.has_errors()) std::fputs(format_report_text(report).c_str(), stderr);
        return kErrors.input_error(error);
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(*output, ec);
    std::printf("Wrote %s (%s %s, %s)%s\n", output->c_str(), report.bundle->exhibition.id.c_str(),
                report.bundle->exhibition.version.c_str(),
                describe_bytes(ec ? 0 : static_cast<long long>(size)).c_str(),
                key ? ", signed" : ", unsigned: kiosks accept it only if their config allows unsigned packs");
    return 0;
}

}  // namespace amanat::cli
