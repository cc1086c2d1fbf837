#include "core/pictures/texture_cache.hpp"

#include <utility>

namespace amanat {

TextureCache::TextureCache(std::size_t budget_bytes, std::function<void(void* handle)> destroy)
    : m_budget_bytes(budget_bytes), m_destroy(std::move(destroy)) {}

TextureCache::~TextureCache() {
    clear();
}

const CachedTexture* TextureCache::find(const std::string& key, std::uint64_t frame) {
    const auto found = m_by_key.find(key);
    if (found == m_by_key.end()) return nullptr;
    const EntryList::iterator entry = found->second;
    entry->last_used_frame = frame;
    m_entries.splice(m_entries.begin(), m_entries, entry);  // to the front; iterators stay valid
    return &entry->texture;
}

void TextureCache::insert(const std::string& key, CachedTexture texture, std::uint64_t frame) {
    m_failed_keys.erase(key);
    const auto found = m_by_key.find(key);
    if (found != m_by_key.end()) {
        const EntryList::iterator entry = found->second;
        // The same handle inserted again is an update of its size, not a new texture.
        if (entry->texture.handle != texture.handle) destroy_texture(entry->texture);
        m_bytes -= entry->texture.bytes;
        entry->texture = texture;
        entry->last_used_frame = frame;
        m_entries.splice(m_entries.begin(), m_entries, entry);
    } else {
        m_entries.push_front(Entry{key, texture, frame});
        m_by_key.emplace(key, m_entries.begin());
    }
    m_bytes += texture.bytes;
    evict_to_budget(frame);
}

void TextureCache::mark_failed(const std::string& key) {
    m_failed_keys.insert(key);
}

bool TextureCache::failed(const std::string& key) const {
    return m_failed_keys.count(key) != 0;
}

void TextureCache::clear() {
    // Empty the cache before calling out, so that it is consistent whatever
    // `destroy` does.
    EntryList entries;
    entries.swap(m_entries);
    m_by_key.clear();
    m_failed_keys.clear();
    m_bytes = 0;
    for (const Entry& entry : entries) destroy_texture(entry.texture);
}

void TextureCache::evict_to_budget(std::uint64_t current_frame) {
    // The back is the least recently used; once it was used in this frame, so
    // was everything in front of it.
    while (m_bytes > m_budget_bytes && !m_entries.empty() &&
           m_entries.back().last_used_frame < current_frame) {
        Entry& victim = m_entries.back();
        m_bytes -= victim.texture.bytes;
        m_by_key.erase(victim.key);
        const CachedTexture texture = victim.texture;
        m_entries.pop_back();
        destroy_texture(texture);
    }
}

void TextureCache::destroy_texture(const CachedTexture& texture) {
    if (texture.handle != nullptr && m_destroy) m_destroy(texture.handle);
}

}  // namespace amanat
