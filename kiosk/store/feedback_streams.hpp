#pragma once

// Several feedback files' rows streamed in time order as their merge would
// give them, without building the merge: what FeedbackArchive's each_* read
// when given several files. Private to kiosk/store.
//
// The merge (merge_feedback, into a new file) numbers rows file by file: the
// first file's rows in their id order, then the second file's new rows... So
// its order `at, kiosk_id, id` is each file's rows in (at, kiosk_id, rowid)
// order (a range of each file's time index, no sort), merged by (at, kiosk_id,
// file): a heap of one cursor per file. A row is the merge's if no earlier file
// has its key (see docs/FEEDBACK-SCHEMA.md):
// - reactions and survey answers can differ between copies (a visitor who
//   re-rated has a later `at` in a later copy), so a first pass over their keys,
//   file by file, finds which file's version wins; the rows pass then skips the
//   others, and the period is applied to the winner, as the merge keeps it;
// - an engagement row never changes once written, so its copies have the same
//   `at` and kiosk: they meet in one (at, kiosk_id) group, where the keys seen
//   suffice, and only in a group more than one file has rows in.
//
// Thread contract: as SourceFiles's; the callbacks run on the caller's thread.

#include <functional>
#include <string>

#include "store/feedback_archive.hpp"
#include "store/source_files.hpp"

namespace amanat::store {

bool each_reaction_of(const SourceFiles& files, const Period& period,
                      const std::function<void(const ReactionRow&)>& row, std::string& error);
bool each_engagement_of(const SourceFiles& files, const Period& period,
                        const std::function<void(const EngagementRow&)>& row, std::string& error);
bool each_survey_answer_of(const SourceFiles& files, const Period& period,
                           const std::function<void(const SurveyAnswerRow&)>& row, std::string& error);

}  // namespace amanat::store
