#pragma once

// A touring exhibition's figures filled by hand, as report/tour_tally would
// fill them: three venues (one named in Korean), eight artifacts with Kazakh
// titles and one Korean, two of them too little rated to rank, two survey
// questions, a quiet spell and two notes. For the page's tests and for looking.

#include "report/tour_figures.hpp"

namespace amanat::report::sample {

TourFigures sample_tour();
// The same files, with no visit in them.
TourFigures empty_tour();

}  // namespace amanat::report::sample
