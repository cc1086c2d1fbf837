#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace amanat {

enum class MediaUse { Narration, Film };

// How a stream inside a media file is coded, as far as the kiosk's choice goes
// (core/exhibition/media_support.hpp judges them).
enum class Codec {
    Unknown,
    // video
    H264,
    HEVC,
    AV1,
    VP8,
    VP9,
    Theora,
    Mpeg4Part2,
    Mpeg2,
    ProRes,
    DNxHD,
    MotionJpeg,
    OtherVideo,
    // sound
    AAC,
    MP3,
    Opus,
    Vorbis,
    FLAC,
    PCM,
    ALAC,
    AC3,
    OtherAudio,
    // either, encrypted: a copy-protected file no player without the key can decode
    Protected,
};

// "H.265 (HEVC)", "AAC" ...: the name staff see in their export dialog.
std::string_view codec_name(Codec codec);

struct MediaTrack {
    enum class Kind { Video, Sound };
    Kind kind = Kind::Video;
    Codec codec = Codec::Unknown;
    std::string tag;  // as the file names it: "hvc1", "V_MPEGH/ISO/HEVC", "vorbis"
    int width = 0;    // pixels, video only; 0 when unknown
    int height = 0;
};

struct MediaProbe {
    std::string container;  // "MP4", "QuickTime", "WebM/Matroska", "Ogg", "MP3", "WAV"; empty when unknown
    std::string problem;    // empty when the file looks complete
    // The video and sound streams found, in file order. Empty when the probe could
    // not see them (a tiny test file, an index beyond what was read): not a fault.
    std::vector<MediaTrack> tracks;
};

// Checks an audio or video file from its container structure, without decoding:
// the format from its signature, and for MP4, Ogg, WAV whether the file is
// complete (a truncated copy is the most common fault of a file carried on a USB
// stick), and how each stream is coded (MP4's sample descriptions, Matroska's
// CodecID, Ogg's first packets). `head` is the start of the file (up to 64 KiB),
// `tail` its last 64 KiB, `size` its full size. For MP4 and QuickTime `read_at`
// is used to walk the boxes, whose index may be anywhere in the file.
struct MediaBytes {
    std::string_view head;
    std::string_view tail;
    std::uint64_t size = 0;
    // Reads up to `count` bytes at `offset` into `out`; returns the number read.
    std::size_t (*read_at)(void* context, std::uint64_t offset, char* out, std::size_t count) = nullptr;
    void* context = nullptr;
};

MediaProbe probe_media(const MediaBytes& bytes, MediaUse use);

}  // namespace amanat
