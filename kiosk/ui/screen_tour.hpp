#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/localisation/catalog.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/visit/idle_timer.hpp"
#include "core/visit/visitor_session.hpp"
#include "ui/staff_view.hpp"

namespace amanat::ui {

// Every screen a visitor and staff can reach, one after another, for the checks
// that must look at all of them: the UI tests (touch targets) and `amanat l10n
// check` (labels that do not fit). `draw(name)` is called after each change with
// a name for reports ("gallery", "artifact dombra", "survey visit", "staff packs").

// Attract, language choice, gallery, every artifact (with its narration's
// transcript and each film), the language menu, high contrast, the idle countdown
// with the survey invitation, every survey question unanswered and answered, and
// the thanks. `session` must be new, offering `language`; `now` advances.
void tour_visitor_screens(const Bundle& bundle, VisitorSession& session, IdleTimer& idle, Millis& now,
                          const std::string& language, const std::function<void(const std::string&)>& draw);

// The PIN pad after a wrong PIN, every staff page with sample contents, a task
// in progress and the touch test. Leaves `staff` open.
void tour_staff_screens(StaffView& staff, const std::function<void(const std::string&)>& draw);

}  // namespace amanat::ui
