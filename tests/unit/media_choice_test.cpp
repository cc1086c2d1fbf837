// What plays follows where the visitor is: one thing at a time, stopped by
// leaving the artifact or an idle reset, narration in the visitor's language
// or its fallback.
#include <doctest/doctest.h>

#include "core/visit/media_choice.hpp"

using namespace amanat;
using Kind = VisitorAction::Kind;

namespace {

// Dombra: narration in en and kk, one film with captions off by default;
// kobyz: nothing to play.
Bundle dombra_and_kobyz() {
    Bundle bundle;
    bundle.exhibition.languages = {"en", "kk", "ru"};
    bundle.exhibition.fallback.set_default({"en"});
    bundle.exhibition.fallback.set("ru", {"kk", "en"});
    Artifact dombra;
    dombra.id = "dombra";
    dombra.narration.audio.set("en", "artifacts/dombra/narration.en.ogg");
    dombra.narration.audio.set("kk", "artifacts/dombra/narration.kk.ogg");
    Video film;
    film.id = "playing";
    film.file = "artifacts/dombra/playing.mp4";
    film.captions = false;
    dombra.videos.push_back(film);
    Artifact kobyz;
    kobyz.id = "kobyz";
    bundle.artifacts = {dombra, kobyz};
    return bundle;
}

VisitorSession at_dombra(const Bundle& bundle, const char* language) {
    VisitorSession session(bundle, bundle.exhibition.languages, TextSize::Normal);
    session.apply(VisitorAction(Kind::Start));
    session.apply(VisitorAction::choose_language(language));
    session.apply(VisitorAction(Kind::OpenArtifact, 0));
    return session;
}

}  // namespace

TEST_CASE("media choice: nothing plays until the visitor asks") {
    const Bundle bundle = dombra_and_kobyz();
    const VisitorSession session = at_dombra(bundle, "en");
    CHECK(choose_media(bundle, session).kind == MediaChoice::Kind::Nothing);
}

TEST_CASE("media choice: narration in the visitor's language, or its fallback, marked as such") {
    const Bundle bundle = dombra_and_kobyz();
    VisitorSession session = at_dombra(bundle, "kk");
    session.apply(VisitorAction(Kind::PlayNarration));
    MediaChoice choice = choose_media(bundle, session);
    CHECK(choice.kind == MediaChoice::Kind::Narration);
    CHECK(choice.file == "artifacts/dombra/narration.kk.ogg");
    CHECK_FALSE(choice.fallback);

    // Switching to Russian, which has no narration: its chain gives Kazakh first.
    session.apply(VisitorAction::choose_language("ru"));
    choice = choose_media(bundle, session);
    CHECK(choice.file == "artifacts/dombra/narration.kk.ogg");
    CHECK(choice.language == "kk");
    CHECK(choice.fallback);
    // ...and to English: the narration restarts in English.
    session.apply(VisitorAction::choose_language("en"));
    CHECK(choose_media(bundle, session).file == "artifacts/dombra/narration.en.ogg");
}

TEST_CASE("media choice: a film replaces the narration, and closing it plays nothing") {
    const Bundle bundle = dombra_and_kobyz();
    VisitorSession session = at_dombra(bundle, "en");
    session.apply(VisitorAction(Kind::PlayNarration));
    session.apply(VisitorAction(Kind::OpenFilm, 0));
    const MediaChoice film = choose_media(bundle, session);
    CHECK(film.kind == MediaChoice::Kind::Film);
    CHECK(film.file == "artifacts/dombra/playing.mp4");
    CHECK_FALSE(session.narration());
    CHECK_FALSE(session.captions());  // the bundle turned them off for this film
    session.apply(VisitorAction(Kind::ToggleCaptions));
    CHECK(session.captions());
    session.apply(VisitorAction(Kind::CloseFilm));
    CHECK(choose_media(bundle, session).kind == MediaChoice::Kind::Nothing);
}

TEST_CASE("media choice: leaving the artifact, going home or an idle reset stops everything") {
    const Bundle bundle = dombra_and_kobyz();
    for (const VisitorAction& leave :
         {VisitorAction(Kind::NextArtifact), VisitorAction(Kind::PreviousArtifact),
          VisitorAction(Kind::GoHome), VisitorAction(Kind::StartAgain),
          VisitorAction(Kind::OpenArtifact, 1)}) {
        CAPTURE(static_cast<int>(leave.kind));
        VisitorSession session = at_dombra(bundle, "en");
        session.apply(VisitorAction(Kind::OpenFilm, 0));
        session.apply(leave);
        CHECK(choose_media(bundle, session).kind == MediaChoice::Kind::Nothing);
        CHECK_FALSE(session.film().has_value());
        if (session.screen() == Screen::Artifact) {
            session.apply(VisitorAction(Kind::PlayNarration));  // kobyz has none
            CHECK(choose_media(bundle, session).kind == MediaChoice::Kind::Nothing);
        }
    }
    VisitorSession session = at_dombra(bundle, "en");
    session.apply(VisitorAction(Kind::PlayNarration));
    session.reset();
    CHECK_FALSE(session.narration());
}

TEST_CASE("media choice: play and seek are the player's business and change nothing else") {
    const Bundle bundle = dombra_and_kobyz();
    VisitorSession session = at_dombra(bundle, "en");
    session.apply(VisitorAction(Kind::PlayNarration));
    const MediaChoice before = choose_media(bundle, session);
    session.apply(VisitorAction(Kind::TogglePause));
    session.apply(VisitorAction::seek(12'000));
    CHECK(choose_media(bundle, session) == before);
    // A film index out of range, or a film on another screen, is ignored.
    session.apply(VisitorAction(Kind::OpenFilm, 5));
    CHECK_FALSE(session.film().has_value());
}
