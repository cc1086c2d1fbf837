#include <doctest/doctest.h>

#include <cstring>

#include "core/exhibition/media_probe.hpp"
#include "core/exhibition/media_support.hpp"
#include "core/pictures/image_probe.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using amanat::testing::tiny_mp4;
using amanat::testing::tiny_ogg;

namespace {

std::size_t read_string(void* context, std::uint64_t offset, char* out, std::size_t count) {
    const auto& bytes = *static_cast<const std::string*>(context);
    if (offset >= bytes.size()) return 0;
    const std::size_t n = std::min<std::size_t>(count, bytes.size() - offset);
    std::memcpy(out, bytes.data() + offset, n);
    return n;
}

MediaProbe probe(const std::string& bytes, MediaUse use) {
    MediaBytes media{bytes, bytes, bytes.size(), read_string, const_cast<std::string*>(&bytes)};
    return probe_media(media, use);
}

}  // namespace

TEST_CASE("media probe: complete containers pass") {
    CHECK(probe(tiny_mp4(), MediaUse::Film).problem.empty());
    CHECK(probe(tiny_mp4(), MediaUse::Film).container == "MP4");
    CHECK(probe(tiny_ogg(), MediaUse::Narration).problem.empty());
    CHECK(probe("ID3\x04rest", MediaUse::Narration).container == "MP3");
}

TEST_CASE("media probe: a truncated MP4 or Ogg is reported as incomplete") {
    std::string mp4 = tiny_mp4();
    mp4.resize(mp4.size() - 3);
    CHECK(probe(mp4, MediaUse::Film).problem.find("incomplete") != std::string::npos);
    std::string ogg = tiny_ogg();
    ogg.resize(ogg.size() / 2);
    CHECK(probe(ogg, MediaUse::Narration).problem.find("incomplete") != std::string::npos);
}

TEST_CASE("media probe: an MP4 without its index, audio as a film, and unknown bytes") {
    std::string no_moov = tiny_mp4();
    no_moov.replace(no_moov.find("moov"), 4, "free");
    CHECK(probe(no_moov, MediaUse::Film).problem.find("index") != std::string::npos);
    CHECK(probe(tiny_ogg(), MediaUse::Film).problem.empty());  // Ogg may hold Theora video
    CHECK(probe("ID3\x04rest", MediaUse::Film).problem.find("only sound") != std::string::npos);
    CHECK_FALSE(probe("hello world", MediaUse::Narration).problem.empty());
    CHECK(probe("", MediaUse::Narration).problem == "the file is empty");
}

TEST_CASE("image probe: a PNG header claiming a huge image is refused before decoding") {
    // A PNG signature and IHDR chunk declaring 100000 x 100000 pixels, with no data.
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0\0\0\0\0", 33);
    const ImageProbe image = probe_image(png, kDefaultMaxImageDimension);
    CHECK(image.width == 100000);
    CHECK(image.problem.find("100000x100000") != std::string::npos);
}

TEST_CASE("image probe: JPEG and PNG decode, truncated data does not") {
    CHECK(probe_image(amanat::testing::tiny_png(8, 8), 64).problem.empty());
    const ImageProbe jpeg = probe_image(amanat::testing::tiny_jpeg(8, 6), 64);
    CHECK(jpeg.problem.empty());
    CHECK(jpeg.format == "JPEG");
    CHECK(jpeg.width == 8);
    CHECK(jpeg.height == 6);
    std::string cut = amanat::testing::tiny_png(64, 64);
    cut.resize(60);
    CHECK_FALSE(probe_image(cut, 1024).problem.empty());
}

// ------------------------------------------------------------ codecs, from the container's bytes

namespace {

std::string be16(unsigned v) {
    return {static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string be32(std::uint32_t v) {
    return be16(v >> 16) + be16(v & 0xFFFF);
}

std::string box(const std::string& type, const std::string& body) {
    return be32(static_cast<std::uint32_t>(8 + body.size())) + type + body;
}

// One track of an MP4 (or QuickTime, with brand "qt  "): `handler` "vide" or
// "soun", its first sample entry of type `entry`, a picture of width x height.
std::string track(const std::string& handler, const std::string& entry, int width = 0, int height = 0) {
    // A visual sample entry: 8 bytes of SampleEntry, 16 of predefined, then width and height.
    const std::string entry_body = std::string(6, '\0') + be16(1) + std::string(16, '\0') +
                                   be16(static_cast<unsigned>(width)) + be16(static_cast<unsigned>(height)) +
                                   std::string(50, '\0');
    const std::string stsd = box("stsd", be32(0) + be32(1) + box(entry, entry_body));
    const std::string hdlr = box("hdlr", be32(0) + be32(0) + handler + std::string(13, '\0'));
    return box("trak", box("mdia", hdlr + box("minf", box("stbl", stsd))));
}

std::string mp4_with(const std::string& tracks, const std::string& brand = "isom") {
    return box("ftyp", brand + be32(512)) + box("moov", tracks) + box("mdat", std::string(8, '\0'));
}

// An EBML element whose size fits one byte.
std::string ebml(const std::string& id, const std::string& body) {
    return id + static_cast<char>(0x80 | body.size()) + body;
}

std::string matroska_with(const std::string& codec_id, int width, int height) {
    const std::string video = ebml("\xE0", ebml("\xB0", be16(static_cast<unsigned>(width))) +
                                               ebml("\xBA", be16(static_cast<unsigned>(height))));
    const std::string entry = ebml("\xAE", ebml("\x83", "\x01") + ebml("\x86", codec_id) + video);
    const std::string header = ebml("\x1A\x45\xDF\xA3", ebml("\x42\x82", "webm"));
    // The segment's size unknown (all ones), as a live recorder writes it.
    return header + "\x18\x53\x80\x67" + std::string("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8) +
           ebml("\x16\x54\xAE\x6B", entry) + "\x1F\x43\xB6\x75" +
           std::string("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8);
}

// An Ogg page carrying `packet`, flagged as a stream's first (0x02) or last (0x04).
std::string ogg_page_with(const std::string& packet, unsigned char flags) {
    return std::string("OggS\0", 5) + static_cast<char>(flags) + std::string(8, '\0') +
           std::string("\x01\0\0\0", 4) + std::string(8, '\0') + '\x01' + static_cast<char>(packet.size()) +
           packet;
}

}  // namespace

TEST_CASE("media probe: an MP4's codecs come from its sample descriptions, not its name") {
    const MediaProbe hevc =
        probe(mp4_with(track("vide", "hvc1", 3840, 2160) + track("soun", "mp4a")), MediaUse::Film);
    CHECK(hevc.problem.empty());
    REQUIRE(hevc.tracks.size() == 2);
    CHECK(hevc.tracks[0].kind == MediaTrack::Kind::Video);
    CHECK(hevc.tracks[0].codec == Codec::HEVC);
    CHECK(hevc.tracks[0].width == 3840);
    CHECK(hevc.tracks[0].height == 2160);
    CHECK(hevc.tracks[1].codec == Codec::AAC);
    CHECK(probe(mp4_with(track("vide", "hev1", 1920, 1080)), MediaUse::Film).tracks[0].codec == Codec::HEVC);
    CHECK(probe(mp4_with(track("vide", "avc1", 1280, 720)), MediaUse::Film).tracks[0].codec == Codec::H264);
    CHECK(probe(mp4_with(track("vide", "av01", 1280, 720)), MediaUse::Film).tracks[0].codec == Codec::AV1);
    CHECK(probe(mp4_with(track("vide", "vp09", 1280, 720)), MediaUse::Film).tracks[0].codec == Codec::VP9);
    // A timecode track (QuickTime's tmcd) is neither picture nor sound.
    CHECK(probe(mp4_with(track("tmcd", "tmcd")), MediaUse::Film).tracks.empty());
}

TEST_CASE("media probe: QuickTime (.mov), by its brand or by an old file's first box") {
    const MediaProbe mov = probe(mp4_with(track("vide", "apcn", 1920, 1080), "qt  "), MediaUse::Film);
    CHECK(mov.container == "QuickTime");
    CHECK(mov.tracks.at(0).codec == Codec::ProRes);
    const std::string old = box("moov", track("vide", "avc1", 640, 480)) + box("mdat", std::string(8, '\0'));
    CHECK(probe(old, MediaUse::Film).container == "QuickTime");
    CHECK(probe(old, MediaUse::Film).problem.empty());
}

TEST_CASE("media probe: WebM/Matroska codecs from CodecID, Ogg's from its first packets") {
    const MediaProbe mkv = probe(matroska_with("V_MPEGH/ISO/HEVC", 1920, 1080), MediaUse::Film);
    CHECK(mkv.container == "WebM/Matroska");
    REQUIRE(mkv.tracks.size() == 1);
    CHECK(mkv.tracks[0].codec == Codec::HEVC);
    CHECK(mkv.tracks[0].width == 1920);
    CHECK(probe(matroska_with("V_VP9", 640, 360), MediaUse::Film).tracks.at(0).codec == Codec::VP9);
    CHECK(probe(matroska_with("V_MPEG4/ISO/AVC", 640, 360), MediaUse::Film).tracks.at(0).codec ==
          Codec::H264);

    const std::string vorbis =
        ogg_page_with(std::string("\x01vorbis") + std::string(20, '\0'), 0x02) + ogg_page_with("data", 0x04);
    CHECK(probe(vorbis, MediaUse::Narration).tracks.at(0).codec == Codec::Vorbis);
    const std::string opus =
        ogg_page_with("OpusHead" + std::string(11, '\0'), 0x02) + ogg_page_with("data", 0x04);
    CHECK(probe(opus, MediaUse::Narration).tracks.at(0).codec == Codec::Opus);
    CHECK(probe(opus, MediaUse::Narration).problem.empty());
}

TEST_CASE("media support: HEVC and AV1 films are errors whose fix is the H.264 command") {
    for (const char* entry : {"hvc1", "hev1", "av01"}) {
        CAPTURE(entry);
        const MediaProbe film =
            probe(mp4_with(track("vide", entry, 1920, 1080) + track("soun", "mp4a")), MediaUse::Film);
        const auto advice = judge_media(film, MediaUse::Film, "artifacts/dombra/playing.mp4");
        REQUIRE(advice.size() == 1);
        CHECK(advice[0].severity == Severity::Error);
        CHECK(advice[0].code == "film-codec");
        CHECK(advice[0].message.find(entry[0] == 'h' ? "H.265 (HEVC)" : "AV1") != std::string::npos);
        CHECK(advice[0].fix.find(
                  "re-encode it as H.264: ffmpeg -i playing.mp4 -c:v libx264 -crf 20 -c:a aac") !=
              std::string::npos);
        CHECK(advice[0].fix.find("playing-h264.mp4") != std::string::npos);  // never over its own input
    }
}

TEST_CASE("media support: a 4K film is scaled in its fix; an iPhone .mov becomes an .mp4") {
    const MediaProbe iphone =
        probe(mp4_with(track("vide", "hvc1", 3840, 2160) + track("soun", "mp4a"), "qt  "), MediaUse::Film);
    const auto advice = judge_media(iphone, MediaUse::Film, "artifacts/yurt/IMG_0042.MOV");
    REQUIRE(advice.size() == 1);
    CHECK(advice[0].fix.find("ffmpeg -i IMG_0042.MOV -vf scale=-2:1080 -c:v libx264") != std::string::npos);
    CHECK(advice[0].fix.find("IMG_0042.mp4") != std::string::npos);

    const MediaProbe big = probe(mp4_with(track("vide", "avc1", 3840, 2160)), MediaUse::Film);
    const auto large = judge_media(big, MediaUse::Film, "film.mp4");
    REQUIRE(large.size() == 1);
    CHECK(large[0].severity == Severity::Warning);
    CHECK(large[0].code == "film-too-large");
}

TEST_CASE("media support: what a kiosk plays in software passes with nothing to say") {
    CHECK(judge_media(
              probe(mp4_with(track("vide", "avc1", 1920, 1080) + track("soun", "mp4a")), MediaUse::Film),
              MediaUse::Film, "a.mp4")
              .empty());
    CHECK(judge_media(probe(matroska_with("V_VP9", 1920, 1080), MediaUse::Film), MediaUse::Film, "a.webm")
              .empty());
    // AAC narration in an .m4a: the MP4 container and AAC, as in every film.
    CHECK(judge_media(probe(mp4_with(track("soun", "mp4a"), "M4A "), MediaUse::Narration),
                      MediaUse::Narration, "narration.en.m4a")
              .empty());
    // A file the probe sees no codec in (a tiny test file) is not judged.
    CHECK(judge_media(probe(tiny_mp4(), MediaUse::Film), MediaUse::Film, "a.mp4").empty());
}

TEST_CASE("media support: an H.264 QuickTime film is a warning, fixed by copying its streams into an MP4") {
    const auto mov = judge_media(
        probe(mp4_with(track("vide", "avc1", 1280, 720) + track("soun", "mp4a"), "qt  "), MediaUse::Film),
        MediaUse::Film, "artifacts/yurt/raising.mov");
    REQUIRE(mov.size() == 1);
    CHECK(mov[0].severity == Severity::Warning);
    CHECK(mov[0].code == "film-container");
    CHECK(mov[0].fix.find("ffmpeg -i raising.mov -c copy raising.mp4") != std::string::npos);
}

TEST_CASE("media support: a film without a picture, a narration with one, a protected file") {
    const auto sound_only =
        judge_media(probe(mp4_with(track("soun", "mp4a"), "M4A "), MediaUse::Film), MediaUse::Film, "a.m4a");
    REQUIRE(sound_only.size() == 1);
    CHECK(sound_only[0].code == "no-video");
    CHECK(sound_only[0].severity == Severity::Error);

    const auto pictured = judge_media(
        probe(mp4_with(track("vide", "avc1", 640, 360) + track("soun", "mp4a")), MediaUse::Narration),
        MediaUse::Narration, "narration.en.mp4");
    REQUIRE(pictured.size() == 1);
    CHECK(pictured[0].code == "narration-has-video");
    CHECK(pictured[0].severity == Severity::Warning);

    const auto bought = judge_media(probe(mp4_with(track("soun", "drms"), "M4A "), MediaUse::Narration),
                                    MediaUse::Narration, "song.m4a");
    REQUIRE(bought.size() == 1);
    CHECK(bought[0].code == "protected-media");
    CHECK(bought[0].severity == Severity::Error);
}
