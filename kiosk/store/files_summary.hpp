#pragma once

// The summary of several feedback files as the summary of their merge, without
// building it: each table of each file read once, file by file in the order
// its rows were recorded (a scan in rowid order, the cheapest there is), a row
// counted only if no earlier file gave its key (the merge's UNIQUE keys, so
// the first file's version of a row is the one counted, and the period is
// applied to it, as the merge keeps it). Private to kiosk/store.
//
// The survey's questions come in the order they were first answered, which in
// the merge is (at, kiosk_id, id), where id numbers the first file's rows, then
// the second's...: so here (at, kiosk_id, file, rowid) of the version counted.
//
// Thread contract: as SourceFiles's.

#include <string>

#include "store/source_files.hpp"
#include "store/summary_tally.hpp"

namespace amanat::store {

bool summarise_files(const SourceFiles& files, const Period& period, SummaryTally& tally, std::string& error);

}  // namespace amanat::store
