#include "cli/pack_verify.hpp"

#include <cstdio>
#include <memory>

#include "cli/command_line.hpp"
#include "cli/pack_progress.hpp"
#include "cli/pack_settings.hpp"
#include "core/files/byte_count.hpp"
#include "core/files/json_record.hpp"
#include "pack/packs.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "verify FILE",
    .summary = "check a pack's signature and every file's hash",
    .synopsis =
        "Usage: amanat pack verify PACK.amanat [--trust KEY]... [--config FILE] [--allow-unsigned] "
        "[--json]\n",
    .description =
        "Reads a whole pack without installing it: its signature, and every file's size and\n"
        "BLAKE2b-256 hash against the signed manifest; also every check an install makes on\n"
        "the archive (no links, devices or paths leading out, nothing extra or missing, the\n"
        "kiosk's limits). Ends with a verdict.\n"
        "\n"
        "Without --trust or --config the signature is checked but nobody's key is trusted or\n"
        "distrusted: the verdict names the signer, and an unsigned pack is refused unless\n"
        "--allow-unsigned is given.\n",
    .footer =
        "Exit status: 0 intact and acceptable, 1 damaged, altered, unsigned, signed by a key not\n"
        "trusted, or unreadable, 2 usage error.\n",
};

struct VerifyOptions {
    PackOptions packs;
    bool json = false;
    bool quiet = false;
    std::string file;
};

int verify(const VerifyOptions& options, const Command& command) {
    const std::string& file = options.file;
    PackSettings settings;
    std::string problem;
    if (!resolve_pack_settings(options.packs, "amanat pack verify", settings, problem))
        return command.input_error(problem);

    // With no trust given, keys are not judged here: only whether a signature
    // is there and matches, which the reader checks in any case.
    pack::Trust trust = settings.trust;
    if (!settings.trust_given) trust.allow_unsigned = true;
    pack::PackCheck check;
    {
        ProgressLine progress(options.quiet);
        check = pack::verify_pack(file, trust, settings.limits, progress.callback());
    }
    const bool signed_pack = !check.signer.empty();
    std::string signature_words;
    bool acceptable = check.ok;
    if (!signed_pack) {
        signature_words = "none: the pack is not signed";
        if (!settings.trust.allow_unsigned) {
            acceptable = false;
            if (check.ok)
                check.problems.push_back(
                    file +
                    ": is not signed, and kiosks refuse unsigned packs unless their config "
                    "says allow_unsigned = true (development only); build it with --sign");
        }
    } else if (check.signer_trusted) {
        signature_words = "valid, by the trusted key " + check.signer;
    } else if (settings.trust_given) {
        signature_words = "valid, by the key " + check.signer + ", which is NOT trusted" +
                          (settings.trust.allow_unsigned ? " (accepted: unsigned packs are allowed)" : "");
    } else {
        signature_words = "valid, by the key " + check.signer +
                          " (give --config or --trust to check that a kiosk trusts it)";
    }

    if (options.json) {
        std::vector<std::string> problems;
        for (const std::string& p : check.problems) problems.push_back(json_quoted(p));
        JsonRecord record;
        record.text("file", file)
            .raw("ok", acceptable ? "true" : "false")
            .text("bundle_id", check.bundle_id)
            .text("bundle_version", check.bundle_version)
            .number("files", check.files)
            .number("bytes", check.bytes)
            .text("hash", "blake2b-256")
            .raw("signed", signed_pack ? "true" : "false")
            .text("signer", check.signer)
            .raw("signer_trusted", !settings.trust_given  ? "null"
                                   : check.signer_trusted ? "true"
                                                          : "false")
            .raw("problems", json_array(problems));
        std::printf("%s\n", std::string(record.finish()).c_str());
        return acceptable ? 0 : 1;
    }
    std::printf("%s: %s\n", file.c_str(), acceptable ? "OK, intact and acceptable" : "NOT ACCEPTABLE");
    if (!check.bundle_id.empty()) {
        std::printf("  exhibition  %s %s\n", check.bundle_id.c_str(), check.bundle_version.c_str());
        std::printf("  content     %lld files, %s%s\n", check.files, describe_bytes(check.bytes).c_str(),
                    check.ok ? "; every size and BLAKE2b-256 hash matches the signed manifest" : "");
        // Unsigned and not ok may also be a signature that did not match: the
        // problems say which.
        if (signed_pack || check.ok) std::printf("  signature   %s\n", signature_words.c_str());
    }
    for (const std::string& p : check.problems) std::printf("  problem     %s\n", p.c_str());
    return acceptable ? 0 : 1;
}

}  // namespace

void add_pack_verify(Command& pack) {
    const auto options = std::make_shared<VerifyOptions>();
    Command& command =
        pack.command("verify", kText, [options](const Command& c) { return verify(*options, c); });
    command.operand("PACK", options->file, "which pack file should I verify?");
    add_config_option(command, options->packs);
    add_trust_options(command, options->packs);
    command.flag("--json", options->json, "print the verdict as JSON on standard output");
    command.flag("-q,--quiet", options->quiet, "no progress");
}

}  // namespace amanat::cli
