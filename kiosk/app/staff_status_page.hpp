#pragma once

// The status page staff open staff mode on: the kiosk's version, the exhibition
// and where it is shown from, the active pack, the venue and the kiosk's id, how
// long it has run, the free disk, where feedback goes and how it fares, and the
// problem the visitors' kiosk last had.
//
// Thread contract: render thread, every frame while the page shows. It asks the
// disk for its free space and the feedback file for its size (no waiting for
// another thread) and reads the VisitorsBook's figures, which the render thread
// owns or the store's thread updates atomically.

#include <string>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/visit/clock.hpp"
#include "ui/staff_view.hpp"

namespace amanat {

class VisitorsBook;

namespace staff {

// The page's rows; `active_pack` as staff::list_packs() last found it, numbers
// in `language`'s way, and `now` (since the kiosk started) as its running time.
std::vector<ui::StaffView::Row> status_rows(const KioskConfig& config, const Bundle& bundle,
                                            const std::string& active_pack, const VisitorsBook& book,
                                            const std::string& language, Millis now);

}  // namespace staff
}  // namespace amanat
