#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "core/settings/kiosk_config.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "core/visit/visit_recorder.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using Kind = VisitorAction::Kind;

namespace {

Bundle small_exhibition() {
    Bundle bundle;
    bundle.exhibition.languages = {"en", "kk"};
    for (const char* id : {"saukele", "dombra"}) {
        Artifact artifact;
        artifact.id = id;
        artifact.images.resize(1);
        artifact.narration.audio.set("en", "narration.opus");
        Video film;
        film.id = "making";
        artifact.videos.push_back(film);
        bundle.artifacts.push_back(artifact);
    }
    SurveyQuestion overall;
    overall.id = "overall";
    overall.kind = QuestionKind::Rating;
    SurveyQuestion heard;
    heard.id = "heard";
    heard.kind = QuestionKind::SingleChoice;
    heard.options = {{"friends", {}}, {"poster", {}}};
    SurveyQuestion interests;
    interests.id = "interests";
    interests.kind = QuestionKind::MultipleChoice;
    interests.options = {{"music", {}}, {"costume", {}}, {"crafts", {}}};
    bundle.exhibition.survey = {overall, heard, interests};
    return bundle;
}

// A visit driven frame by frame: actions, then what the recorder wrote.
struct Visit {
    Bundle bundle = small_exhibition();
    VisitorSession session{bundle, {"en", "kk"}, TextSize::Normal};
    std::vector<FeedbackRow> rows;
    int ids = 0;
    VisitRecorder recorder{bundle, [this](FeedbackRow row) { rows.push_back(std::move(row)); },
                           [this] { return "visit-" + std::to_string(++ids); }};
    Millis now = 1000;
    Millis last_touch = 1000;
    PlaybackProgress playing;

    void frame(Millis later = 1000) {
        now += later;
        recorder.observe(session, playing, now, last_touch, 1'700'000'000 + now / 1000);
    }
    void act(VisitorAction action, Millis later = 1000) {
        session.apply(action);
        last_touch = now + later;
        frame(later);
    }
    std::vector<std::string> events() const {  // "kind subject value"
        std::vector<std::string> out;
        for (const FeedbackRow& row : rows) {
            if (const auto* e = std::get_if<EngagementEvent>(&row))
                out.push_back(e->kind + " " + e->subject + " " + std::to_string(e->value));
        }
        return out;
    }
    template <typename Row>
    std::vector<Row> all() const {
        std::vector<Row> out;
        for (const FeedbackRow& row : rows) {
            if (const auto* r = std::get_if<Row>(&row)) out.push_back(*r);
        }
        return out;
    }
};

}  // namespace

TEST_CASE("visit recorder: a visit from the first touch to an idle reset, with dwell up to the last touch") {
    Visit visit;
    visit.frame();
    CHECK(visit.rows.empty());  // nobody there yet
    visit.act(VisitorAction(Kind::Start));
    visit.act(VisitorAction::choose_language("kk"));
    visit.act(VisitorAction(Kind::OpenArtifact, 1), 5000);  // on dombra from here...
    visit.act(VisitorAction::set_text_size(TextSize::Large), 2000);
    visit.act(VisitorAction(Kind::ToggleContrast), 3000);
    visit.act(VisitorAction::choose_language("en"), 1000);  // ...6 s until this last touch
    visit.frame(90'000);                                    // the visitor has walked away
    visit.session.reset(VisitEnd::Idle);
    visit.frame();
    CHECK(visit.events() == std::vector<std::string>{"session_start  0", "language kk 0", "text_size large 0",
                                                     "contrast high 0", "language en 1",
                                                     "artifact_view dombra 6000", "session_end idle 12000"});
    // One visit, numbered events, one random id, all of them the same second or later.
    std::set<std::string> sessions;
    long long sequence = 0;
    for (const auto& e : visit.all<EngagementEvent>()) {
        sessions.insert(e.session_id);
        CHECK(e.sequence == ++sequence);
    }
    CHECK(sessions == std::set<std::string>{"visit-1"});
}

TEST_CASE("visit recorder: the next visitor gets a new id and a fresh record") {
    Visit visit;
    visit.act(VisitorAction(Kind::Start));
    visit.act(VisitorAction::choose_language("en"));
    visit.act(VisitorAction(Kind::StartAgain));
    visit.frame();
    visit.act(VisitorAction(Kind::Start));
    visit.act(VisitorAction::choose_language("en"));
    const auto events = visit.all<EngagementEvent>();
    REQUIRE(events.size() == 5);
    CHECK(events[2].kind == "session_end");
    CHECK(events[2].subject == "finished");
    CHECK(events[3].session_id == "visit-2");
    CHECK(events[3].sequence == 1);
    CHECK(events[4].kind == "language");
    CHECK(events[4].value == 0);  // the new visitor's first choice, not a change
}

TEST_CASE(
    "visit recorder: reactions, changed within the visit, are written again; the next visitor starts over") {
    Visit visit;
    visit.act(VisitorAction(Kind::Start));
    visit.act(VisitorAction::choose_language("en"));
    visit.act(VisitorAction(Kind::OpenArtifact, 0));
    visit.act(VisitorAction(Kind::React, 2));
    visit.act(VisitorAction(Kind::React, 2));  // the same face again: nothing new
    visit.act(VisitorAction(Kind::React, 5));
    visit.act(VisitorAction(Kind::NextArtifact));
    visit.act(VisitorAction(Kind::React, 0));  // not a rating
    visit.act(VisitorAction(Kind::React, 6));
    const auto reactions = visit.all<Reaction>();
    REQUIRE(reactions.size() == 2);
    CHECK(reactions[0].artifact_id == "saukele");
    CHECK(reactions[0].rating == 2);
    CHECK(reactions[1].rating == 5);
    CHECK(reactions[1].language == "en");
    CHECK(visit.session.reaction(0) == 5);
    CHECK(visit.session.reaction(1) == 0);
    visit.session.reset(VisitEnd::Idle);
    CHECK(visit.session.reactions().empty());
}

TEST_CASE("visit recorder: narration and film record the share heard or seen when they stop") {
    Visit visit;
    visit.act(VisitorAction(Kind::Start));
    visit.act(VisitorAction::choose_language("en"));
    visit.act(VisitorAction(Kind::OpenArtifact, 0));
    visit.act(VisitorAction(Kind::PlayNarration));
    visit.playing = {30'000, 120'000, false};
    visit.frame();
    visit.playing = {10'000, 120'000, false};  // sought back: the furthest point counts
    visit.frame();
    visit.act(VisitorAction(Kind::OpenFilm, 0));  // stops the narration
    visit.playing = {0, 0, false};
    visit.frame();
    visit.playing = {12'000, 24'000, true};  // watched to the end
    visit.frame();
    visit.act(VisitorAction(Kind::CloseFilm));
    const auto events = visit.events();
    CHECK(std::find(events.begin(), events.end(), "narration saukele 25") != events.end());
    CHECK(std::find(events.begin(), events.end(), "film saukele/making 100") != events.end());
}

TEST_CASE("visit recorder: survey answers are written as the visitor moves on; skipped ones are not") {
    Visit visit;
    visit.act(VisitorAction(Kind::Start));
    visit.act(VisitorAction::choose_language("kk"));
    visit.act(VisitorAction(Kind::OpenSurvey));
    CHECK(visit.session.screen() == Screen::Survey);
    visit.act(VisitorAction(Kind::AnswerSurvey, 3));  // four stars
    CHECK(visit.all<SurveyAnswer>().empty());         // not yet: the visitor may change it
    visit.act(VisitorAction(Kind::NextQuestion));
    visit.act(VisitorAction(Kind::NextQuestion));  // "heard" skipped
    visit.act(VisitorAction(Kind::AnswerSurvey, 2));
    visit.act(VisitorAction(Kind::AnswerSurvey, 0));
    visit.act(VisitorAction(Kind::AnswerSurvey, 1));
    visit.act(VisitorAction(Kind::AnswerSurvey, 1));  // toggled off again
    visit.act(VisitorAction(Kind::NextQuestion));
    CHECK(visit.session.screen() == Screen::SurveyThanks);
    // Back to the first question from the gallery, to change the rating.
    visit.act(VisitorAction(Kind::GoHome));
    visit.act(VisitorAction(Kind::OpenSurvey));
    CHECK(visit.session.question() == 0);
    visit.act(VisitorAction(Kind::AnswerSurvey, 4));
    visit.act(VisitorAction(Kind::NextQuestion));

    const auto answers = visit.all<SurveyAnswer>();
    REQUIRE(answers.size() == 3);
    CHECK(answers[0].question_id == "overall");
    CHECK(answers[0].answers == std::vector<std::string>{"4"});
    CHECK(answers[0].language == "kk");
    CHECK(answers[1].question_id == "interests");
    CHECK(answers[1].answers == std::vector<std::string>{"music", "crafts"});  // in the options' order
    CHECK(answers[2].question_id == "overall");
    CHECK(answers[2].answers == std::vector<std::string>{"5"});
    const auto events = visit.events();
    CHECK(std::count(events.begin(), events.end(), "survey opened 0") == 2);
    CHECK(std::find(events.begin(), events.end(), "survey finished 2") != events.end());
}

TEST_CASE("visitor session: the survey invitation comes once per visit, and only with a survey") {
    Visit visit;
    visit.act(VisitorAction(Kind::Start));
    visit.act(VisitorAction::choose_language("en"));
    visit.session.invite_to_survey();
    CHECK(visit.session.survey_invited());
    visit.frame();
    visit.act(VisitorAction(Kind::StillHere));
    CHECK_FALSE(visit.session.survey_invited());
    visit.session.invite_to_survey();  // the next countdown: not again
    CHECK_FALSE(visit.session.survey_invited());
    visit.session.reset(VisitEnd::Idle);
    visit.act(VisitorAction(Kind::Start));
    visit.session.invite_to_survey();
    CHECK(visit.session.survey_invited());  // a new visitor
    visit.frame();
    visit.act(VisitorAction(Kind::OpenSurvey));  // taken up from the invitation
    const auto events = visit.events();
    CHECK(std::count(events.begin(), events.end(), "survey offered 0") == 2);
    CHECK(std::find(events.begin(), events.end(), "survey opened 1") != events.end());

    Bundle no_survey = small_exhibition();
    no_survey.exhibition.survey.clear();
    VisitorSession session(no_survey, {"en"}, TextSize::Normal);
    session.apply(VisitorAction(Kind::Start));
    session.invite_to_survey();
    CHECK_FALSE(session.survey_invited());
    session.apply(VisitorAction(Kind::OpenSurvey));
    CHECK(session.screen() == Screen::LanguageChoice);
}

TEST_CASE("random identifiers: 32 hex digits, never the same twice") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = random_identifier();
        CHECK(id.size() == 32);
        CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        seen.insert(id);
    }
    CHECK(seen.size() == 1000);
}

TEST_CASE("kiosk id: made at the first start, kept after; a damaged file is moved aside") {
    testing::TemporaryFolder folder;
    const auto file = folder.path() / "state" / "kiosk-id";
    std::string note;
    std::string error;
    const auto first = load_kiosk_id(file, note, error);
    REQUIRE(first);
    CHECK(note.empty());
    CHECK(load_kiosk_id(file, note, error) == first);
    testing::write_file(file, "not an id\n");
    const auto fresh = load_kiosk_id(file, note, error);
    REQUIRE(fresh);
    CHECK(*fresh != *first);
    CHECK(note.find("moved aside") != std::string::npos);
    std::ifstream aside(file.string() + ".broken");
    std::string kept;
    std::getline(aside, kept);
    CHECK(kept == "not an id");
}

TEST_CASE("kiosk config: venue and feedback settings") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml",
                        "[venue]\nname = \"Kunsthistorisches Museum, Wien\"\n"
                        "[feedback]\nenabled = false\ndatabase = \"/srv/amanat/feedback.sqlite\"\n");
    Diagnostics problems;
    KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    CHECK(problems.items().empty());
    CHECK(config.venue == "Kunsthistorisches Museum, Wien");
    CHECK_FALSE(config.feedback);
    CHECK(config.feedback_database == std::filesystem::path("/srv/amanat/feedback.sqlite"));

    testing::write_file(folder.path() / "kiosk.toml",
                        "[feedback]\nenabled = \"yes\"\ndatabase = \"feedback.sqlite\"\n");
    Diagnostics mistakes;
    config = load_kiosk_config(folder.path() / "kiosk.toml", mistakes);
    REQUIRE(mistakes.items().size() == 2);
    CHECK(mistakes.items()[0].line == 2);
    CHECK(mistakes.items()[1].line == 3);
    CHECK(config.feedback);
    CHECK_FALSE(config.feedback_database);
}
