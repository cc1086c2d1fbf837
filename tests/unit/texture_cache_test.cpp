#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/pictures/texture_cache.hpp"

using namespace amanat;

namespace {

// Stand-ins for the platform's texture handles: distinct, non-null, never dereferenced.
void* handle(int id) {
    return reinterpret_cast<void*>(static_cast<std::uintptr_t>(id));
}

int id_of(void* texture_handle) {
    return static_cast<int>(reinterpret_cast<std::uintptr_t>(texture_handle));
}

CachedTexture texture(int id, std::size_t bytes) {
    return CachedTexture{handle(id), 16, 16, bytes};
}

// Records every destroy call, in order.
struct DestroyLog {
    std::vector<int> destroyed;
    std::map<int, int> times_destroyed;
    auto callback() {
        return [this](void* texture_handle) {
            destroyed.push_back(id_of(texture_handle));
            ++times_destroyed[id_of(texture_handle)];
        };
    }
};

}  // namespace

TEST_CASE("texture cache: finds what was inserted") {
    DestroyLog log;
    TextureCache cache(1000, log.callback());
    CHECK(cache.find("a", 1) == nullptr);
    cache.insert("a", CachedTexture{handle(1), 640, 480, 100}, 1);

    const CachedTexture* found = cache.find("a", 2);
    REQUIRE(found != nullptr);
    CHECK(found->handle == handle(1));
    CHECK(found->width == 640);
    CHECK(found->height == 480);
    CHECK(found->bytes == 100);
    CHECK(cache.size() == 1);
    CHECK(cache.bytes() == 100);
    CHECK(cache.budget() == 1000);
    CHECK(cache.find("b", 2) == nullptr);
    CHECK(log.destroyed.empty());
}

TEST_CASE("texture cache: evicts the least recently used until within budget") {
    DestroyLog log;
    TextureCache cache(300, log.callback());
    cache.insert("a", texture(1, 100), 1);
    cache.insert("b", texture(2, 100), 2);
    cache.insert("c", texture(3, 100), 3);
    CHECK(cache.bytes() == 300);
    CHECK(log.destroyed.empty());

    REQUIRE(cache.find("a", 4) != nullptr);  // a is now more recent than b and c
    cache.insert("d", texture(4, 100), 5);
    CHECK(log.destroyed == std::vector<int>{2});
    CHECK(cache.find("b", 5) == nullptr);
    CHECK(cache.bytes() == 300);

    // Recency now: d (5), a (4), c (3). 150 more bytes need two evictions.
    cache.insert("e", texture(5, 150), 6);
    CHECK(log.destroyed == std::vector<int>{2, 3, 1});
    CHECK(cache.size() == 2);
    CHECK(cache.bytes() == 250);
    CHECK(cache.find("d", 6) != nullptr);
    CHECK(cache.find("e", 6) != nullptr);
}

TEST_CASE("texture cache: never evicts a texture used in the current frame") {
    DestroyLog log;
    TextureCache cache(100, log.callback());
    cache.insert("a", texture(1, 80), 1);

    SUBCASE("found this frame, then another inserted over budget") {
        REQUIRE(cache.find("a", 2) != nullptr);
        const CachedTexture* a = cache.find("a", 2);
        cache.insert("b", texture(2, 80), 2);
        CHECK(log.destroyed.empty());
        CHECK(cache.size() == 2);
        CHECK(cache.bytes() == 160);    // over budget for this frame
        CHECK(a->handle == handle(1));  // still valid while ImGui draws it

        // Next frame, the next insert catches up, least recently used first.
        cache.insert("c", texture(3, 10), 3);
        CHECK(log.destroyed == std::vector<int>{1});
        CHECK(cache.bytes() == 90);
    }
    SUBCASE("a single texture larger than the whole budget stays for its frame") {
        cache.insert("huge", texture(2, 500), 2);
        CHECK(log.destroyed == std::vector<int>{1});
        REQUIRE(cache.find("huge", 2) != nullptr);
        CHECK(cache.bytes() == 500);

        cache.insert("small", texture(3, 10), 3);
        CHECK(log.destroyed == std::vector<int>{1, 2});
        CHECK(cache.bytes() == 10);
    }
}

TEST_CASE("texture cache: destroys each texture exactly once") {
    DestroyLog log;
    {
        TextureCache cache(250, log.callback());
        cache.insert("a", texture(1, 100), 1);
        cache.insert("b", texture(2, 100), 2);
        cache.insert("a", texture(3, 100), 3);  // replaced: texture 1 goes now
        CHECK(log.destroyed == std::vector<int>{1});
        CHECK(cache.size() == 2);
        CHECK(cache.bytes() == 200);

        cache.insert("a", texture(3, 120), 4);  // the same handle again: only its size changes
        CHECK(log.destroyed == std::vector<int>{1});
        CHECK(cache.bytes() == 220);

        cache.insert("c", texture(4, 100), 5);                  // evicts b
        cache.insert("d", CachedTexture{nullptr, 0, 0, 0}, 5);  // no handle: nothing to destroy
        CHECK(log.destroyed == std::vector<int>{1, 2});
    }
    // The destructor took the rest.
    CHECK(log.times_destroyed == std::map<int, int>{{1, 1}, {2, 1}, {3, 1}, {4, 1}});
}

TEST_CASE("texture cache: clear destroys everything and forgets failures") {
    DestroyLog log;
    TextureCache cache(1000, log.callback());
    cache.insert("a", texture(1, 100), 1);
    cache.insert("b", texture(2, 200), 1);
    cache.mark_failed("broken");

    cache.clear();
    CHECK(log.times_destroyed == std::map<int, int>{{1, 1}, {2, 1}});
    CHECK(cache.size() == 0);
    CHECK(cache.bytes() == 0);
    CHECK(cache.find("a", 2) == nullptr);
    CHECK_FALSE(cache.failed("broken"));

    cache.clear();  // nothing left to destroy twice
    CHECK(log.destroyed.size() == 2);
}

TEST_CASE("texture cache: remembers failed keys until a texture arrives") {
    DestroyLog log;
    TextureCache cache(1000, log.callback());
    CHECK_FALSE(cache.failed("broken.jpg@card"));
    cache.mark_failed("broken.jpg@card");
    CHECK(cache.failed("broken.jpg@card"));
    CHECK_FALSE(cache.failed("broken.jpg@full"));
    CHECK(cache.find("broken.jpg@card", 1) == nullptr);
    CHECK(cache.size() == 0);
    CHECK(cache.bytes() == 0);

    cache.insert("broken.jpg@card", texture(1, 10), 2);  // fixed and reloaded
    CHECK_FALSE(cache.failed("broken.jpg@card"));
}
