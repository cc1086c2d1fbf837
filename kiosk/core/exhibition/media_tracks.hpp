#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/exhibition/media_probe.hpp"

namespace amanat {

// How the streams of a media file are coded, read from its container's own
// description of them, for probe_media (core/exhibition/media_probe.hpp). Each
// returns only the video and sound streams it recognises; nothing is decoded.

// MP4 and QuickTime: the first sample description (stsd) of each track of the
// 'moov' box that starts at `offset` and is `size` bytes long.
std::vector<MediaTrack> mp4_tracks(const MediaBytes& bytes, std::uint64_t offset, std::uint64_t size);

// WebM and Matroska: each TrackEntry's CodecID, from the start of the file.
std::vector<MediaTrack> matroska_tracks(std::string_view head);

// Ogg: the first packet of each stream, on its beginning-of-stream page.
std::vector<MediaTrack> ogg_tracks(std::string_view head);

// WAV: the format of its "fmt " chunk.
std::vector<MediaTrack> wav_tracks(std::string_view head);

}  // namespace amanat
