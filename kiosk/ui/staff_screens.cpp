#include "ui/staff_screens.hpp"

#include <algorithm>
#include <string>

#include "ui/widgets.hpp"

namespace amanat::ui {
namespace {

constexpr ImU32 kGood = IM_COL32(46, 140, 70, 255);
constexpr ImU32 kBad = IM_COL32(190, 40, 40, 255);

void staff_emit(Frame& frame, StaffAction::Kind kind, std::size_t index = 0) {
    frame.staff_actions.emplace_back(kind, index);
}

std::string minutes_and_seconds(Millis ms) {
    const long long seconds = (ms + 999) / 1000;
    const long long rest = seconds % 60;
    return std::to_string(seconds / 60) + (rest < 10 ? ":0" : ":") + std::to_string(rest);
}

// Text that may be longer than its box: clipped, never over its neighbours.
void clipped_text(ImDrawList& draw, ImFont* font, ImVec2 at, float width, ImU32 colour,
                  const std::string& text) {
    draw.PushClipRect(at, ImVec2(at.x + width, at.y + font->FontSize * 1.5f), true);
    draw.AddText(font, font->FontSize, at, colour, text.c_str());
    draw.PopClipRect();
}

}  // namespace

void StaffScreens::draw(Frame& frame, const StaffView& staff) {
    switch (staff.phase) {
        case StaffView::Phase::Closed:
            return;
        case StaffView::Phase::Pin:
        case StaffView::Phase::Checking:
            draw_pin_pad(frame, staff);
            return;
        case StaffView::Phase::Open:
            if (staff.touch_test) {
                draw_touch_test(frame, staff);
            } else {
                draw_open(frame, staff);
            }
            return;
    }
}

void StaffScreens::draw_pin_pad(Frame& frame, const StaffView& staff) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);

    const float key = metrics.touch_target() * 1.3f;
    // TRANSLATORS: Staff PIN pad: key that removes the last digit. One word.
    const char* erase = frame.phrases.tr("Erase");
    // Keys as wide as the erase key's word needs ("Löschen" at large text).
    const float key_w = std::max(
        key, text_width(fonts.body, erase) + 2 * std::min(fonts.body->FontSize * 0.4f, metrics.mm(3)) + 2);
    const float gap = metrics.mm(4);
    const float pad_w = key_w * 3 + gap * 2;
    const float centre = screen.x * 0.5f;
    float y = std::max(metrics.mm(8), (screen.y - (key * 4 + gap * 3) - fonts.title->FontSize * 5) * 0.5f);
    // TRANSLATORS: Staff mode: title of the PIN pad and of the staff screens. Two words.
    text_centred(draw, fonts.title, frame.phrases.tr("Staff mode"), centre, y, frame.theme.text);
    y += fonts.title->FontSize * 1.6f;

    // One dot per digit typed: the PIN itself is never shown.
    const float dot = metrics.mm(2.5f);
    const int shown = std::max(4, staff.digits);
    float x = centre - (static_cast<float>(shown) - 1) * dot * 1.8f;
    for (int i = 0; i < shown; ++i, x += dot * 3.6f) {
        if (i < staff.digits)
            draw.AddCircleFilled(ImVec2(x, y + dot), dot, frame.theme.text);
        else
            draw.AddCircle(ImVec2(x, y + dot), dot, frame.theme.muted_text, 0, 2);
    }
    y += dot * 2 + metrics.mm(4);

    std::string message;
    ImU32 colour = frame.theme.muted_text;
    if (staff.lockout_left > 0) {
        // TRANSLATORS: Staff PIN pad: shown while the pad is locked. {time} is minutes and seconds left,
        // such as 4:59. Keep {time} as it is. Short.
        message = frame.say("Too many wrong PINs. Try again in {time}.",
                            {{"time", minutes_and_seconds(staff.lockout_left)}});
        colour = kBad;
    } else if (staff.phase == StaffView::Phase::Checking) {
        // TRANSLATORS: Staff PIN pad: shown while the PIN is being checked (a second). One or two words.
        message = frame.phrases.tr("Checking...");
    } else if (staff.refused) {
        // TRANSLATORS: Staff PIN pad: after a wrong PIN. # is the number of tries left before a five-minute
        // lockout. Write your language's plural forms (CLDR). Short.
        message = frame.say("Wrong PIN. {tries, plural, one {# try left.} other {# tries left.}}",
                            {{"tries", staff.attempts_left}});
        colour = kBad;
    } else {
        // TRANSLATORS: Staff PIN pad: the prompt. Short sentence.
        message = frame.phrases.tr("Enter the staff PIN");
    }
    text_centred(draw, fonts.body, message, centre, y, colour);
    y += fonts.body->FontSize * 2;

    const bool typing = staff.phase == StaffView::Phase::Pin && staff.lockout_left <= 0;
    const float left = centre - pad_w * 0.5f;
    for (int i = 0; i < 12; ++i) {
        const ImVec2 at(left + static_cast<float>(i % 3) * (key_w + gap),
                        y + static_cast<float>(i / 3) * (key + gap));
        if (i == 9) {
            if (touch_button(frame, "pin-erase", erase, at, ImVec2(key_w, key), fonts.body,
                             ButtonStyle::Quiet) &&
                typing)
                staff_emit(frame, StaffAction::Kind::Erase);
        } else if (i == 11) {
            if (touch_button(frame, "pin-ok", "OK", at, ImVec2(key_w, key), fonts.heading,
                             staff.can_submit ? ButtonStyle::Primary : ButtonStyle::Quiet) &&
                typing && staff.can_submit)
                staff_emit(frame, StaffAction::Kind::Submit);
        } else {
            const int digit = i == 10 ? 0 : i + 1;
            const std::string label = std::to_string(digit);
            const std::string id = "pin-" + label;
            if (touch_button(frame, id.c_str(), label.c_str(), at, ImVec2(key_w, key), fonts.title,
                             ButtonStyle::Quiet) &&
                typing)
                staff_emit(frame, StaffAction::Kind::Digit, static_cast<std::size_t>(digit));
        }
    }
    // TRANSLATORS: Staff PIN pad: button that closes the pad without entering. One word.
    const char* cancel = frame.phrases.tr("Cancel");
    const float cancel_w = text_width(fonts.body, cancel) + metrics.mm(16);
    if (touch_button(frame, "pin-cancel", cancel,
                     ImVec2(screen.x - metrics.margin() - cancel_w, metrics.mm(6)),
                     ImVec2(cancel_w, metrics.touch_target()), fonts.body, ButtonStyle::Quiet))
        staff_emit(frame, StaffAction::Kind::Cancel);
}

void StaffScreens::draw_open(Frame& frame, const StaffView& staff) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    draw.AddRectFilled(ImVec2(0, 0), screen, frame.theme.background);
    const float margin = metrics.mm(6);
    const float button_h = metrics.touch_target();

    // Pages down the left, "Close" at the bottom: back to the visitors' kiosk.
    const char* pages[] = {frame.phrases.tr("Status"),
                           // TRANSLATORS: Staff screens: page for installing and rolling back exhibition
                           // packs. One or two words.
                           frame.phrases.tr("Exhibition packs"),
                           // TRANSLATORS: Staff screens: page for exporting visitors' feedback. One word.
                           frame.phrases.tr("Feedback"), frame.phrases.tr("Tests")};
    const char* ids[] = {"staff-status", "staff-packs", "staff-feedback", "staff-tests"};
    float nav_w = 0;
    for (const char* page : pages) nav_w = std::max(nav_w, text_width(fonts.body, page));
    nav_w = std::min(nav_w + metrics.mm(16), screen.x * 0.3f);
    draw.AddRectFilled(ImVec2(0, 0), ImVec2(nav_w + 2 * margin, screen.y), frame.theme.toolbar);
    float y = margin;
    draw.AddText(fonts.heading, fonts.heading->FontSize, ImVec2(margin, y), frame.theme.toolbar_text,
                 frame.phrases.tr("Staff mode"));
    y += fonts.heading->FontSize * 2;
    for (std::size_t i = 0; i < 4; ++i) {
        if (touch_button(frame, ids[i], pages[i], ImVec2(margin, y), ImVec2(nav_w, button_h), fonts.body,
                         ButtonStyle::Toolbar, static_cast<std::size_t>(staff.page) == i))
            staff_emit(frame, StaffAction::Kind::ShowPage, i);
        y += button_h + metrics.mm(3);
    }
    if (touch_button(frame, "staff-close", frame.phrases.tr("Close"),
                     ImVec2(margin, screen.y - margin - button_h), ImVec2(nav_w, button_h), fonts.body,
                     ButtonStyle::Primary))
        staff_emit(frame, StaffAction::Kind::Cancel);

    draw_page(frame, staff, ImVec2(nav_w + 2 * margin + metrics.mm(8), margin),
              ImVec2(screen.x - margin, screen.y - margin));
}

void StaffScreens::draw_page(Frame& frame, const StaffView& staff, ImVec2 min, ImVec2 max) {
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const ScreenMetrics& metrics = frame.metrics;
    const FontSet& fonts = frame.fonts;
    const float width = max.x - min.x;
    const float button_h = metrics.touch_target();
    const float line = fonts.body->FontSize * 1.5f;
    float y = min.y;
    const auto heading = [&](const char* text) {
        draw.AddText(fonts.heading, fonts.heading->FontSize, ImVec2(min.x, y), frame.theme.text, text);
        y += fonts.heading->FontSize * 1.8f;
    };
    const auto text_line = [&](const std::string& text, ImU32 colour) {
        clipped_text(draw, fonts.body, ImVec2(min.x, y), width, colour, text);
        y += line;
    };
    // One row per choice (a pack to install, a stick to export to), as long as
    // there is room; the rest are left out rather than drawn over the task's progress.
    const auto choices = [&](const std::vector<std::string>& items, const char* verb, const char* id,
                             StaffAction::Kind kind) {
        for (std::size_t i = 0; i < items.size() && y + button_h < max.y - line * 6; ++i) {
            const std::string label = std::string(verb) + "  " + items[i];
            const std::string target = std::string(id) + "-" + std::to_string(i);
            if (touch_button(frame, target.c_str(), label.c_str(), ImVec2(min.x, y), ImVec2(width, button_h),
                             fonts.body, ButtonStyle::Quiet) &&
                !staff.busy)
                staff_emit(frame, kind, i);
            y += button_h + metrics.mm(3);
        }
    };

    switch (staff.page) {
        case StaffView::Page::Status: {
            // TRANSLATORS: Staff screens: page with the kiosk's state (version, exhibition, disk...). One
            // word.
            heading(frame.phrases.tr("Status"));
            float label_w = 0;
            for (const auto& row : staff.status)
                label_w = std::max(label_w, text_width(fonts.body, row.label));
            for (const auto& row : staff.status) {
                draw.AddText(fonts.body, fonts.body->FontSize, ImVec2(min.x, y), frame.theme.muted_text,
                             row.label.c_str());
                clipped_text(draw, fonts.body, ImVec2(min.x + label_w + metrics.mm(6), y),
                             width - label_w - metrics.mm(6), frame.theme.text, row.value);
                y += line;
            }
            break;
        }
        case StaffView::Page::Packs:
            // TRANSLATORS: Staff screens, packs page: heading over the packs installed on this kiosk. One
            // word.
            heading(frame.phrases.tr("Installed"));
            for (const std::string& pack : staff.installed) text_line(pack, frame.theme.text);
            if (staff.installed.empty())
                // TRANSLATORS: Staff screens, packs page: shown when no pack is installed. Short.
                text_line(frame.phrases.tr("None: the built-in exhibition is shown"), frame.theme.muted_text);
            if (staff.can_roll_back) {
                y += metrics.mm(2);
                // TRANSLATORS: Staff screens, packs page: button that makes the previous pack active again.
                if (touch_button(frame, "staff-roll-back", frame.phrases.tr("Roll back to the previous pack"),
                                 ImVec2(min.x, y), ImVec2(std::min(width, metrics.mm(160)), button_h),
                                 fonts.body, ButtonStyle::Quiet) &&
                    !staff.busy)
                    staff_emit(frame, StaffAction::Kind::RollBack);
                y += button_h;
            }
            y += metrics.mm(6);
            // TRANSLATORS: Staff screens, packs page: heading over the pack files found.
            heading(frame.phrases.tr("Packs found on USB sticks and in the pack folder"));
            // TRANSLATORS: Staff screens, packs page: no pack file found. Two words.
            if (staff.pack_files.empty()) text_line(frame.phrases.tr("None found"), frame.theme.muted_text);
            // TRANSLATORS: Staff screens, packs page: verb before a pack file's name on its button. One
            // word.
            choices(staff.pack_files, frame.phrases.tr("Install"), "staff-install",
                    StaffAction::Kind::InstallPack);
            break;
        case StaffView::Page::Feedback:
            // TRANSLATORS: Staff screens, feedback page: heading. Two words.
            heading(frame.phrases.tr("Export feedback"));
            if (staff.export_targets.empty())
                // TRANSLATORS: Staff screens, feedback page: no USB stick is plugged in. Short.
                text_line(frame.phrases.tr("No USB stick found"), frame.theme.muted_text);
            // TRANSLATORS: Staff screens, feedback page: words before a USB stick's folder on its button.
            // Two words.
            choices(staff.export_targets, frame.phrases.tr("Export to"), "staff-export",
                    StaffAction::Kind::ExportFeedback);
            break;
        case StaffView::Page::Tests: {
            // TRANSLATORS: Staff screens: page with the sound and touch tests and the restart. One word.
            heading(frame.phrases.tr("Tests"));
            const float w = std::min(width, metrics.mm(160));
            const std::pair<const char*, StaffAction::Kind> tests[] = {
                {"staff-audio-test", StaffAction::Kind::AudioTest},
                {"staff-touch-test", StaffAction::Kind::TouchTest},
                {"staff-restart", StaffAction::Kind::Restart}};
            // TRANSLATORS: Staff screens, tests page: button that plays a test tone. Short.
            const char* labels[] = {frame.phrases.tr("Play a test sound"),
                                    // TRANSLATORS: Staff screens, tests page: button that shows a grid to
                                    // check the touch screen. Two words.
                                    frame.phrases.tr("Touch test"),
                                    // TRANSLATORS: Staff screens, tests page: button that restarts the kiosk
                                    // program. Short.
                                    frame.phrases.tr("Restart the kiosk")};
            for (std::size_t i = 0; i < 3; ++i) {
                if (touch_button(frame, tests[i].first, labels[i], ImVec2(min.x, y), ImVec2(w, button_h),
                                 fonts.body, ButtonStyle::Quiet))
                    staff_emit(frame, tests[i].second);
                y += button_h + metrics.mm(4);
            }
            break;
        }
    }

    // The task running and the last outcome, at the bottom of every page.
    float bottom = max.y;
    if (!staff.outcome_details.empty() && !staff.busy) {
        const std::size_t room = static_cast<std::size_t>(std::max(0.0f, (bottom - y) / line - 4));
        const std::size_t shown = std::min(staff.outcome_details.size(), std::min<std::size_t>(room, 12));
        bottom -= static_cast<float>(shown) * line;
        for (std::size_t i = 0; i < shown; ++i)
            clipped_text(draw, fonts.small, ImVec2(min.x, bottom + static_cast<float>(i) * line), width,
                         frame.theme.text, staff.outcome_details[i]);
    }
    if (staff.busy) {
        const float bar_h = metrics.mm(6);
        bottom -= bar_h + line;
        draw.AddText(fonts.body, fonts.body->FontSize, ImVec2(min.x, bottom), frame.theme.text,
                     (staff.task + "  " + staff.progress_text).c_str());
        const ImVec2 bar_min(min.x, bottom + line);
        draw.AddRectFilled(bar_min, ImVec2(max.x, bar_min.y + bar_h), frame.theme.surface, bar_h * 0.5f);
        if (staff.progress >= 0)
            draw.AddRectFilled(
                bar_min,
                ImVec2(min.x + width * static_cast<float>(std::clamp(staff.progress, 0.0, 1.0)),
                       bar_min.y + bar_h),
                frame.theme.accent, bar_h * 0.5f);
    }
    // Above a task running, too: what was just refused, or the test sound.
    if (!staff.outcome.empty()) {
        // A whole paragraph for staff (what happened, what to do): wrapped.
        const ImVec2 size =
            fonts.bold->CalcTextSizeA(fonts.bold->FontSize, 1e9f, width, staff.outcome.c_str());
        bottom -= size.y + line * 0.3f;
        draw.AddText(fonts.bold, fonts.bold->FontSize, ImVec2(min.x, bottom), staff.outcome_ok ? kGood : kBad,
                     staff.outcome.c_str(), nullptr, width);
    }
}

void StaffScreens::draw_touch_test(Frame& frame, const StaffView& staff) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    const float cell_w = screen.x / kTouchGridColumns;
    const float cell_h = screen.y / kTouchGridRows;
    draw.AddRectFilled(ImVec2(0, 0), screen, IM_COL32(40, 40, 40, 255));
    for (int row = 0; row < kTouchGridRows; ++row) {
        for (int column = 0; column < kTouchGridColumns; ++column) {
            const ImVec2 min(static_cast<float>(column) * cell_w, static_cast<float>(row) * cell_h);
            const ImVec2 max(min.x + cell_w, min.y + cell_h);
            const auto cell = static_cast<std::size_t>(row * kTouchGridColumns + column);
            if (cell < staff.touched_cells.size() && staff.touched_cells[cell])
                draw.AddRectFilled(min, max, kGood);
            draw.AddRect(min, max, IM_COL32(200, 200, 200, 255), 0, 0, 2);
        }
    }
    // TRANSLATORS: Staff screens, touch test: button that ends the test. One word.
    const char* done = frame.phrases.tr("Done");
    const ImVec2 size(text_width(frame.fonts.body, done) + frame.metrics.mm(16),
                      frame.metrics.touch_target());
    if (touch_button(frame, "staff-touch-done", done,
                     ImVec2((screen.x - size.x) * 0.5f, (screen.y - size.y) * 0.5f), size, frame.fonts.body,
                     ButtonStyle::Primary))
        staff_emit(frame, StaffAction::Kind::ShowPage, static_cast<std::size_t>(StaffView::Page::Tests));
}

}  // namespace amanat::ui
