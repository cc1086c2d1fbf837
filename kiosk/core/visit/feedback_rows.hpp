#pragma once

// What the kiosk records of a visit for the organisers: anonymous rows, made by
// VisitRecorder and kept by the store module (store/feedback_store.hpp, which
// documents the database). Plain values: safe to copy to any thread.

#include <string>
#include <vector>

namespace amanat {

// Who wrote a row: stamped on every row this store writes.
struct Provenance {
    std::string kiosk_id;
    std::string venue;
    std::string bundle_id;
    std::string bundle_version;
};

// A visitor's rating of one artifact. Recording another rating of the same
// artifact in the same session replaces the first (the visitor changed their mind).
struct Reaction {
    std::string session_id;
    std::string artifact_id;
    int rating = 0;  // 1..5; anything else is refused by the database
    std::string language;
    long long at_unix_seconds = 0;
};

// Something a visitor did. Kinds, subjects and values (the kiosk's
// VisitRecorder (core/visit/visit_recorder.hpp) writes them; docs/FEEDBACK-SCHEMA.md lists them for
// organisers):
//   session_start  subject: ""                          value: 0
//   session_end    subject: "idle" | "finished"         value: the visit's length in ms
//   language       subject: the tag chosen              value: 0 first choice, 1 a change
//   text_size      subject: "large" | "normal"          value: 0
//   contrast       subject: "high" | "normal"           value: 0
//   speech_mode    subject: "keypad"                    value: 0 (the visitor pressed a keypad key)
//   artifact_view  subject: the artifact id             value: dwell in ms
//   narration      subject: the artifact id             value: share heard, percent (0..100)
//   film           subject: artifact id "/" video id    value: share watched, percent (0..100)
//   survey         subject: "offered"   value: 0 (invited as the idle countdown began)
//                  subject: "opened"    value: 0 from the gallery, 1 from the invitation
//                  subject: "finished"  value: questions answered (not skipped)
struct EngagementEvent {
    std::string session_id;
    long long sequence = 0;  // 1, 2, 3... within the session: what makes a row unique across files
    std::string kind;
    std::string subject;
    long long value = 0;
    long long at_unix_seconds = 0;
};

// A visitor's answer to one question of the bundle's end-of-visit survey.
// Recording the same question again in the same session replaces the answer.
struct SurveyAnswer {
    std::string session_id;
    std::string question_id;
    std::vector<std::string> answers;  // option ids (one for single choice), or {"1".."5"}; empty = skipped
    std::string language;
    long long at_unix_seconds = 0;
};

}  // namespace amanat
