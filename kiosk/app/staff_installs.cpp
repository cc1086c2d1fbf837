#include "app/staff_installs.hpp"

#include <utility>

#include "app/staff_words.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/localisation/locale_format.hpp"
#include "pack/packs.hpp"

namespace amanat::staff {
namespace {

// The lines of a validation report, empty ones left out.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// "extracting: 12.3 MB, 40 / 212 files", and the share done (-1 when unknown).
void report(const pack::PackProgress& p, const std::string& language, const StaffTasks::Progress& progress) {
    const double share =
        p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total) : -1.0;
    progress(share, p.stage + ": " + megabytes(static_cast<unsigned long long>(p.bytes_done), language) +
                        ", " + format_number(language, p.files_done) + " / " +
                        format_number(language, p.files_total) + " files");
}

// One installed pack as the Packs page lists it.
std::string listed(const pack::InstalledPack& pack, const std::string& language) {
    std::string line = pack.bundle_id + " " + pack.bundle_version + "  (" + pack.name + ", " +
                       format_date(language, pack.installed_at, DateStyle::Medium) + ")";
    if (pack.active) line += "  - active";
    if (pack.previous) line += "  - previous";
    return line;
}

}  // namespace

PackListing list_packs(const KioskConfig& config, const ExhibitionSource& source,
                       const std::string& language) {
    PackListing listing;
    std::vector<std::filesystem::path> extra;
    if (config.pack_folder) extra.push_back(*config.pack_folder);
    listing.files = pack::find_pack_files(extra);
    if (!source.packs_root()) {
        listing.active = "not used (--bundle)";
        return listing;
    }
    listing.active = "none: the built-in exhibition";
    std::string error;
    for (const pack::InstalledPack& pack : pack::InstalledPacks(*source.packs_root()).list(error)) {
        listing.installed.push_back(listed(pack, language));
        if (pack.active)
            listing.active =
                pack.name + ", " +
                (pack.signer.empty() ? std::string("unsigned") : std::string("signed by ") + pack.signer);
        if (pack.previous) listing.can_roll_back = true;
    }
    if (!error.empty()) listing.installed.push_back(error);
    return listing;
}

StaffTasks::Work install_pack(const KioskConfig& config, const ExhibitionSource& source, std::string language,
                              std::filesystem::path file) {
    return [&config, &source, language = std::move(language),
            file = std::move(file)](const StaffTasks::Progress& progress) {
        pack::Trust trust{config.trusted_keys, config.allow_unsigned_packs};
        pack::Limits limits{config.pack_max_megabytes << 20, config.pack_max_files};
        pack::InstalledPacks packs(*source.packs_root());
        const pack::InstallOutcome outcome = packs.install(
            file, trust, limits, [&](const pack::PackProgress& p) { report(p, language, progress); });
        std::vector<std::string> details;
        if (!outcome.ok) details = lines_of(format_report_text(outcome.validation));
        return ended(outcome.ok, outcome.message, std::move(details));
    };
}

StaffTasks::Work roll_back_pack(const ExhibitionSource& source) {
    return [&source](const StaffTasks::Progress&) {
        std::string message;
        const bool ok = pack::InstalledPacks(*source.packs_root()).rollback(message);
        return ended(ok, message);
    };
}

}  // namespace amanat::staff
