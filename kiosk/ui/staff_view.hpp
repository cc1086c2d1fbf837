#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/visit/clock.hpp"

namespace amanat::ui {

// What staff asked for on the PIN pad or the staff screens. Like the visitor's
// actions, screens only emit these; the app's StaffDesk carries them out.
struct StaffAction {
    enum class Kind {
        Digit,  // `index` 0..9 on the PIN pad
        Erase,
        Submit,
        Cancel,       // the pad, or staff mode: back to the visitors' kiosk
        ShowPage,     // `index`: a StaffView::Page
        InstallPack,  // `index` into StaffView::pack_files
        RollBack,
        ExportFeedback,  // `index` into StaffView::export_targets
        AudioTest,
        TouchTest,  // show the touch test grid (until Cancel)
        Restart,
    };
    explicit StaffAction(Kind kind, std::size_t index = 0) : kind(kind), index(index) {}
    Kind kind;
    std::size_t index = 0;
};

// Staff mode as the screens see it: filled by the app's StaffDesk before each
// frame. Staff screens are for the venue's staff, in the venue's first language.
struct StaffView {
    enum class Phase { Closed, Pin, Checking, Open };
    enum class Page { Status, Packs, Feedback, Tests };

    Phase phase = Phase::Closed;
    // The PIN pad.
    int digits = 0;
    bool can_submit = false;
    int attempts_left = 0;  // before the lockout
    Millis lockout_left = 0;
    bool refused = false;  // the last PIN was wrong

    Page page = Page::Status;
    struct Row {
        std::string label;
        std::string value;
    };
    std::vector<Row> status;             // the status page
    std::vector<std::string> installed;  // installed packs, one line each, the active one marked
    bool can_roll_back = false;
    std::vector<std::string> pack_files;      // packs found on USB sticks and in the configured folder
    std::vector<std::string> export_targets;  // where feedback can be exported (USB sticks)

    // A long task (install, export) running on the desk's worker.
    bool busy = false;
    std::string task;      // what it is doing
    double progress = -1;  // 0..1, or -1 when unknown
    std::string progress_text;
    // The last task's outcome.
    std::string outcome;
    bool outcome_ok = true;
    std::vector<std::string> outcome_details;  // e.g. the validation report of a refused pack

    bool touch_test = false;  // the touch test grid is showing
    // The touch test's cells, row by row, true once touched (kTouchGridColumns x kTouchGridRows).
    std::vector<bool> touched_cells;
};

inline constexpr int kTouchGridColumns = 8;
inline constexpr int kTouchGridRows = 5;

}  // namespace amanat::ui
