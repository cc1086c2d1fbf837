#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace amanat {

enum class MediaUse { Narration, Film };

struct MediaProbe {
    std::string container;  // "MP4", "Ogg", "WebM/Matroska", "MP3", "WAV"; empty when unknown
    std::string problem;    // empty when the file looks playable
};

// Checks an audio or video file from its container structure, without decoding:
// the format from its signature, and for MP4, Ogg, WAV whether the file is
// complete (a truncated copy is the most common fault of a file carried on a USB
// stick). `head` is the start of the file (up to 64 KiB), `tail` its last 64 KiB,
// `size` its full size. For MP4 `read_at` is used to walk the top-level boxes.
// Decoding problems are found later by the player, which shows a clear message.
struct MediaBytes {
    std::string_view head;
    std::string_view tail;
    std::uint64_t size = 0;
    // Reads up to 16 bytes at `offset` into `out`; returns the number read.
    std::size_t (*read_at)(void* context, std::uint64_t offset, char* out, std::size_t count) = nullptr;
    void* context = nullptr;
};

MediaProbe probe_media(const MediaBytes& bytes, MediaUse use);

}  // namespace amanat
