#pragma once

// The Packs page's jobs: what there is (pack files on USB sticks and in the
// configured folder, the packs installed), installing one of those files, and
// rolling back to the pack shown before.
//
// Thread contract: list_packs() runs on the render thread, when a page is shown
// or a task has ended (folder listings and the packs' small state files). The
// work install_pack() and roll_back_pack() return runs on StaffTasks' worker,
// one task at a time: it reads only the config and the exhibition source (both
// run_kiosk's, which outlive any desk and task) and copies of its own, reports
// through the Progress it is given and logs its end; it never touches the desk.

#include <filesystem>
#include <string>
#include <vector>

#include "app/exhibition_source.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/staff/staff_tasks.hpp"

namespace amanat::staff {

// What the Packs page lists, and the status page's active pack, as of one look.
struct PackListing {
    std::vector<std::filesystem::path> files;  // pack files found, in the order staff see them
    std::vector<std::string> installed;        // one line each, the active and the previous one marked
    bool can_roll_back = false;
    std::string active;  // the active pack, its signer, or why there is none
};

// Looks for pack files and reads what is installed; dates are written the
// `language`'s way.
PackListing list_packs(const KioskConfig& config, const ExhibitionSource& source,
                       const std::string& language);

// Installing `file` under the source's packs root, within the config's trust
// and limits; its progress in `language`'s numbers, a refused pack's validation
// report in its outcome's details. The source must have a packs root.
StaffTasks::Work install_pack(const KioskConfig& config, const ExhibitionSource& source, std::string language,
                              std::filesystem::path file);

// Going back to the pack shown before the active one. The source must have a
// packs root.
StaffTasks::Work roll_back_pack(const ExhibitionSource& source);

}  // namespace amanat::staff
