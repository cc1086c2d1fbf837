// The kill test: an install of pack B over pack A (and a rollback) stopped by
// SIGKILL after each of its file-system steps in turn. After every kill,
// `active` must name A or B, complete and byte for byte (never a mix), what
// `rollback` would return to must be complete too, and a following install
// must succeed. The installer is install_crasher, built with crash points.
//
// SIGKILL stops the process but not the kernel: what was written stays in the
// page cache. Power cuts are covered by the order of fsync/syncfs and renames
// (pack_install.cpp), which this test cannot observe; see docs/PACKS.md.
#include <doctest/doctest.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "core/exhibition/bundle_validator.hpp"
#include "pack/pack_root.hpp"
#include "pack_fixture.hpp"
#include "synthetic_bundle.hpp"

extern char** environ;

namespace fs = std::filesystem;
using namespace amanat;
using namespace amanat::testing;

namespace {

struct Run {
    bool killed = false;
    int exit_code = -1;
    std::string output;
};

Run run_crasher(const std::vector<std::string>& args, long long crash_at) {
    std::vector<std::string> argv_text = {AMANAT_INSTALL_CRASHER};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text = {"AMANAT_CRASH_AT=" + std::to_string(crash_at)};
    for (char** e = environ; *e != nullptr; ++e)
        if (!std::string(*e).starts_with("AMANAT_CRASH_AT=")) env_text.emplace_back(*e);
    std::vector<char*> env;
    for (auto& e : env_text) env.push_back(e.data());
    env.push_back(nullptr);

    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    pid_t child = 0;
    const int spawned = posix_spawn(&child, argv[0], &actions, nullptr, argv.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    REQUIRE(spawned == 0);
    Run run;
    char buffer[256];
    ssize_t got = 0;
    while ((got = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0)
        run.output.append(buffer, static_cast<std::size_t>(got));
    ::close(pipe_fds[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

long long points_of(const Run& run) {
    long long points = 0;
    REQUIRE(std::sscanf(run.output.c_str(), "points %lld", &points) == 1);
    return points;
}

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

// Packs Z, A and B, and a template root with Z then A installed (A active,
// Z previous), made once.
struct Packs {
    TemporaryFolder temp;
    fs::path z, a, b;
    Files z_files, a_files, b_files;
    fs::path template_root;
    std::string z_name, a_name, b_name;

    Packs() {
        for (const auto& [name, version, artifacts] :
             {std::tuple{"z", "0", 1}, std::tuple{"a", "1", 2}, std::tuple{"b", "2", 3}}) {
            write_bundle(temp.path() / name, version, artifacts);
            build_signed(temp.path() / name, temp.path() / (std::string(name) + ".amanat"));
        }
        z = temp.path() / "z.amanat";
        a = temp.path() / "a.amanat";
        b = temp.path() / "b.amanat";
        z_files = folder_files(temp.path() / "z");
        a_files = folder_files(temp.path() / "a");
        b_files = folder_files(temp.path() / "b");
        template_root = temp.path() / "template";
        pack::InstalledPacks packs(template_root);
        REQUIRE(packs.install(z, trust_test_key(), {}, {}).ok);
        z_name = packs.active_bundle()->parent_path().filename().string();
        REQUIRE(packs.install(a, trust_test_key(), {}, {}).ok);
        a_name = packs.active_bundle()->parent_path().filename().string();
        pack::InstalledPacks scratch(temp.path() / "scratch");
        REQUIRE(scratch.install(b, trust_test_key(), {}, {}).ok);
        b_name = scratch.active_bundle()->parent_path().filename().string();
    }

    const Files& files_of(const std::string& name) const {
        return name == z_name ? z_files : name == a_name ? a_files : b_files;
    }
};

const Packs& packs() {
    static const Packs made;
    return made;
}

// `active` names one of `allowed`, complete and valid, and so is its previous.
std::string check_consistent(const fs::path& root, const std::vector<std::string>& allowed, long long point) {
    const pack::PackRoot layout(root);
    const auto active = layout.active_name();
    REQUIRE_MESSAGE(active, "no active pack after a kill at point " << point);
    CHECK_MESSAGE(std::find(allowed.begin(), allowed.end(), *active) != allowed.end(),
                  "active is " << *active << " after a kill at point " << point);
    CHECK_MESSAGE(folder_files(layout.bundle(*active)) == packs().files_of(*active),
                  "the active pack is not complete after a kill at point " << point);
    CHECK_MESSAGE(!validate_bundle(layout.bundle(*active)).diagnostics.has_errors(),
                  "the active pack does not validate after a kill at point " << point);
    const auto previous = layout.previous_name(*active);
    REQUIRE_MESSAGE(previous, "the active pack has no previous after a kill at point " << point);
    CHECK_MESSAGE(folder_files(layout.bundle(*previous)) == packs().files_of(*previous),
                  "the pack rollback returns to is not complete after a kill at point " << point);
    return *active;
}

}  // namespace

TEST_CASE(
    "kill: an install killed after any step leaves A or B active, complete, and the next install works") {
    const Packs& p = packs();
    TemporaryFolder scratch;
    const std::vector<std::string> install_b = {"install", "", p.b.string(), test_public_key()};

    // How many points there are: one full run.
    const fs::path counted = scratch.path() / "counted";
    copy_tree(p.template_root, counted);
    auto args = install_b;
    args[1] = counted.string();
    const Run full = run_crasher(args, 0);
    REQUIRE_MESSAGE(full.exit_code == 0, full.output);
    const long long points = points_of(full);
    REQUIRE(points > 20);
    CHECK(check_consistent(counted, {p.b_name}, 0) == p.b_name);

    int saw_a = 0, saw_b = 0;
    for (long long point = 1; point <= points; ++point) {
        const fs::path root = scratch.path() / ("kill-" + std::to_string(point));
        copy_tree(p.template_root, root);
        args[1] = root.string();
        const Run run = run_crasher(args, point);
        REQUIRE_MESSAGE(run.killed,
                        "not killed at point " << point << " of " << points << ": " << run.output);

        const std::string active = check_consistent(root, {p.a_name, p.b_name}, point);
        (active == p.a_name ? saw_a : saw_b)++;

        // The next install (the same pack, by a process not killed) completes.
        pack::InstalledPacks installed(root);
        const auto outcome = installed.install(p.b, trust_test_key(), {}, {});
        CHECK_MESSAGE(outcome.ok, "after a kill at point " << point << ": " << outcome.message);
        CHECK(check_consistent(root, {p.b_name}, point) == p.b_name);
        CHECK(fs::is_empty(root / "staging"));
        fs::remove_all(root);
    }
    MESSAGE(points << " kill points: A active after " << saw_a << ", B after " << saw_b);
    CHECK(saw_a > 0);
    CHECK(saw_b > 0);
}

TEST_CASE("kill: a rollback killed after any step leaves A or B active, each with the other as previous") {
    const Packs& p = packs();
    TemporaryFolder scratch;
    const fs::path template_b = scratch.path() / "template-b";
    copy_tree(p.template_root, template_b);
    REQUIRE(pack::InstalledPacks(template_b).install(p.b, trust_test_key(), {}, {}).ok);

    const fs::path counted = scratch.path() / "counted";
    copy_tree(template_b, counted);
    const Run full = run_crasher({"rollback", counted.string()}, 0);
    REQUIRE_MESSAGE(full.exit_code == 0, full.output);
    const long long points = points_of(full);
    REQUIRE(points >= 4);

    for (long long point = 1; point <= points; ++point) {
        const fs::path root = scratch.path() / ("kill-" + std::to_string(point));
        copy_tree(template_b, root);
        const Run run = run_crasher({"rollback", root.string()}, point);
        REQUIRE_MESSAGE(run.killed, "not killed at point " << point);
        const std::string active = check_consistent(root, {p.a_name, p.b_name}, point);
        const pack::PackRoot layout(root);
        CHECK(layout.previous_name(active) == (active == p.a_name ? p.b_name : p.a_name));
        std::string message;
        CHECK_MESSAGE(pack::InstalledPacks(root).rollback(message), message);
        fs::remove_all(root);
    }
}
