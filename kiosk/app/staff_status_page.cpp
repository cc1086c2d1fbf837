#include "app/staff_status_page.hpp"

#include <sys/statvfs.h>

#include <filesystem>
#include <system_error>

#include "app/staff_words.hpp"
#include "app/visitors_book.hpp"
#include "core/localisation/locale_format.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "core/version.hpp"

namespace amanat::staff {
namespace {

// "3 h 25 min".
std::string duration_text(Millis ms) {
    const long long minutes = ms / 60'000;
    return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

// Where visitors' feedback goes, and how it fares (VisitorsBook::state()).
std::string feedback_text(const VisitorsBook& book, const std::string& language) {
    const std::string state = book.state();
    if (state == "off") return "off";
    if (state == "opening") return book.database().string() + " (opening: being checked)";
    if (state == "not recording")
        return std::string("NOT RECORDED (") + book.database().string() + " could not be opened)";
    std::error_code ec;
    const auto size = std::filesystem::file_size(book.database(), ec);
    return book.database().string() + ", " + megabytes(ec ? 0 : size, language) + ", " +
           format_number(language, book.rows_saved()) + " rows saved since start";
}

// The free space where the kiosk keeps its state, or nothing if it cannot be known.
void add_disk_free(std::vector<ui::StaffView::Row>& rows, const std::string& language) {
    const std::filesystem::path state = default_state_folder();
    struct statvfs disk {};
    if (statvfs(state.c_str(), &disk) != 0) return;
    rows.push_back(
        {"Disk free", megabytes(static_cast<unsigned long long>(disk.f_bavail) * disk.f_frsize, language) +
                          " (" + state.string() + ")"});
}

}  // namespace

std::vector<ui::StaffView::Row> status_rows(const KioskConfig& config, const Bundle& bundle,
                                            const std::string& active_pack, const VisitorsBook& book,
                                            const std::string& language, Millis now) {
    std::vector<ui::StaffView::Row> rows;
    rows.push_back({"Amanat", kVersion});
    rows.push_back({"Exhibition", bundle.exhibition.id + " " + bundle.exhibition.version});
    rows.push_back({"Shown from", bundle.root.string()});
    rows.push_back({"Active pack", active_pack});
    rows.push_back({"Venue", config.venue.empty() ? "(not set: [venue] name in the config)" : config.venue});
    rows.push_back({"Kiosk id", book.kiosk_id().empty() ? std::string("(none: feedback ") + book.state() + ")"
                                                        : book.kiosk_id()});
    rows.push_back({"Running for", duration_text(now)});
    add_disk_free(rows, language);
    rows.push_back({"Feedback", feedback_text(book, language)});
    rows.push_back({"Problems", book.problem().empty() ? std::string("none") : book.problem()});
    return rows;
}

}  // namespace amanat::staff
