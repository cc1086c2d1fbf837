#include "core/exhibition/media_probe.hpp"

#include <array>
#include <utility>

#include "core/exhibition/media_tracks.hpp"

namespace amanat {
namespace {

std::uint32_t be32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) | u[3];
}

std::uint32_t le32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return (std::uint32_t{u[3]} << 24) | (std::uint32_t{u[2]} << 16) | (std::uint32_t{u[1]} << 8) | u[0];
}

struct Mp4Index {
    std::uint64_t offset = 0, size = 0;  // the 'moov' box; size 0 when there is none
};

// Walks MP4's top-level boxes; a box running past the end means a truncated copy.
std::string check_mp4(const MediaBytes& bytes, Mp4Index& index) {
    if (bytes.read_at == nullptr) return {};
    std::uint64_t offset = 0;
    bool have_moov = false;
    bool have_mdat = false;
    for (int boxes = 0; offset < bytes.size && boxes < 10000; ++boxes) {
        char header[16];
        const std::size_t got = bytes.read_at(bytes.context, offset, header, sizeof header);
        if (got < 8) return "the file ends in the middle of an MP4 box: it is incomplete (copy it again)";
        std::uint64_t size = be32(header);
        const std::string_view type(header + 4, 4);
        if (size == 1) {
            if (got < 16)
                return "the file ends in the middle of an MP4 box: it is incomplete (copy it again)";
            size = (std::uint64_t{be32(header + 8)} << 32) | be32(header + 12);
        } else if (size == 0) {
            size = bytes.size - offset;  // the last box runs to the end
        }
        if (size < 8) return "the MP4 structure is damaged at byte " + std::to_string(offset);
        if (type == "moov" && !have_moov) index = {offset, size};
        if (type == "moov") have_moov = true;
        if (type == "mdat") have_mdat = true;
        if (offset + size > bytes.size) {
            return "the file is incomplete: its '" + std::string(type) + "' part needs " +
                   std::to_string(size) + " bytes but only " + std::to_string(bytes.size - offset) +
                   " are there (copy it again)";
        }
        offset += size;
    }
    if (!have_moov)
        return "the MP4 file has no index ('moov'); it is incomplete or was not finished when saved";
    if (!have_mdat) return "the MP4 file has no media data ('mdat')";
    return {};
}

// The last Ogg page of a complete stream carries the end-of-stream flag.
std::string check_ogg(const MediaBytes& bytes) {
    const std::string_view tail = bytes.tail;
    const std::size_t last = tail.rfind("OggS");
    if (last == std::string_view::npos || last + 6 > tail.size()) {
        return "the Ogg file is damaged: no page found near its end";
    }
    const auto flags = static_cast<unsigned char>(tail[last + 5]);
    if ((flags & 0x04) == 0)
        return "the Ogg file is incomplete: it stops before the end of its stream (copy it again)";
    return {};
}

std::string check_wav(const MediaBytes& bytes) {
    const std::uint64_t declared = std::uint64_t{le32(bytes.head.data() + 4)} + 8;
    if (declared > bytes.size)
        return "the WAV file is incomplete: it declares " + std::to_string(declared) + " bytes but has " +
               std::to_string(bytes.size) + " (copy it again)";
    return {};
}

// QuickTime files written before MP4 existed start with one of these boxes, not 'ftyp'.
bool is_old_quicktime(std::string_view head) {
    if (head.size() < 8 || be32(head.data()) < 8) return false;
    const std::string_view type = head.substr(4, 4);
    return type == "moov" || type == "mdat" || type == "wide" || type == "free" || type == "skip" ||
           type == "pnot";
}

// ISO base media files: MP4, M4A, M4V and QuickTime (.mov) share one structure.
void probe_boxes(const MediaBytes& bytes, MediaProbe& probe) {
    const std::string_view head = bytes.head;
    const bool quicktime = head.substr(4, 4) != "ftyp" || head.substr(8, 4) == "qt  ";
    probe.container = quicktime ? "QuickTime" : "MP4";
    Mp4Index index;
    probe.problem = check_mp4(bytes, index);
    if (probe.problem.empty() && index.size > 0) probe.tracks = mp4_tracks(bytes, index.offset, index.size);
}

}  // namespace

std::string_view codec_name(Codec codec) {
    static constexpr std::array<std::pair<Codec, std::string_view>, 23> kNames = {{
        {Codec::Unknown, "an unknown format"},
        {Codec::H264, "H.264 (AVC)"},
        {Codec::HEVC, "H.265 (HEVC)"},
        {Codec::AV1, "AV1"},
        {Codec::VP8, "VP8"},
        {Codec::VP9, "VP9"},
        {Codec::Theora, "Theora"},
        {Codec::Mpeg4Part2, "MPEG-4 Part 2 (DivX, Xvid)"},
        {Codec::Mpeg2, "MPEG-2"},
        {Codec::ProRes, "Apple ProRes"},
        {Codec::DNxHD, "Avid DNxHD"},
        {Codec::MotionJpeg, "Motion JPEG"},
        {Codec::OtherVideo, "a video format"},
        {Codec::AAC, "AAC"},
        {Codec::MP3, "MP3"},
        {Codec::Opus, "Opus"},
        {Codec::Vorbis, "Vorbis"},
        {Codec::FLAC, "FLAC"},
        {Codec::PCM, "PCM (uncompressed)"},
        {Codec::ALAC, "Apple Lossless (ALAC)"},
        {Codec::AC3, "Dolby Digital (AC-3)"},
        {Codec::OtherAudio, "a sound format"},
        {Codec::Protected, "copy-protected (encrypted)"},
    }};
    for (const auto& [known, name] : kNames)
        if (known == codec) return name;
    return "an unknown format";
}

MediaProbe probe_media(const MediaBytes& bytes, MediaUse use) {
    MediaProbe probe;
    const std::string_view head = bytes.head;
    if (bytes.size == 0) {
        probe.problem = "the file is empty";
        return probe;
    }
    if ((head.size() >= 12 && head.substr(4, 4) == "ftyp") || is_old_quicktime(head)) {
        probe_boxes(bytes, probe);
    } else if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x1a\x45\xdf\xa3", 4)) {
        probe.container = "WebM/Matroska";
        probe.tracks = matroska_tracks(head);
    } else if (head.size() >= 4 && head.substr(0, 4) == "OggS") {
        probe.container = "Ogg";
        probe.problem = check_ogg(bytes);
        probe.tracks = ogg_tracks(head);
    } else if (head.size() >= 12 && head.substr(0, 4) == "RIFF" && head.substr(8, 4) == "WAVE") {
        probe.container = "WAV";
        probe.problem = check_wav(bytes);
        probe.tracks = wav_tracks(head);
    } else if ((head.size() >= 3 && head.substr(0, 3) == "ID3") ||
               (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFF &&
                (static_cast<unsigned char>(head[1]) & 0xE0) == 0xE0)) {
        probe.container = "MP3";
        probe.tracks = {MediaTrack{MediaTrack::Kind::Sound, Codec::MP3, "mp3", 0, 0}};
    } else {
        probe.problem = use == MediaUse::Film
                            ? "the file is not a film the kiosk can play (use MP4 or WebM)"
                            : "the file is not audio the kiosk can play (use Ogg, MP3, WAV or M4A)";
        return probe;
    }
    if (probe.problem.empty() && use == MediaUse::Film &&
        (probe.container == "MP3" || probe.container == "WAV")) {
        probe.problem =
            std::string("a ") + probe.container + " file holds only sound; films must be MP4 or WebM";
    }
    return probe;
}

}  // namespace amanat
