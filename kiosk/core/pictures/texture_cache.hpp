#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace amanat {

// A texture made by the platform layer (an SDL_Texture* for SDL_Renderer); the
// cache only stores the handle and hands it back to `destroy`.
struct CachedTexture {
    void* handle = nullptr;
    int width = 0;
    int height = 0;
    std::size_t bytes = 0;  // what it costs in video memory, counted against the budget
    bool opaque = false;    // every pixel's alpha is 255
};

// Textures by key (ImageRequest::key) within a memory budget, evicting the least
// recently used. Independent of any graphics API: the platform layer creates
// textures and supplies `destroy`.
//
// Thread contract: not thread-safe, and needs no lock because it is used on the
// render thread only, where textures are created, drawn and destroyed. `destroy`
// is called on that thread too, from insert(), clear() and the destructor.
//
// Frames: every find() and insert() says which frame it is for; frame numbers
// must never decrease. An entry used in the current frame is never evicted, so a
// pointer or handle the UI got this frame stays valid until ImGui has drawn it,
// even if that means exceeding the budget until a later frame's insert().
class TextureCache {
  public:
    // `destroy` is called exactly once for every non-null handle the cache gives up:
    // evicted, replaced by insert() under the same key, cleared, or destroyed.
    TextureCache(std::size_t budget_bytes, std::function<void(void* handle)> destroy);
    ~TextureCache();  // destroys every texture
    TextureCache(const TextureCache&) = delete;
    TextureCache& operator=(const TextureCache&) = delete;

    // The texture for `key`, marked used in `frame`; nullptr when absent. The
    // pointer stays valid until the entry is evicted, replaced or cleared, which
    // cannot happen through insert() in the frame it was found in.
    const CachedTexture* find(const std::string& key, std::uint64_t frame);

    // Adds or replaces the texture for `key`, marked used in `frame` (and no
    // longer failed), then evicts least recently used entries not used in `frame`
    // until the cache is within its budget or nothing more may be evicted.
    void insert(const std::string& key, CachedTexture texture, std::uint64_t frame);

    // Remembers that `key` could not be loaded, so the UI shows a placeholder
    // instead of asking the loader again every frame. Failures take no budget.
    void mark_failed(const std::string& key);
    bool failed(const std::string& key) const;

    // Destroys every texture and forgets every failure (e.g. when the bundle is
    // reloaded, a picture may have been fixed). Pointers from find() dangle.
    void clear();

    std::size_t bytes() const { return m_bytes; }          // of all textures held
    std::size_t size() const { return m_entries.size(); }  // textures held, failures not counted
    std::size_t budget() const { return m_budget_bytes; }

  private:
    struct Entry {
        std::string key;
        CachedTexture texture;
        std::uint64_t last_used_frame = 0;
    };
    using EntryList = std::list<Entry>;

    void evict_to_budget(std::uint64_t current_frame);
    void destroy_texture(const CachedTexture& texture);

    std::size_t m_budget_bytes;
    std::function<void(void* handle)> m_destroy;
    // Most recently used first, so eviction takes from the back; list nodes never
    // move, so pointers returned by find() survive other entries' changes.
    EntryList m_entries;
    std::unordered_map<std::string, EntryList::iterator> m_by_key;
    std::unordered_set<std::string> m_failed_keys;
    std::size_t m_bytes = 0;
};

}  // namespace amanat
