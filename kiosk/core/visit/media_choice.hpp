#pragma once

#include <string>

#include "core/exhibition/bundle.hpp"
#include "core/visit/visitor_session.hpp"

namespace amanat {

// What the kiosk should be playing for the visitor right now. It is derived from
// the session after every frame, so that the player follows navigation (leaving
// the artifact, an idle reset, a language switch) without any screen having to
// remember to stop it. One thing at a time: a film, a narration, or nothing.
//
// A language switch during narration restarts it in the new language (or that
// language's fallback): the spoken texts differ in length, so a position in one
// means nothing in another. A film keeps playing; only its subtitles change.
struct MediaChoice {
    enum class Kind { Nothing, Narration, Film };
    Kind kind = Kind::Nothing;
    std::string file;       // bundle path
    std::string language;   // the narration's language (the visitor's or a fallback); empty for films
    bool fallback = false;  // the narration is not in the visitor's language

    bool operator==(const MediaChoice&) const = default;
};

MediaChoice choose_media(const Bundle& bundle, const VisitorSession& session);

}  // namespace amanat
