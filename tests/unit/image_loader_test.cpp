#include <doctest/doctest.h>
// The test target does not have stb's folder on its include path (only
// amanat_core and amanat_test_support do); libstb itself is linked through them.
#include <stb/stb_image_write.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include "core/pictures/image_loader.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using amanat::testing::TemporaryFolder;
using amanat::testing::tiny_jpeg;
using amanat::testing::tiny_png;
using amanat::testing::write_file;

namespace {

// Counts the loader's wake-ups and lets the test wait for the n-th. The worker
// calls wake() after publishing each result, so once n wake-ups have arrived,
// take_finished() returns at least n results.
class WakeCounter {
  public:
    void wake() {
        {
            const std::lock_guard lock(m_mutex);
            ++m_count;
        }
        m_changed.notify_all();
    }
    // The timeout only keeps a broken loader from hanging the test run; no
    // assertion depends on how long anything takes.
    bool wait_for(int count) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::minutes(2), [&] { return m_count >= count; });
    }
    int count() {
        const std::lock_guard lock(m_mutex);
        return m_count;
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_count = 0;
};

void append_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
}

struct Rgba {
    unsigned char r = 0, g = 0, b = 0, a = 255;
};

std::vector<unsigned char> filled(int width, int height, Rgba colour) {
    std::vector<unsigned char> pixels;
    for (int i = 0; i < width * height; ++i)
        pixels.insert(pixels.end(), {colour.r, colour.g, colour.b, colour.a});
    return pixels;
}

std::string png_from(const std::vector<unsigned char>& rgba, int width, int height) {
    std::string out;
    REQUIRE(stbi_write_png_to_func(append_bytes, &out, width, height, 4, rgba.data(), width * 4) != 0);
    return out;
}

std::string jpeg_from(const std::vector<unsigned char>& rgba, int width, int height) {
    std::string out;
    REQUIRE(stbi_write_jpg_to_func(append_bytes, &out, width, height, 4, rgba.data(), 95) != 0);
    return out;
}

ImageRequest request_for(const std::filesystem::path& file, std::string key, int max_width = 0,
                         int max_height = 0, int priority = 0) {
    return ImageRequest{std::move(key), file, max_width, max_height, priority};
}

// Loads one picture through a loader of its own, as the kiosk would.
DecodedImage load_one(const ImageRequest& request, std::size_t max_file_bytes = 64u << 20,
                      int max_dimension = 8192) {
    WakeCounter wakes;
    ImageLoader loader([&wakes] { wakes.wake(); }, max_file_bytes, max_dimension);
    loader.request(request);
    REQUIRE(wakes.wait_for(1));
    std::vector<DecodedImage> finished = loader.take_finished();
    REQUIRE(finished.size() == 1);
    return std::move(finished.front());
}

std::vector<std::string> keys_of(const std::vector<DecodedImage>& images) {
    std::vector<std::string> keys;
    for (const DecodedImage& image : images) keys.push_back(image.key);
    return keys;
}

Rgba pixel_at(const DecodedImage& image, int x, int y) {
    const std::size_t at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + x) * 4;
    return {image.rgba[at], image.rgba[at + 1], image.rgba[at + 2], image.rgba[at + 3]};
}

bool near(Rgba actual, Rgba expected, int tolerance) {
    return std::abs(actual.r - expected.r) <= tolerance && std::abs(actual.g - expected.g) <= tolerance &&
           std::abs(actual.b - expected.b) <= tolerance && std::abs(actual.a - expected.a) <= tolerance;
}

// Every pixel within `tolerance` of `expected`; the first one that is not, if any.
std::optional<std::string> first_pixel_not(const DecodedImage& image, Rgba expected, int tolerance) {
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const Rgba actual = pixel_at(image, x, y);
            if (!near(actual, expected, tolerance)) {
                return "pixel " + std::to_string(x) + "," + std::to_string(y) + " is " +
                       std::to_string(actual.r) + "," + std::to_string(actual.g) + "," +
                       std::to_string(actual.b) + "," + std::to_string(actual.a);
            }
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("image loader: decodes a PNG to RGBA at its size and colours") {
    TemporaryFolder folder;
    const Rgba teal{30, 140, 150, 255};
    write_file(folder.path() / "teal.png", png_from(filled(7, 5, teal), 7, 5));

    const DecodedImage image = load_one(request_for(folder.path() / "teal.png", "teal.png@full"));
    CHECK(image.ok());
    CHECK(image.error.empty());
    CHECK(image.key == "teal.png@full");
    CHECK(image.width == 7);
    CHECK(image.height == 5);
    REQUIRE(image.rgba.size() == 7u * 5u * 4u);
    CHECK(first_pixel_not(image, teal, 0) == std::nullopt);
}

TEST_CASE("image loader: an RGB PNG becomes opaque RGBA, pixel for pixel") {
    TemporaryFolder folder;
    std::vector<unsigned char> rgb;
    for (int i = 0; i < 3 * 2 * 3; ++i) rgb.push_back(static_cast<unsigned char>(i * 13));
    std::string png;
    REQUIRE(stbi_write_png_to_func(append_bytes, &png, 3, 2, 3, rgb.data(), 3 * 3) != 0);
    write_file(folder.path() / "rgb.png", png);

    const DecodedImage image = load_one(request_for(folder.path() / "rgb.png", "rgb"));
    REQUIRE(image.ok());
    REQUIRE(image.rgba.size() == 3u * 2u * 4u);
    for (std::size_t pixel = 0; pixel < 6; ++pixel) {
        INFO("pixel " << pixel);
        CHECK(image.rgba[pixel * 4 + 0] == rgb[pixel * 3 + 0]);
        CHECK(image.rgba[pixel * 4 + 1] == rgb[pixel * 3 + 1]);
        CHECK(image.rgba[pixel * 4 + 2] == rgb[pixel * 3 + 2]);
        CHECK(image.rgba[pixel * 4 + 3] == 255);
    }
}

TEST_CASE("image loader: decodes a JPEG at its size and colour") {
    TemporaryFolder folder;
    const Rgba ochre{200, 120, 40, 255};
    write_file(folder.path() / "ochre.jpg", jpeg_from(filled(16, 8, ochre), 16, 8));
    write_file(folder.path() / "helper.jpg", tiny_jpeg(9, 6));

    const DecodedImage image = load_one(request_for(folder.path() / "ochre.jpg", "ochre"));
    REQUIRE(image.ok());
    CHECK(image.width == 16);
    CHECK(image.height == 8);
    REQUIRE(image.rgba.size() == 16u * 8u * 4u);
    CHECK(first_pixel_not(image, ochre, 4) == std::nullopt);  // JPEG is lossy, a little

    const DecodedImage helper = load_one(request_for(folder.path() / "helper.jpg", "helper"));
    CHECK(helper.ok());
    CHECK(helper.width == 9);
    CHECK(helper.height == 6);
}

TEST_CASE("image loader: shrinks to fit the box, keeping the aspect ratio, and never enlarges") {
    TemporaryFolder folder;
    const Rgba plum{120, 40, 90, 255};
    write_file(folder.path() / "wide.png", png_from(filled(400, 200, plum), 400, 200));
    write_file(folder.path() / "tall.jpg", tiny_jpeg(300, 900));
    const auto load = [&](const char* name, int max_width, int max_height) {
        return load_one(request_for(folder.path() / name, name, max_width, max_height));
    };

    const DecodedImage card = load("wide.png", 100, 100);
    CHECK(card.width == 100);
    CHECK(card.height == 50);
    CHECK(card.rgba.size() == 100u * 50u * 4u);
    CHECK(first_pixel_not(card, plum, 0) == std::nullopt);

    const DecodedImage height_only = load("wide.png", 0, 20);
    CHECK(height_only.width == 40);
    CHECK(height_only.height == 20);

    const DecodedImage large_box = load("wide.png", 1920, 1080);
    CHECK(large_box.width == 400);
    CHECK(large_box.height == 200);

    const DecodedImage tall = load("tall.jpg", 600, 600);
    CHECK(tall.width == 200);
    CHECK(tall.height == 600);
    CHECK(tall.rgba.size() == 200u * 600u * 4u);
}

TEST_CASE(
    "image loader: a card's picture covers its box, in B, G, R, A when asked, and says if it is opaque") {
    TemporaryFolder folder;
    const Rgba plum{120, 40, 90, 255};
    write_file(folder.path() / "wide.png", png_from(filled(400, 200, plum), 400, 200));
    ImageRequest request = request_for(folder.path() / "wide.png", "wide.png@card", 100, 100);
    request.cover = true;
    request.bgra = true;
    const DecodedImage card = load_one(request);
    CHECK(card.width == 200);  // covers 100x100: the height decides
    CHECK(card.height == 100);
    CHECK(card.bgra);
    CHECK(card.opaque);
    CHECK(first_pixel_not(card, Rgba{90, 40, 120, 255}, 0) == std::nullopt);

    Rgba see_through = plum;
    see_through.a = 128;
    std::vector<unsigned char> pixels = filled(8, 8, plum);
    pixels[4 * 9 + 3] = see_through.a;  // one pixel
    write_file(folder.path() / "glass.png", png_from(pixels, 8, 8));
    const DecodedImage glass = load_one(request_for(folder.path() / "glass.png", "glass.png@card"));
    CHECK_FALSE(glass.bgra);
    CHECK_FALSE(glass.opaque);
    CHECK(pixel_at(glass, 0, 0).r == plum.r);
}

TEST_CASE("image loader: cover_box covers the box with the fewest pixels, never enlarging") {
    CHECK(cover_box({1600, 1200}, 350, 262) == ImageSize{350, 263});  // wider box side decides
    CHECK(cover_box({1600, 1200}, 300, 300) == ImageSize{400, 300});  // taller box side decides
    CHECK(cover_box({1600, 1200}, 800, 600) == ImageSize{800, 600});  // exact: not rounded up
    CHECK(cover_box({1000, 10}, 100, 100) == ImageSize{1000, 10});    // would need enlarging: as it is
    CHECK(cover_box({640, 480}, 640, 480) == ImageSize{640, 480});
    CHECK(cover_box({10000, 3}, 7, 1) == ImageSize{3334, 1});  // a sliver keeps its shape and a pixel
}

TEST_CASE("image loader: fit_within rounds to the nearest pixel and keeps at least one") {
    CHECK(fit_within({1000, 500}, 600, 600) == ImageSize{600, 300});
    CHECK(fit_within({1001, 333}, 100, 100) == ImageSize{100, 33});
    CHECK(fit_within({640, 480}, 0, 0) == ImageSize{640, 480});
    CHECK(fit_within({640, 480}, 640, 480) == ImageSize{640, 480});
    CHECK(fit_within({10000, 1}, 10, 10) == ImageSize{10, 1});
    CHECK(fit_within({1, 10000}, 10, 10) == ImageSize{1, 10});
}

TEST_CASE("image loader: shrinking averages the area under each pixel") {
    SUBCASE("a one-pixel checkerboard becomes an even grey, not black or white") {
        std::vector<unsigned char> board;
        for (int y = 0; y < 64; ++y) {
            for (int x = 0; x < 64; ++x) {
                const unsigned char value = (x + y) % 2 == 0 ? 255 : 0;
                board.insert(board.end(), {value, value, value, 255});
            }
        }
        const std::vector<unsigned char> shrunk = shrink_rgba(board.data(), {64, 64}, {8, 8});
        REQUIRE(shrunk.size() == 8u * 8u * 4u);
        for (std::size_t i = 0; i < shrunk.size(); i += 4) {
            INFO("output byte " << i);
            CHECK(shrunk[i] >= 127);
            CHECK(shrunk[i] <= 128);
            CHECK(shrunk[i + 3] == 255);
        }
    }
    SUBCASE("a fractional factor weighs the shared source pixel by the part it covers") {
        // 3 pixels into 2: each output covers 1.5 source pixels.
        const std::vector<unsigned char> row = {90, 0, 0, 255, 0, 0, 0, 255, 180, 0, 0, 255};
        const std::vector<unsigned char> shrunk = shrink_rgba(row.data(), {3, 1}, {2, 1});
        REQUIRE(shrunk.size() == 8u);
        CHECK(shrunk[0] == 60);   // (1 * 90 + 0.5 * 0) / 1.5
        CHECK(shrunk[4] == 120);  // (0.5 * 0 + 1 * 180) / 1.5
    }
    SUBCASE("transparent pixels do not bleed their colour into the edge") {
        const std::vector<unsigned char> pair = {255, 0, 0, 255, 0, 255, 0, 0};  // red, invisible green
        const std::vector<unsigned char> shrunk = shrink_rgba(pair.data(), {2, 1}, {1, 1});
        REQUIRE(shrunk.size() == 4u);
        CHECK(shrunk[0] == 255);
        CHECK(shrunk[1] == 0);
        CHECK(shrunk[2] == 0);
        CHECK(shrunk[3] == 128);
    }
}

TEST_CASE("image loader: broken, missing and oversized pictures give an error naming the file") {
    TemporaryFolder folder;
    const std::filesystem::path& dir = folder.path();
    std::string truncated_png = tiny_png(64, 64);
    truncated_png.resize(truncated_png.size() / 2);
    std::string truncated_jpeg = tiny_jpeg(64, 64);
    truncated_jpeg.resize(truncated_jpeg.size() / 2);
    // A valid PNG whose header claims 100000x100000 pixels: refused from the
    // header, before anything that size is allocated.
    std::string huge_header = tiny_png(4, 4);
    for (const std::size_t at : {std::size_t{16}, std::size_t{20}}) {
        huge_header[at + 1] = '\x01';  // 0x000186A0 = 100000
        huge_header[at + 2] = '\x86';
        huge_header[at + 3] = '\xA0';
    }
    write_file(dir / "truncated.png", truncated_png);
    write_file(dir / "truncated.jpg", truncated_jpeg);
    write_file(dir / "huge.png", huge_header);
    write_file(dir / "notes.png", "These are notes, not a picture.\n");
    write_file(dir / "empty.png", "");
    write_file(dir / "gif.png", "GIF89a\x01\x00\x01\x00");
    write_file(dir / "big.png", tiny_png(100, 16));  // wider than this test's limit of 64
    write_file(dir / "heavy.png", tiny_png(4, 4) + std::string(100000, '\0'));  // over 100000 bytes
    std::filesystem::create_directories(dir / "folder.png");

    struct Case {
        const char* file;
        const char* problem;
    };
    const std::vector<Case> cases = {
        {"missing.png", "does not exist"},
        {"notes.png", "not a JPEG or PNG"},
        {"gif.png", "not a JPEG or PNG"},
        {"empty.png", "empty"},
        {"truncated.png", "damaged or incomplete"},
        {"truncated.jpg", "damaged or incomplete"},
        {"huge.png", "100000x100000 pixels, larger than the 64 pixels allowed"},
        {"big.png", "100x16 pixels, larger than the 64 pixels allowed"},
        {"heavy.png", "larger than the 100000 bytes allowed"},
        {"folder.png", "not a file"},
    };

    WakeCounter wakes;
    ImageLoader loader([&wakes] { wakes.wake(); }, 100000, 64);
    for (const Case& c : cases)
        loader.request(request_for(dir / c.file, std::string("key:") + c.file, 100, 100));
    REQUIRE(wakes.wait_for(static_cast<int>(cases.size())));
    const std::vector<DecodedImage> finished = loader.take_finished();
    REQUIRE(finished.size() == cases.size());

    for (const Case& c : cases) {
        INFO("file " << std::string(c.file));
        const DecodedImage* result = nullptr;
        for (const DecodedImage& image : finished) {
            if (image.key == std::string("key:") + c.file) result = &image;
        }
        REQUIRE(result != nullptr);
        INFO("error: " << result->error);
        CHECK_FALSE(result->ok());
        CHECK(result->rgba.empty());
        CHECK(result->width == 0);
        CHECK(result->height == 0);
        CHECK(result->error.find("\"" + (dir / c.file).string() + "\"") != std::string::npos);
        CHECK(result->error.find(c.problem) != std::string::npos);
        CHECK(result->error.back() == '.');
    }
}

TEST_CASE("image loader: higher priority first, then request order") {
    TemporaryFolder folder;
    write_file(folder.path() / "p.png", tiny_png(4, 4));
    WakeCounter wakes;
    ImageLoader loader([&wakes] { wakes.wake(); });
    loader.pause();  // the queue fills before the worker may take anything
    loader.request(request_for(folder.path() / "p.png", "low", 0, 0, 0));
    loader.request(request_for(folder.path() / "p.png", "high-first", 0, 0, 5));
    loader.request(request_for(folder.path() / "p.png", "middle", 0, 0, 1));
    loader.request(request_for(folder.path() / "p.png", "high-second", 0, 0, 5));
    loader.request(request_for(folder.path() / "p.png", "lowest", 0, 0, -3));
    loader.resume();

    REQUIRE(wakes.wait_for(5));
    const std::vector<std::string> expected = {"high-first", "high-second", "middle", "low", "lowest"};
    CHECK(keys_of(loader.take_finished()) == expected);
}

TEST_CASE("image loader: decodes at a lower priority than the thread that made it") {
    // So that a decode never takes a core from the render thread or the display server.
    TemporaryFolder folder;
    write_file(folder.path() / "p.png", tiny_png(4, 4));
    const int ours = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    std::atomic<int> worker_nice{-100};
    WakeCounter wakes;
    ImageLoader loader([&] {
        worker_nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));  // on the worker thread
        wakes.wake();
    });
    loader.request(request_for(folder.path() / "p.png", "p"));
    REQUIRE(wakes.wait_for(1));
    CHECK(worker_nice == std::min(ours + ImageLoader::kDecoderNiceness, 19));
    CHECK(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())) == ours);  // the caller's is unchanged
}

TEST_CASE("image loader: a key already queued, in flight or not yet taken is not loaded twice") {
    TemporaryFolder folder;
    write_file(folder.path() / "p.png", tiny_png(4, 4));
    const std::filesystem::path file = folder.path() / "p.png";
    WakeCounter wakes;
    ImageLoader loader([&wakes] { wakes.wake(); });

    loader.pause();
    loader.request(request_for(file, "a"));
    loader.request(request_for(file, "a", 0, 0, 9));  // queued: ignored, even with a higher priority
    loader.request(request_for(file, "b"));
    loader.resume();
    REQUIRE(wakes.wait_for(2));
    loader.request(request_for(file, "a"));  // finished but not taken: ignored
    loader.request(request_for(file, "c"));
    REQUIRE(wakes.wait_for(3));
    CHECK(keys_of(loader.take_finished()) == std::vector<std::string>{"a", "b", "c"});

    loader.request(request_for(file, "a"));  // taken, so asked for anew
    REQUIRE(wakes.wait_for(4));
    CHECK(keys_of(loader.take_finished()) == std::vector<std::string>{"a"});
    CHECK(wakes.count() == 4);  // once per result
}

TEST_CASE("image loader: cancel_all drops queued and untaken results") {
    TemporaryFolder folder;
    write_file(folder.path() / "p.png", tiny_png(4, 4));
    const std::filesystem::path file = folder.path() / "p.png";
    WakeCounter wakes;
    ImageLoader loader([&wakes] { wakes.wake(); });

    loader.request(request_for(file, "finished"));
    REQUIRE(wakes.wait_for(1));
    loader.pause();
    loader.request(request_for(file, "queued-1"));
    loader.request(request_for(file, "queued-2"));
    loader.cancel_all();
    loader.resume();
    CHECK(loader.take_finished().empty());

    loader.request(request_for(file, "finished"));  // cancelled keys may be asked for again
    loader.request(request_for(file, "after"));
    REQUIRE(wakes.wait_for(3));
    // Nothing cancelled came back: it would have been finished before these.
    CHECK(keys_of(loader.take_finished()) == std::vector<std::string>{"finished", "after"});
}

TEST_CASE("image loader: destruction with work pending neither hangs nor crashes") {
    TemporaryFolder folder;
    write_file(folder.path() / "big.jpg", tiny_jpeg(1200, 900));
    write_file(folder.path() / "small.png", tiny_png(4, 4));
    WakeCounter wakes;  // outlives the loaders, which may call it until they are destroyed

    SUBCASE("paused, with a full queue") {
        ImageLoader loader([&wakes] { wakes.wake(); });
        loader.pause();
        for (int i = 0; i < 100; ++i)
            loader.request(request_for(folder.path() / "small.png", std::to_string(i)));
    }
    SUBCASE("running, with an image probably in flight") {
        ImageLoader loader([&wakes] { wakes.wake(); });
        for (int i = 0; i < 20; ++i) {
            loader.request(request_for(folder.path() / "big.jpg", std::to_string(i), 300, 300));
        }
    }
    SUBCASE("with results never taken") {
        ImageLoader loader([&wakes] { wakes.wake(); });
        loader.request(request_for(folder.path() / "small.png", "one"));
        REQUIRE(wakes.wait_for(1));
    }
    CHECK(wakes.count() <= 20);
}
