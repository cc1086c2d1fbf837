#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/exhibition/media_probe.hpp"
#include "core/files/diagnostics.hpp"

namespace amanat {

// What a kiosk PC can play, judged from a probed file (content/FORMAT.md, "Files
// the kiosk can play and show"). The kiosk decodes every film and narration in
// software (kiosk/media hands libvlc no hardware decoder), on PCs chosen for low
// power, so the choice is by codec, not by the file's name:
//  - fine: H.264, VP9 and VP8 video; AAC, MP3, Opus, Vorbis, FLAC and PCM sound,
//    in MP4 (.mp4 .m4v .m4a), WebM/Matroska, Ogg, MP3 or WAV files;
//  - an error: H.265 (HEVC), AV1, ProRes and DNxHD video, too heavy without
//    hardware at film sizes, and copy-protected files, which nothing can play;
//  - a warning: other codecs, which the kiosk is not tested with, films larger than
//    a 1920x1080 screen, and a QuickTime (.mov) film, whose streams an MP4 file
//    holds unchanged (`ffmpeg -c copy`).
// Each finding's fix is the ffmpeg command that makes the file right.
struct MediaAdvice {
    Severity severity = Severity::Warning;
    std::string code;     // "film-codec", "sound-codec", "protected-media", "no-video", ...
    std::string message;  // what is wrong, for staff
    std::string fix;      // what to do about it
};

// `path` is the file's bundle-relative path, for the commands' file names.
std::vector<MediaAdvice> judge_media(const MediaProbe& probe, MediaUse use, std::string_view path);

}  // namespace amanat
