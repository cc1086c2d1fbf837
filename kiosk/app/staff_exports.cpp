#include "app/staff_exports.hpp"

#include <algorithm>
#include <utility>

#include "app/staff_words.hpp"
#include "store/feedback_tables.hpp"

namespace amanat {

std::vector<std::filesystem::path> usb_stick_folders() {
    // /media/LABEL (usbmount, older setups), /media/USER/LABEL and
    // /run/media/USER/LABEL (udisks): folders two levels down at most.
    std::vector<std::filesystem::path> folders;
    std::error_code ec;
    for (const char* base : {"/media", "/run/media"}) {
        for (const auto& first : std::filesystem::directory_iterator(base, ec)) {
            if (!first.is_directory(ec)) continue;
            bool has_folders = false;
            for (const auto& second : std::filesystem::directory_iterator(first.path(), ec)) {
                if (!second.is_directory(ec)) continue;
                has_folders = true;
                folders.push_back(second.path());
            }
            if (!has_folders) folders.push_back(first.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

namespace staff {

std::vector<std::filesystem::path> export_targets(const KioskConfig& config) {
    std::vector<std::filesystem::path> targets = usb_stick_folders();
    if (config.export_folder) targets.push_back(*config.export_folder);
    return targets;
}

StaffTasks::Work export_feedback(std::filesystem::path folder, std::filesystem::path database,
                                 std::string kiosk_id) {
    return [folder = std::move(folder), database = std::move(database),
            kiosk = std::move(kiosk_id)](const StaffTasks::Progress&) {
        if (database.empty())
            return ended(false, "Feedback is not being recorded on this kiosk: nothing to export.");
        store::ExportSummary result;
        std::string error;
        if (!store::export_feedback_to_folder(database, folder, kiosk, result, error))
            return ended(false, error);
        return ended(true, std::string("Exported ") + std::to_string(result.reactions) + " reactions, " +
                               std::to_string(result.engagement) + " engagement events, " +
                               std::to_string(result.survey_answers) +
                               " survey answers and the database to " + result.folder.string());
    };
}

}  // namespace staff
}  // namespace amanat
