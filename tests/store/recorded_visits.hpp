#pragma once
// Visits as the kiosk records them, for the store tests: a start, a language,
// views of two artifacts, a rating, two survey answers and an end.
#include <cstdio>
#include <string>

#include "store/feedback_store.hpp"

namespace amanat::testing {

// A visit id as kiosks make them (32 hex digits), from a small number.
inline std::string hex_id(int n) {
    char text[40];
    std::snprintf(text, sizeof text, "%032x", n);
    return text;
}

// Per visit: a start, a language, views of two artifacts, a rating, two
// survey answers and an end, several in the same second, from `at` on.
inline void record_visit(store::FeedbackStore& store, const std::string& session, long long at, int rating,
                         const std::string& first_question) {
    store.record(store::EngagementEvent{session, 1, "session_start", "", 0, at});
    store.record(store::EngagementEvent{session, 2, "language", rating % 2 == 0 ? "kk" : "ru", 0, at});
    store.record(store::EngagementEvent{session, 3, "artifact_view", "kobyz", 1000L * rating, at + 1});
    store.record(store::EngagementEvent{session, 4, "artifact_view", "dombra", 700L * rating + 1, at + 1});
    store.record(store::Reaction{session, "kobyz", rating, "kk", at + 2});
    store.record(store::SurveyAnswer{session, first_question, {std::to_string(rating)}, "kk", at + 3});
    store.record(store::SurveyAnswer{
        session, first_question == "enjoyed" ? "return" : "enjoyed", {"yes"}, "kk", at + 3});
    store.record(
        store::EngagementEvent{session, 5, "session_end", rating > 2 ? "finished" : "idle", 0, at + 4});
}

}  // namespace amanat::testing
