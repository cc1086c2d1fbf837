// build_pack: `amanat pack build`, validation first, then write_pack().
#include "core/exhibition/bundle_validator.hpp"
#include "pack/pack_writer.hpp"
#include "pack/packs.hpp"
#include "pack/signing_key.hpp"

namespace amanat::pack {

namespace fs = std::filesystem;

bool build_pack(const fs::path& bundle_folder, const fs::path& out,
                const std::optional<fs::path>& secret_key_file, const ProgressCallback& progress,
                ValidationReport& report, std::string& error) {
    // The key first: a wrong key file should not cost a whole validation.
    std::optional<SigningKey> key;
    if (secret_key_file) {
        key = SigningKey::load(*secret_key_file, error);
        if (!key) return false;
    }
    // The files before the validation: the validator reads them by name, so a
    // named pipe or a device among them must be refused before it would hang it.
    PackContent content;
    if (!list_bundle_files(bundle_folder, content.files, error)) return false;
    if (progress) progress(PackProgress{"validating", 0, 0, 0, 0});
    report = validate_bundle(bundle_folder);
    if (!report.bundle || report.diagnostics.has_errors()) {
        const std::size_t errors = report.diagnostics.error_count();
        error = bundle_folder.string() + " does not validate (" + std::to_string(errors) +
                (errors == 1 ? " error" : " errors") + "), so no pack was written; `amanat pack validate " +
                bundle_folder.string() + "` explains each problem";
        return false;
    }
    content.bundle_id = report.bundle->exhibition.id;
    content.bundle_version = report.bundle->exhibition.version;
    return write_pack(content, out, key ? &*key : nullptr, progress, error);
}

}  // namespace amanat::pack
