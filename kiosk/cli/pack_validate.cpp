#include "cli/pack_validate.hpp"

#include <charconv>
#include <cstdio>

#include "core/exhibition/bundle_validator.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/settings/data_folders.hpp"

namespace amanat::cli {
namespace {

const char* const kUsage =
    "Usage: amanat pack validate [--json] [--max-image-dimension PIXELS] BUNDLE_DIR\n"
    "\n"
    "Checks an exhibition bundle folder and explains every problem: the file, the line,\n"
    "whether it is an error or a warning, and how to fix it. Ends with a translation\n"
    "coverage table. The format is described in content/FORMAT.md.\n"
    "\n"
    "Options:\n"
    "  --json                        print the report as JSON on standard output\n"
    "  --max-image-dimension PIXELS  largest width or height allowed for a picture (default 8192)\n"
    "  -h, --help                    print this help\n"
    "\n"
    "Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error.\n";

int usage_error(const std::string& message) {
    std::fprintf(stderr, "amanat pack validate: %s\n\n%s", message.c_str(), kUsage);
    return 2;
}

}  // namespace

int pack_validate(const std::vector<std::string>& args) {
    bool json = false;
    ValidationOptions options;
    std::string folder;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (arg == "--json") {
            json = true;
        } else if (arg == "--max-image-dimension") {
            int value = 0;
            const std::string next = i + 1 < args.size() ? args[++i] : "";
            const auto parsed = std::from_chars(next.data(), next.data() + next.size(), value);
            if (next.empty() || parsed.ec != std::errc{} || parsed.ptr != next.data() + next.size() ||
                value < 16) {
                return usage_error("--max-image-dimension needs a number of pixels, 16 or more");
            }
            options.max_image_dimension = value;
        } else if (!arg.empty() && arg[0] == '-') {
            return usage_error("unknown option '" + arg + "'");
        } else if (folder.empty()) {
            folder = arg;
        } else {
            return usage_error("give one bundle folder (got '" + folder + "' and '" + arg + "')");
        }
    }
    if (folder.empty()) return usage_error("which bundle folder should I check?");

    // As the kiosk will show it: with the languages it writes by transliteration.
    Diagnostics script_problems;
    const ScriptLanguages scripts = ScriptLanguages::load(
        data_folders(AMANAT_DEFAULT_LOCALISATION, AMANAT_DEFAULT_BUNDLE).localisation, script_problems);
    options.scripts = &scripts;
    for (const Diagnostic& d : script_problems.items()) {  // the kiosk's own files, not the bundle's
        std::fprintf(stderr, "amanat pack validate: %s:%d: %s (fix: %s)\n", d.file.c_str(), d.line,
                     d.message.c_str(), d.fix.c_str());
    }
    const ValidationReport report = validate_bundle(folder, options);
    if (json) {
        std::fputs(format_report_json(report).c_str(), stdout);
    } else {
        // The report is the command's output for a person; it goes to stdout so that
        // it can be paged or saved, and the verdict is in the exit status too.
        std::fputs(format_report_text(report).c_str(), stdout);
    }
    return report.diagnostics.has_errors() ? 1 : 0;
}

}  // namespace amanat::cli
