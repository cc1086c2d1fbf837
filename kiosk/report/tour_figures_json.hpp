#pragma once

// The report's figures as one JSON document (`amanat feedback report --json`):
// every number the page shows, under the names of report/tour_figures.hpp, for
// programs and for tests. Shares are {hits, of, value, low, high} with the
// 95 % Wilson interval; durations in milliseconds; days "YYYY-MM-DD".
// Thread contract: pure.

#include <string>

#include "report/tour_figures.hpp"

namespace amanat::report {

std::string tour_figures_json(const TourFigures& figures);

}  // namespace amanat::report
