#include "ui/screen_tour.hpp"

namespace amanat::ui {

void tour_visitor_screens(const Bundle& bundle, VisitorSession& session, IdleTimer& idle, Millis& now,
                          const std::string& language, const std::function<void(const std::string&)>& draw) {
    idle.touch(now);
    draw("attract");
    session.apply(VisitorAction(VisitorAction::Kind::Start));
    now += 100;
    draw("language choice");
    session.apply(VisitorAction::choose_language(language));
    now += 100;
    draw("gallery");
    for (std::size_t i = 0; i < bundle.artifacts.size(); ++i) {
        const std::string artifact = "artifact " + bundle.artifacts[i].id;
        session.apply(VisitorAction(VisitorAction::Kind::OpenArtifact, i));
        now += 100;
        draw(artifact);
        // With its narration's transcript, and each of its films full screen.
        session.apply(VisitorAction(VisitorAction::Kind::PlayNarration));
        now += 100;
        draw(artifact + " narration");
        for (std::size_t f = 0; f < bundle.artifacts[i].videos.size(); ++f) {
            session.apply(VisitorAction(VisitorAction::Kind::OpenFilm, f));
            now += 100;
            draw(artifact + " film " + bundle.artifacts[i].videos[f].id);
            session.apply(VisitorAction(VisitorAction::Kind::CloseFilm));
        }
    }
    session.apply(VisitorAction(VisitorAction::Kind::OpenLanguageMenu));
    now += 100;
    draw("language menu");
    session.apply(VisitorAction(VisitorAction::Kind::CloseLanguageMenu));
    session.apply(VisitorAction(VisitorAction::Kind::ToggleContrast));
    now += 100;
    draw("high contrast");
    // The idle countdown over the artifact, inviting to the survey.
    session.invite_to_survey();
    now += 95'000;
    draw("idle countdown");
    idle.touch(now);
    // Each survey question unanswered, then with every choice taken (a choice
    // question's options as selected buttons), and the thanks.
    session.apply(VisitorAction(VisitorAction::Kind::OpenSurvey));
    for (const SurveyQuestion& question : bundle.exhibition.survey) {
        now += 100;
        draw("survey " + question.id);
        const std::size_t choices = question.kind == QuestionKind::Rating ? 1 : question.options.size();
        for (std::size_t c = 0; c < choices; ++c)
            session.apply(VisitorAction(VisitorAction::Kind::AnswerSurvey, c));
        now += 100;
        draw("survey " + question.id + " answered");
        session.apply(VisitorAction(VisitorAction::Kind::NextQuestion));
    }
    now += 100;
    draw("survey thanks");
}

void tour_staff_screens(StaffView& staff, const std::function<void(const std::string&)>& draw) {
    staff = StaffView{};
    staff.phase = StaffView::Phase::Pin;
    staff.digits = 3;
    staff.refused = true;
    staff.attempts_left = 2;
    draw("staff PIN pad");
    staff.phase = StaffView::Phase::Open;
    staff.status = {{"Kiosk id", "0709a01a3eed96b912621158173096d8"}, {"Venue", "Rijksmuseum"}};
    staff.installed = {"continuity-of-traditions 2026.11.1 - active"};
    staff.can_roll_back = true;
    staff.pack_files = {"/media/usb/a.amanat", "/media/usb/b.amanat"};
    staff.export_targets = {"/media/staff/KIOSK"};
    staff.outcome = "Installed";
    staff.outcome_details = {"error: exhibition.toml:3: ...", "warning: ..."};
    static const char* const kPages[] = {"status", "packs", "feedback", "tests"};
    for (int page = 0; page < 4; ++page) {
        staff.page = static_cast<StaffView::Page>(page);
        draw(std::string("staff ") + kPages[page]);
    }
    staff.busy = true;
    staff.progress = 0.4;
    staff.page = StaffView::Page::Packs;
    draw("staff installing");
    staff.touch_test = true;
    draw("staff touch test");
}

}  // namespace amanat::ui
