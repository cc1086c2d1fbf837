#include "core/exhibition/media_support.hpp"

#include <algorithm>

namespace amanat {
namespace {

using Kind = MediaTrack::Kind;

enum class Verdict { Fine, Untested, TooHeavy, Protected };

Verdict verdict(const MediaTrack& track) {
    switch (track.codec) {
        case Codec::Unknown:  // the probe could not tell: the player will
        case Codec::H264:
        case Codec::VP8:
        case Codec::VP9:
        case Codec::AAC:
        case Codec::MP3:
        case Codec::Opus:
        case Codec::Vorbis:
        case Codec::FLAC:
        case Codec::PCM:
            return Verdict::Fine;
        case Codec::HEVC:
        case Codec::AV1:
        case Codec::ProRes:
        case Codec::DNxHD:
            return Verdict::TooHeavy;
        case Codec::Protected:
            return Verdict::Protected;
        default:
            return Verdict::Untested;
    }
}

// The largest picture a kiosk screen shows; a film beyond it costs decoding time for nothing.
constexpr int kLongSide = 1920;
constexpr int kShortSide = 1080;

bool larger_than_screen(const MediaTrack& video) {
    const int long_side = std::max(video.width, video.height);
    const int short_side = std::min(video.width, video.height);
    return long_side > kLongSide || short_side > kShortSide;
}

// ffmpeg's filter that brings a picture within 1920x1080 (1080x1920 upright).
std::string scale_filter(const MediaTrack& video) {
    const bool upright = video.height > video.width;
    const bool wide = static_cast<long>(upright ? video.height : video.width) * kShortSide >
                      static_cast<long>(upright ? video.width : video.height) * kLongSide;
    if (upright) return wide ? "scale=-2:1920" : "scale=1080:-2";
    return wide ? "scale=1920:-2" : "scale=-2:1080";
}

struct Names {
    std::string input;   // "IMG_0042.mov"
    std::string output;  // "IMG_0042.mp4", never the input's own name
    std::string folder;  // "artifacts/dombra", where the command is run
};

Names names(std::string_view path, std::string_view extension, std::string_view suffix) {
    const auto slash = path.rfind('/');
    Names n;
    n.input = std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
    n.folder = slash == std::string_view::npos ? std::string(".") : std::string(path.substr(0, slash));
    const auto dot = n.input.rfind('.');
    const std::string stem = dot == std::string::npos || dot == 0 ? n.input : n.input.substr(0, dot);
    n.output = stem + std::string(extension);
    if (n.output == n.input) n.output = stem + std::string(suffix) + std::string(extension);
    return n;
}

std::string then_refer(const Names& n) {
    return " (in the folder " + n.folder + "), then write \"" + n.output + "\" in place of \"" + n.input +
           "\" in the manifest";
}

// The command that re-encodes a film as H.264 and AAC, scaled to the screen when larger.
std::string h264_command(const Names& n, const MediaTrack* video) {
    const std::string scale =
        video != nullptr && larger_than_screen(*video) ? " -vf " + scale_filter(*video) : std::string();
    return "ffmpeg -i " + n.input + scale + " -c:v libx264 -crf 20 -c:a aac -pix_fmt yuv420p " + n.output;
}

// The file's own name for a codec this probe has no name for ("a video format ('xyz1')").
std::string tag_of(const MediaTrack& track) {
    const bool unnamed = track.codec == Codec::OtherVideo || track.codec == Codec::OtherAudio;
    return unnamed && !track.tag.empty() ? " ('" + track.tag + "')" : std::string();
}

std::string size_of(const MediaTrack& video) {
    if (video.width <= 0 || video.height <= 0) return {};
    return ", " + std::to_string(video.width) + "x" + std::to_string(video.height);
}

void judge_film(const MediaProbe& probe, std::string_view path, std::vector<MediaAdvice>& out) {
    const Names n = names(path, ".mp4", "-h264");
    const auto video = std::find_if(probe.tracks.begin(), probe.tracks.end(),
                                    [](const MediaTrack& t) { return t.kind == Kind::Video; });
    if (video == probe.tracks.end()) {
        out.push_back({Severity::Error, "no-video", "this film has sound but no picture",
                       "export the film again with its picture; a recording without a picture belongs "
                       "under [narration] (audio.en = \"...\")"});
        return;
    }
    const std::string name(codec_name(video->codec));
    const std::string fix = "re-encode it as H.264: " + h264_command(n, &*video) + then_refer(n);
    switch (verdict(*video)) {
        case Verdict::TooHeavy:
            out.push_back({Severity::Error, "film-codec",
                           "this film's video is " + name + size_of(*video) +
                               ": a kiosk PC decodes films without hardware help, and cannot decode " + name +
                               " smoothly at film sizes (visitors would see it stutter or stay black)",
                           fix});
            return;
        case Verdict::Untested:
            out.push_back({Severity::Warning, "film-codec",
                           "this film's video is " + name + tag_of(*video) +
                               ", which the kiosk is not tested with: it may not play",
                           fix});
            return;
        case Verdict::Protected:
            return;  // reported with the file's other streams below
        case Verdict::Fine:
            break;
    }
    if (larger_than_screen(*video)) {
        out.push_back({Severity::Warning, "film-too-large",
                       "this film is " + std::to_string(video->width) + "x" + std::to_string(video->height) +
                           " pixels: larger than a kiosk screen shows (1920x1080), and decoding it without "
                           "hardware help may make it stutter",
                       "make it screen-sized: " + h264_command(n, &*video) + then_refer(n)});
    }
}

std::string opus_command(const Names& n) {
    return "ffmpeg -i " + n.input + " -vn -c:a libopus -b:a 96k " + n.output;
}

void judge_narration(const MediaProbe& probe, std::string_view path, std::vector<MediaAdvice>& out) {
    const Names n = names(path, ".ogg", "-opus");
    const auto has = [&](Kind kind) {
        return std::any_of(probe.tracks.begin(), probe.tracks.end(),
                           [kind](const MediaTrack& t) { return t.kind == kind; });
    };
    if (!has(Kind::Sound)) {
        out.push_back({Severity::Error, "no-sound", "this narration file has no sound in it",
                       "export the narration again with its sound (as Ogg, MP3, WAV or M4A)"});
    } else if (has(Kind::Video)) {
        out.push_back(
            {Severity::Warning, "narration-has-video",
             "this narration file holds a picture as well as its sound: the kiosk plays only the "
             "sound of a narration",
             "if visitors should see it, list it under [[videos]] instead; otherwise keep the sound "
             "alone: " +
                 opus_command(n) + then_refer(n)});
    }
}

void judge_sound(const MediaProbe& probe, MediaUse use, std::string_view path,
                 std::vector<MediaAdvice>& out) {
    const auto sound = std::find_if(probe.tracks.begin(), probe.tracks.end(), [](const MediaTrack& t) {
        return t.kind == Kind::Sound && verdict(t) == Verdict::Untested;
    });
    if (sound == probe.tracks.end()) return;
    const bool film = use == MediaUse::Film;
    const Names n = film ? names(path, ".mp4", "-aac") : names(path, ".ogg", "-opus");
    const std::string command =
        film ? "ffmpeg -i " + n.input + " -c:v copy -c:a aac " + n.output : opus_command(n);
    out.push_back({Severity::Warning, "sound-codec",
                   std::string(film ? "this film's sound is " : "this narration is ") +
                       std::string(codec_name(sound->codec)) + tag_of(*sound) +
                       ", which the kiosk is not tested with: it may play silently",
                   "re-encode the sound: " + command + then_refer(n)});
}

// A QuickTime film whose codecs are fine: the kiosk's player reads it as it reads
// MP4, but QuickTime is not what the kiosk is tested with, and copying the streams
// into an MP4 file changes nothing of the picture or the sound.
void judge_quicktime(std::string_view path, std::vector<MediaAdvice>& out) {
    const Names n = names(path, ".mp4", "-copy");
    out.push_back(
        {Severity::Warning, "film-container",
         "this film is a QuickTime (.mov) file: its picture and sound are ones the kiosk plays, but "
         "films are tested as MP4",
         "save it as MP4 without re-encoding (nothing is lost): ffmpeg -i " + n.input + " -c copy " +
             n.output + then_refer(n)});
}

}  // namespace

std::vector<MediaAdvice> judge_media(const MediaProbe& probe, MediaUse use, std::string_view path) {
    std::vector<MediaAdvice> out;
    if (!probe.problem.empty() || probe.tracks.empty()) return out;
    const bool is_protected = std::any_of(probe.tracks.begin(), probe.tracks.end(),
                                          [](const MediaTrack& t) { return t.codec == Codec::Protected; });
    if (is_protected) {
        out.push_back(
            {Severity::Error, "protected-media",
             "this file is copy-protected (encrypted, as bought or rented films and music are): no "
             "kiosk can play it",
             "use an unprotected copy: the file as exported from the editing or recording software, "
             "or ask its maker for one"});
        return out;
    }
    if (use == MediaUse::Film) {
        judge_film(probe, path, out);
    } else {
        judge_narration(probe, path, out);
    }
    judge_sound(probe, use, path, out);
    if (out.empty() && use == MediaUse::Film && probe.container == "QuickTime") judge_quicktime(path, out);
    return out;
}

}  // namespace amanat
