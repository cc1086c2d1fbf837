#include <doctest/doctest.h>

#include "core/visit/visitor_session.hpp"

using namespace amanat;
using Kind = VisitorAction::Kind;

namespace {

Bundle three_artifacts() {
    Bundle bundle;
    bundle.exhibition.languages = {"en", "kk", "ko"};
    for (const char* id : {"saukele", "dombra", "shanyrak"}) {
        Artifact artifact;
        artifact.id = id;
        artifact.images.resize(2);
        bundle.artifacts.push_back(artifact);
    }
    return bundle;
}

VisitorAction act(Kind kind, std::size_t index = 0) {
    return VisitorAction(kind, index);
}
VisitorAction language(const char* tag) {
    return VisitorAction::choose_language(tag);
}

}  // namespace

TEST_CASE("visitor session: attract, language, gallery, artifact") {
    const Bundle bundle = three_artifacts();
    VisitorSession session(bundle, {"en", "kk", "ko"}, TextSize::Normal);
    CHECK(session.screen() == Screen::Attract);
    session.apply(act(Kind::Start));
    CHECK(session.screen() == Screen::LanguageChoice);
    session.apply(language("kk"));
    CHECK(session.screen() == Screen::Gallery);
    CHECK(session.language() == "kk");
    session.apply(act(Kind::OpenArtifact, 1));
    CHECK(session.screen() == Screen::Artifact);
    CHECK(session.artifact() == 1);
}

TEST_CASE("visitor session: next and previous wrap around, and pictures reset per artifact") {
    const Bundle bundle = three_artifacts();
    VisitorSession session(bundle, {"en"}, TextSize::Normal);
    session.apply(language("en"));
    session.apply(act(Kind::OpenArtifact, 2));
    session.apply(act(Kind::ShowImage, 1));
    CHECK(session.image() == 1);
    session.apply(act(Kind::ShowImage, 5));  // out of range: ignored
    CHECK(session.image() == 1);
    session.apply(act(Kind::NextArtifact));
    CHECK(session.artifact() == 0);
    CHECK(session.image() == 0);
    session.apply(act(Kind::PreviousArtifact));
    CHECK(session.artifact() == 2);
}

TEST_CASE("visitor session: switching language keeps the visitor where they are") {
    const Bundle bundle = three_artifacts();
    VisitorSession session(bundle, {"en", "kk", "ko"}, TextSize::Normal);
    session.apply(language("en"));
    session.apply(act(Kind::OpenArtifact, 1));
    session.apply(act(Kind::OpenLanguageMenu));
    CHECK(session.language_menu_open());
    session.apply(language("ko"));
    CHECK_FALSE(session.language_menu_open());
    CHECK(session.screen() == Screen::Artifact);
    CHECK(session.artifact() == 1);
    CHECK(session.language() == "ko");
    session.apply(language("fr"));  // not offered: ignored
    CHECK(session.language() == "ko");
}

TEST_CASE("visitor session: a reset forgets everything for the next visitor") {
    const Bundle bundle = three_artifacts();
    VisitorSession session(bundle, {"en", "kk"}, TextSize::Normal);
    const auto first = session.visitor();
    session.apply(language("kk"));
    session.apply(act(Kind::OpenArtifact, 2));
    session.apply(VisitorAction::set_text_size(TextSize::Large));
    session.apply(act(Kind::ToggleContrast));
    session.apply(act(Kind::OpenLanguageMenu));
    session.reset();
    CHECK(session.screen() == Screen::Attract);
    CHECK(session.language() == "en");
    CHECK(session.text_size() == TextSize::Normal);
    CHECK_FALSE(session.high_contrast());
    CHECK_FALSE(session.language_menu_open());
    CHECK(session.visitor() == first + 1);
}

TEST_CASE("visitor session: the venue's languages come first, in its order") {
    Exhibition exhibition;
    exhibition.languages = {"en", "kk", "ru", "nl"};
    KioskConfig config;
    CHECK(offered_languages(exhibition, config) == exhibition.languages);
    config.languages = {"nl", "en", "de", "kk"};
    CHECK(offered_languages(exhibition, config) == std::vector<std::string>{"nl", "en", "kk"});
}
