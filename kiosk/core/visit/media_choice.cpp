#include "core/visit/media_choice.hpp"

namespace amanat {

MediaChoice choose_media(const Bundle& bundle, const VisitorSession& session) {
    MediaChoice choice;
    if (session.screen() != Screen::Artifact || session.artifact() >= bundle.artifacts.size()) return choice;
    const Artifact& artifact = bundle.artifacts[session.artifact()];
    if (const auto film = session.film(); film && *film < artifact.videos.size()) {
        choice.kind = MediaChoice::Kind::Film;
        choice.file = artifact.videos[*film].file;
        return choice;
    }
    if (session.narration()) {
        const LocalisedText audio =
            localise(artifact.narration.audio, session.language(), bundle.exhibition.fallback);
        if (audio) {
            choice.kind = MediaChoice::Kind::Narration;
            choice.file = *audio.text;
            choice.language = audio.language;
            choice.fallback = audio.is_fallback;
        }
    }
    return choice;
}

}  // namespace amanat
