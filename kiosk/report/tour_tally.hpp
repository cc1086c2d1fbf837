#pragma once

// Counts the organisers' report's figures (report/tour_figures.hpp) from the
// kiosks' feedback files, read once as their union (store/FeedbackUnion), in
// one pass: per visit only a few bytes are kept (its venue, the language it has
// now, the languages it used); per artifact the looking times, for medians.
// Titles, pictures and the survey's words are not known here: report/tour_labels
// adds them from the exhibition's bundle.
//
// Thread contract: one TourTally is used from one thread.

#include <map>
#include <memory>
#include <string>

#include "report/attendance.hpp"
#include "report/tour_figures.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_union.hpp"

namespace amanat::report {

// Reads `files` (already opened) within `period` and fills `figures` (its
// tally members; the caller sets the rest). False with `error` naming the
// file that could not be read.
bool tally_tour(store::FeedbackUnion& files, const store::Period& period, const Attendance* attendance,
                TourFigures& figures, std::string& error);

}  // namespace amanat::report
