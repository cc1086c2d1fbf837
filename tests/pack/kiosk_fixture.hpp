#pragma once

// A kiosk with pack A installed, and the check every refusal must pass:
// verify and install both refuse with the expected words naming the pack
// file, the active exhibition stays A, byte for byte, staging is left empty,
// and nothing appeared outside the packs folder.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "pack/packs.hpp"
#include "pack_fixture.hpp"
#include "synthetic_bundle.hpp"

namespace amanat::testing {

class KioskWithPackA {
  public:
    KioskWithPackA() : m_root(m_temp.path() / "kiosk" / "packs"), m_packs(m_root) {
        write_bundle(m_temp.path() / "a", "1");
        build_signed(m_temp.path() / "a", m_temp.path() / "a.amanat");
        const auto outcome = m_packs.install(m_temp.path() / "a.amanat", trust_test_key(), {}, {});
        REQUIRE_MESSAGE(outcome.ok, outcome.message);
        m_a_files = folder_files(m_temp.path() / "a");
        m_a_bundle = *m_packs.active_bundle();
    }

    const std::filesystem::path& temp() const { return m_temp.path(); }
    const std::filesystem::path& root() const { return m_root; }
    pack::InstalledPacks& packs() { return m_packs; }
    // A's files, for packs that differ from it in one way.
    const Files& a_files() const { return m_a_files; }

    void expect_active_unchanged() {
        const auto active = m_packs.active_bundle();
        REQUIRE(active);
        CHECK(*active == m_a_bundle);
        CHECK(folder_files(*active) == m_a_files);
        std::error_code ec;
        CHECK(std::filesystem::is_empty(m_root / "staging", ec));
        std::string error;
        CHECK(m_packs.list(error).size() == 1);
        // Hostile entries are named "escaped..."; none may exist on disk.
        for (const auto& entry : std::filesystem::recursive_directory_iterator(m_temp.path())) {
            const std::string name = entry.path().filename().string();
            CHECK_MESSAGE(name.find("escaped") == std::string::npos, entry.path() << " was written");
        }
    }

    // Both verify and install refuse `file`, saying `words`.
    void expect_refused(const std::filesystem::path& file, const std::string& words,
                        const pack::Trust& trust = trust_test_key(), const pack::Limits& limits = {}) {
        const pack::PackCheck check = pack::verify_pack(file, trust, limits, {});
        CHECK_FALSE(check.ok);
        std::string all;
        for (const std::string& p : check.problems) {
            all += p + "\n";
            CHECK_MESSAGE(p.starts_with(file.string() + ": "), "a problem not naming the file: " << p);
        }
        CHECK_MESSAGE(all.find(words) != std::string::npos, "verify said: " << all);
        expect_install_refused(file, words, trust, limits);
    }

    void expect_install_refused(const std::filesystem::path& file, const std::string& words,
                                const pack::Trust& trust = trust_test_key(),
                                const pack::Limits& limits = {}) {
        const pack::InstallOutcome outcome = m_packs.install(file, trust, limits, {});
        CHECK_FALSE(outcome.ok);
        CHECK_MESSAGE(outcome.message.find(words) != std::string::npos, "install said: " << outcome.message);
        CHECK(outcome.message.find("The active exhibition is unchanged.") != std::string::npos);
        CHECK_FALSE(outcome.installed);
        expect_active_unchanged();
    }

  private:
    TemporaryFolder m_temp;
    std::filesystem::path m_root;
    pack::InstalledPacks m_packs;
    Files m_a_files;
    std::filesystem::path m_a_bundle;
};

}  // namespace amanat::testing
