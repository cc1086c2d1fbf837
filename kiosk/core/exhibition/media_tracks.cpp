#include "core/exhibition/media_tracks.hpp"

#include <array>
#include <string>
#include <utility>

namespace amanat {
namespace {

using Kind = MediaTrack::Kind;

unsigned byte_at(std::string_view data, std::size_t at) {
    return static_cast<unsigned char>(data[at]);
}

std::uint64_t big_endian(std::string_view data, std::size_t at, std::size_t bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < bytes; ++i) value = (value << 8) | byte_at(data, at + i);
    return value;
}

std::uint64_t little_endian(std::string_view data, std::size_t at, std::size_t bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = bytes; i > 0; --i) value = (value << 8) | byte_at(data, at + i - 1);
    return value;
}

// ---------------------------------------------------------------- MP4, QuickTime

// Sample entry types (ISO/IEC 14496-12 and -15, QuickTime File Format).
Codec mp4_codec(std::string_view tag) {
    static constexpr std::array<std::pair<std::string_view, Codec>, 37> kTags = {{
        {"avc1", Codec::H264},       {"avc3", Codec::H264},       {"hvc1", Codec::HEVC},
        {"hev1", Codec::HEVC},       {"dvh1", Codec::HEVC},       {"dvhe", Codec::HEVC},
        {"av01", Codec::AV1},        {"vp08", Codec::VP8},        {"vp09", Codec::VP9},
        {"mp4v", Codec::Mpeg4Part2}, {"apcn", Codec::ProRes},     {"apch", Codec::ProRes},
        {"apcs", Codec::ProRes},     {"apco", Codec::ProRes},     {"ap4h", Codec::ProRes},
        {"ap4x", Codec::ProRes},     {"AVdn", Codec::DNxHD},      {"AVdh", Codec::DNxHD},
        {"jpeg", Codec::MotionJpeg}, {"mjpa", Codec::MotionJpeg}, {"mjpb", Codec::MotionJpeg},
        {"mp4a", Codec::AAC},        {".mp3", Codec::MP3},        {"Opus", Codec::Opus},
        {"fLaC", Codec::FLAC},       {"alac", Codec::ALAC},       {"ac-3", Codec::AC3},
        {"ec-3", Codec::AC3},        {"lpcm", Codec::PCM},        {"sowt", Codec::PCM},
        {"twos", Codec::PCM},        {"in24", Codec::PCM},        {"fl32", Codec::PCM},
        {"encv", Codec::Protected},  {"enca", Codec::Protected},  {"drms", Codec::Protected},
        {"drmi", Codec::Protected},
    }};
    for (const auto& [known, codec] : kTags)
        if (tag == known) return codec;
    if (tag.starts_with("xd") || tag.starts_with("hdv") || tag.starts_with("mx")) return Codec::Mpeg2;
    return Codec::Unknown;
}

struct Mp4Box {
    std::uint64_t body = 0;  // where its content starts
    std::uint64_t end = 0;
    std::string type;
};

// Reads what a well-formed MP4 walk needs: `count` bytes at `offset`, all or nothing.
bool read_exactly(const MediaBytes& bytes, std::uint64_t offset, std::size_t count, std::string& out) {
    out.assign(count, '\0');
    return bytes.read_at(bytes.context, offset, out.data(), count) == count;
}

// The box whose header is at `offset`, if it lies within [offset, end).
bool read_box(const MediaBytes& bytes, std::uint64_t offset, std::uint64_t end, Mp4Box& box) {
    std::string header;
    if (end - offset < 8 || !read_exactly(bytes, offset, 8, header)) return false;
    std::uint64_t size = big_endian(header, 0, 4);
    std::uint64_t header_size = 8;
    if (size == 1) {
        std::string large;
        if (!read_exactly(bytes, offset + 8, 8, large)) return false;
        size = big_endian(large, 0, 8);
        header_size = 16;
    } else if (size == 0) {
        size = end - offset;  // runs to the end of its parent
    }
    if (size < header_size || size > end - offset) return false;
    box = {offset + header_size, offset + size, header.substr(4, 4)};
    return true;
}

class Mp4Walk {
  public:
    explicit Mp4Walk(const MediaBytes& bytes) : m_bytes(bytes) {}

    void walk(std::uint64_t from, std::uint64_t to, std::string_view parent) {
        Mp4Box box;
        for (std::uint64_t at = from; m_boxes < kMaxBoxes && read_box(m_bytes, at, to, box); at = box.end) {
            ++m_boxes;
            if (box.type == "trak") {
                m_tracks.emplace_back();
                m_handlers.emplace_back();
                walk(box.body, box.end, box.type);
            } else if (box.type == "mdia" || box.type == "minf" || box.type == "stbl") {
                walk(box.body, box.end, box.type);
            } else if (box.type == "hdlr" && parent == "mdia" && !m_tracks.empty()) {
                std::string handler;  // version and flags, pre_defined, handler_type
                if (read_exactly(m_bytes, box.body, 12, handler)) m_handlers.back() = handler.substr(8, 4);
            } else if (box.type == "stsd" && !m_tracks.empty()) {
                describe(box);
            }
        }
    }

    std::vector<MediaTrack> tracks() const {
        std::vector<MediaTrack> found;
        for (std::size_t i = 0; i < m_tracks.size(); ++i) {
            MediaTrack track = m_tracks[i];
            if (m_handlers[i] != "vide" && m_handlers[i] != "soun") continue;  // timecode, text...
            track.kind = m_handlers[i] == "vide" ? Kind::Video : Kind::Sound;
            if (track.kind == Kind::Sound) track.width = track.height = 0;
            found.push_back(std::move(track));
        }
        return found;
    }

  private:
    static constexpr int kMaxBoxes = 10000;

    // The first sample entry: its type names the codec; a visual entry's width
    // and height follow 24 bytes of reserved and predefined fields.
    void describe(const Mp4Box& box) {
        std::string entry;  // version and flags, entry count, then the entry
        const std::uint64_t available = box.end - box.body;
        if (available < 16 || !read_exactly(m_bytes, box.body, std::min<std::uint64_t>(available, 44), entry))
            return;
        MediaTrack& track = m_tracks.back();
        track.tag = entry.substr(12, 4);
        track.codec = mp4_codec(track.tag);
        if (entry.size() >= 44) {
            track.width = static_cast<int>(big_endian(entry, 40, 2));
            track.height = static_cast<int>(big_endian(entry, 42, 2));
        }
    }

    const MediaBytes& m_bytes;
    int m_boxes = 0;
    std::vector<MediaTrack> m_tracks;
    std::vector<std::string> m_handlers;  // each track's handler type: "vide", "soun"...
};

// ---------------------------------------------------------------- Matroska, WebM

Codec matroska_codec(std::string_view id) {
    static constexpr std::array<std::pair<std::string_view, Codec>, 18> kIds = {{
        {"V_MPEG4/ISO/AVC", Codec::H264},
        {"V_MPEGH/ISO/HEVC", Codec::HEVC},
        {"V_AV1", Codec::AV1},
        {"V_VP8", Codec::VP8},
        {"V_VP9", Codec::VP9},
        {"V_THEORA", Codec::Theora},
        {"V_MPEG4/ISO/", Codec::Mpeg4Part2},
        {"V_MPEG1", Codec::Mpeg2},
        {"V_MPEG2", Codec::Mpeg2},
        {"V_PRORES", Codec::ProRes},
        {"V_MJPEG", Codec::MotionJpeg},
        {"A_AAC", Codec::AAC},
        {"A_MPEG/L3", Codec::MP3},
        {"A_OPUS", Codec::Opus},
        {"A_VORBIS", Codec::Vorbis},
        {"A_FLAC", Codec::FLAC},
        {"A_PCM/", Codec::PCM},
        {"A_AC3", Codec::AC3},
    }};
    for (const auto& [known, codec] : kIds)
        if (id.starts_with(known)) return codec;  // the first that fits: AVC before other MPEG-4
    if (id == "A_EAC3") return Codec::AC3;
    if (id == "A_ALAC") return Codec::ALAC;
    return id.starts_with("V_") ? Codec::OtherVideo : Codec::OtherAudio;
}

// EBML element IDs (the Matroska specification) on the way to each track's codec.
constexpr std::uint64_t kSegment = 0x18538067, kTracks = 0x1654AE6B, kTrackEntry = 0xAE, kVideo = 0xE0,
                        kContentEncodings = 0x6D80, kContentEncoding = 0x6240, kContentEncryption = 0x5035,
                        kTrackType = 0x83, kCodecId = 0x86, kPixelWidth = 0xB0, kPixelHeight = 0xBA,
                        kCluster = 0x1F43B675;

// An EBML variable-length number at `at`: an ID keeps its length marker, a size
// loses it. False when it does not fit in `data`.
bool read_vint(std::string_view data, std::size_t& at, bool keep_marker, std::uint64_t& value,
               bool& all_ones) {
    if (at >= data.size()) return false;
    const unsigned first = byte_at(data, at);
    std::size_t length = 1;
    while (length <= 8 && (first & (0x80u >> (length - 1))) == 0) ++length;
    if (length > 8 || at + length > data.size()) return false;
    value = keep_marker ? first : first & (0xFFu >> length);
    all_ones = value == (0xFFu >> length);
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned next = byte_at(data, at + i);
        value = (value << 8) | next;
        all_ones = all_ones && next == 0xFF;
    }
    at += length;
    return true;
}

class MatroskaWalk {
  public:
    explicit MatroskaWalk(std::string_view data) : m_data(data) {}

    // Walks the elements in [from, to); false once the walk must stop (a cluster,
    // or an element that runs past what was read).
    bool walk(std::size_t from, std::size_t to) {
        std::size_t at = from;
        while (at < to && ++m_elements < kMaxElements) {
            std::uint64_t id = 0, size = 0;
            bool unused = false, unknown_size = false;
            if (!read_vint(m_data, at, true, id, unused) || !read_vint(m_data, at, false, size, unknown_size))
                return false;
            if (id == kCluster) return false;  // the tracks come before the first cluster
            const bool master = id == kSegment || id == kTracks || id == kTrackEntry || id == kVideo ||
                                id == kContentEncodings || id == kContentEncoding;
            const std::size_t end = unknown_size || size > to - at ? to : at + static_cast<std::size_t>(size);
            if (!master && (unknown_size || size > m_data.size() - at)) return false;
            if (id == kTrackEntry) m_tracks.push_back({});
            if (master && !walk(at, end)) return false;
            if (!master && !m_tracks.empty()) read_field(id, m_data.substr(at, end - at));
            at = end;
        }
        return true;
    }

    std::vector<MediaTrack> tracks() const {
        std::vector<MediaTrack> found;
        for (const Entry& entry : m_tracks)
            if (entry.type == 1 || entry.type == 2) found.push_back(entry.track);
        return found;
    }

  private:
    static constexpr int kMaxElements = 100000;
    struct Entry {
        MediaTrack track;
        std::uint64_t type = 0;  // 1 video, 2 sound, 17 subtitles...
    };

    void read_field(std::uint64_t id, std::string_view value) {
        Entry& entry = m_tracks.back();
        if (id == kTrackType && value.size() <= 8) {
            entry.type = big_endian(value, 0, value.size());
            entry.track.kind = entry.type == 1 ? Kind::Video : Kind::Sound;
        } else if (id == kCodecId) {
            entry.track.tag = std::string(value.substr(0, value.find('\0')));
            if (entry.track.codec != Codec::Protected) entry.track.codec = matroska_codec(entry.track.tag);
        } else if ((id == kPixelWidth || id == kPixelHeight) && value.size() <= 4) {
            (id == kPixelWidth ? entry.track.width : entry.track.height) =
                static_cast<int>(big_endian(value, 0, value.size()));
        } else if (id == kContentEncryption) {
            entry.track.codec = Codec::Protected;
        }
    }

    std::string_view m_data;
    int m_elements = 0;
    std::vector<Entry> m_tracks;
};

// ---------------------------------------------------------------- Ogg

// The stream a first packet starts: its codec's identification header.
bool identify_ogg_stream(std::string_view packet, MediaTrack& track) {
    if (packet.starts_with("\x01vorbis")) {
        track = {Kind::Sound, Codec::Vorbis, "vorbis", 0, 0};
    } else if (packet.starts_with("OpusHead")) {
        track = {Kind::Sound, Codec::Opus, "opus", 0, 0};
    } else if (packet.starts_with("\x7f"
                                  "FLAC")) {
        track = {Kind::Sound, Codec::FLAC, "flac", 0, 0};
    } else if (packet.starts_with("Speex   ")) {
        track = {Kind::Sound, Codec::OtherAudio, "speex", 0, 0};
    } else if (packet.starts_with("\x80theora")) {
        track = {Kind::Video, Codec::Theora, "theora", 0, 0};
        if (packet.size() >= 20) {  // the picture's size, after the frame's
            track.width = static_cast<int>(big_endian(packet, 14, 3));
            track.height = static_cast<int>(big_endian(packet, 17, 3));
        }
    } else {
        return false;  // a skeleton or a codec not known here
    }
    return true;
}

}  // namespace

std::vector<MediaTrack> mp4_tracks(const MediaBytes& bytes, std::uint64_t offset, std::uint64_t size) {
    if (bytes.read_at == nullptr) return {};
    Mp4Walk walk(bytes);
    Mp4Box moov;
    if (!read_box(bytes, offset, offset + size, moov)) return {};
    walk.walk(moov.body, moov.end, "moov");
    return walk.tracks();
}

std::vector<MediaTrack> matroska_tracks(std::string_view head) {
    MatroskaWalk walk(head);
    walk.walk(0, head.size());
    return walk.tracks();
}

std::vector<MediaTrack> ogg_tracks(std::string_view head) {
    std::vector<MediaTrack> tracks;
    std::size_t at = 0;
    // Every stream's beginning-of-stream page comes before any other page.
    while (at + 27 <= head.size() && head.substr(at, 4) == "OggS" && (byte_at(head, at + 5) & 0x02) != 0) {
        const std::size_t segments = byte_at(head, at + 26);
        const std::size_t body = at + 27 + segments;
        if (body > head.size()) break;
        std::size_t length = 0;
        for (std::size_t i = 0; i < segments; ++i) length += byte_at(head, at + 27 + i);
        MediaTrack track;
        if (identify_ogg_stream(head.substr(body, length), track)) tracks.push_back(std::move(track));
        at = body + length;
    }
    return tracks;
}

std::vector<MediaTrack> wav_tracks(std::string_view head) {
    for (std::size_t at = 12; at + 10 <= head.size();) {
        const std::uint64_t size = little_endian(head, at + 4, 4);
        if (head.substr(at, 4) == "fmt ") {
            const std::uint64_t format = little_endian(head, at + 8, 2);
            const bool pcm = format == 1 || format == 3 || format == 0xFFFE;  // integer, float, extensible
            const Codec codec = pcm ? Codec::PCM : format == 0x55 ? Codec::MP3 : Codec::OtherAudio;
            return {MediaTrack{Kind::Sound, codec, "wav format " + std::to_string(format), 0, 0}};
        }
        if (size > head.size()) break;
        at += 8 + static_cast<std::size_t>(size) + (size & 1);  // chunks are padded to even sizes
    }
    return {};
}

}  // namespace amanat
