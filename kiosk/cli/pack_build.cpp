#include "cli/pack_build.hpp"

#include <cstdio>
#include <memory>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/pack_progress.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/files/byte_count.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "build DIR -o FILE",
    .summary = "validate a bundle and write it as one signed pack file",
    .synopsis = "Usage: amanat pack build BUNDLE_DIR -o NAME.amanat [--sign KEYFILE]\n",
    .description =
        "Validates the exhibition bundle in BUNDLE_DIR (as `amanat pack validate` does; any\n"
        "error stops the build) and writes one pack file holding the bundle and a manifest of\n"
        "every file's size and BLAKE2b-256 hash, signed with KEYFILE (made by `amanat pack\n"
        "keygen`). Kiosks install it with `amanat pack install`. Hidden files (.git, .DS_Store)\n"
        "are left out. NAME.amanat appears only once it is complete.\n",
    .footer =
        "Exit status: 0 written, 1 the bundle has errors or a file cannot be read or written,\n"
        "2 usage error.\n",
};

struct BuildOptions {
    std::string folder;
    std::optional<std::filesystem::path> output;
    std::optional<std::filesystem::path> key;
    bool quiet = false;
};

int build(const BuildOptions& options, const Command& command) {
    const auto& output = options.output;
    if (!output) return command.usage_error("where should I write the pack? (give -o NAME.amanat)");
    if (output->extension() != ".amanat")
        return command.usage_error(
            std::string("the pack's name must end in .amanat (kiosks look for that), not '") +
            output->string() + "'");

    ValidationReport report;
    std::string error;
    bool built = false;
    {
        ProgressLine progress(options.quiet);
        built = pack::build_pack(options.folder, *output, options.key, progress.callback(), report, error);
    }
    if (!built) {
        // The validation's own report says where each error is and how to fix it.
        if (report.diagnostics.has_errors()) std::fputs(format_report_text(report).c_str(), stderr);
        return command.input_error(error);
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(*output, ec);
    std::printf(
        "Wrote %s (%s %s, %s)%s\n", output->c_str(), report.bundle->exhibition.id.c_str(),
        report.bundle->exhibition.version.c_str(),
        describe_bytes(ec ? 0 : static_cast<long long>(size)).c_str(),
        options.key ? ", signed" : ", unsigned: kiosks accept it only if their config allows unsigned packs");
    return 0;
}

}  // namespace

void add_pack_build(Command& pack) {
    const auto options = std::make_shared<BuildOptions>();
    Command& command =
        pack.command("build", kText, [options](const Command& c) { return build(*options, c); });
    command.operand("BUNDLE_DIR", options->folder, "which bundle folder should I pack?");
    command.value("-o,--output", options->output, "FILE", "the pack file to write",
                  "the pack file to write; its name must end in .amanat");
    command.value("--sign", options->key, "KEYFILE", "the secret key file (from `amanat pack keygen`)",
                  "sign it (kiosks refuse unsigned packs unless told otherwise)");
    command.flag("-q,--quiet", options->quiet, "no progress");
}

}  // namespace amanat::cli
