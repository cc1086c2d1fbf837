#pragma once

// Puts the exhibition's own words on the report's figures: the exhibition's
// title, each artifact's title and a small picture, each survey question and
// answer, in the report's language with the exhibition's fallback languages
// (the kiosk's rules). Without a bundle, ids stand in, and a note says so.
// Artifacts and questions are matched by id, so feedback from several versions
// of an exhibition is labelled by the version given; one it no longer has is
// kept, listed by id, and named in a note.
//
// Thread contract: pure, on the caller's figures.

#include <string>
#include <vector>

#include "core/exhibition/bundle.hpp"
#include "core/localisation/catalog.hpp"
#include "report/tour_figures.hpp"

namespace amanat::report {

// `bundle` may be null. Pictures that cannot be read are left out and named
// in `problems` (for stderr; the report is still made).
void label_tour(const Bundle* bundle, const Phrasebook& phrases, TourFigures& figures,
                std::vector<std::string>& problems);

}  // namespace amanat::report
