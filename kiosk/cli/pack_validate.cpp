#include "cli/pack_validate.hpp"

#include <cstdio>
#include <memory>

#include "cli/command_line.hpp"
#include "core/exhibition/bundle_validator.hpp"
#include "core/exhibition/script_languages.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/settings/data_folders.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "validate DIR",
    .summary = "check an exhibition bundle folder",
    .synopsis = "Usage: amanat pack validate [--json] [--max-image-dimension PIXELS] BUNDLE_DIR\n",
    .description =
        "Checks an exhibition bundle folder and explains every problem: the file, the line,\n"
        "whether it is an error or a warning, and how to fix it. Ends with a translation\n"
        "coverage table. The format is described in content/FORMAT.md.\n",
    .footer = "Exit status: 0 valid (warnings allowed), 1 errors found, 2 usage error.\n",
};

struct ValidateOptions {
    bool json = false;
    ValidationOptions validation;
    std::string folder;
};

int validate(ValidateOptions options) {
    // As the kiosk will show it: with the languages it writes by transliteration.
    Diagnostics script_problems;
    const ScriptLanguages scripts = ScriptLanguages::load(
        data_folders(AMANAT_DEFAULT_LOCALISATION, AMANAT_DEFAULT_BUNDLE).localisation, script_problems);
    options.validation.scripts = &scripts;
    for (const Diagnostic& d : script_problems.items()) {  // the kiosk's own files, not the bundle's
        std::fprintf(stderr, "amanat pack validate: %s:%d: %s (fix: %s)\n", d.file.c_str(), d.line,
                     d.message.c_str(), d.fix.c_str());
    }
    const ValidationReport report = validate_bundle(options.folder, options.validation);
    if (options.json) {
        std::fputs(format_report_json(report).c_str(), stdout);
    } else {
        // The report is the command's output for a person; it goes to stdout so that
        // it can be paged or saved, and the verdict is in the exit status too.
        std::fputs(format_report_text(report).c_str(), stdout);
    }
    return report.diagnostics.has_errors() ? 1 : 0;
}

}  // namespace

void add_pack_validate(Command& pack) {
    const auto options = std::make_shared<ValidateOptions>();
    Command& command =
        pack.command("validate", kText, [options](const Command&) { return validate(*options); });
    command.flag("--json", options->json, "print the report as JSON on standard output");
    command.value("--max-image-dimension", "PIXELS", "a number of pixels, 16 or more",
                  "largest width or height allowed for a picture (default 8192)",
                  [&validation = options->validation](const std::string& text, std::string&) {
                      return read_number(text, 16, validation.max_image_dimension);
                  });
    command.operand("BUNDLE_DIR", options->folder, "which bundle folder should I check?");
}

}  // namespace amanat::cli
