// kill_writer DBFILE [PREFIX]: opens the feedback store at DBFILE and records
// reactions until it is killed. After each commit it prints the committed row's
// session id on its own line and flushes stdout, so whoever reads the pipe knows
// that row is durable. Ids are PREFIX followed by a counter ("n1", "n2", ..., or
// "r7-n1" with the prefix "r7-", so that several runs on one file write distinct
// ids). Used by the kill test in feedback_store_test.cpp.
#include <cstdio>
#include <string>
#include <vector>

#include "store/feedback_store.hpp"

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "Usage: kill_writer DBFILE [PREFIX]\n");
        return 2;
    }
    std::vector<std::string> notes;
    std::string error;
    auto store = amanat::store::FeedbackStore::open(
        argv[1], {"kiosk-kill", "test venue", "kill-bundle", "1.0.0"}, notes, error);
    if (!store) {
        std::fprintf(stderr, "kill_writer: %s\n", error.c_str());
        return 1;
    }
    const std::string prefix = argc == 3 ? argv[2] : "";
    for (unsigned long long n = 1;; ++n) {
        std::string session = prefix + "n" + std::to_string(n);
        store->record(amanat::store::Reaction{session, "kobyz", static_cast<int>(n % 5) + 1, "kk",
                                              1'700'000'000LL + static_cast<long long>(n)},
                      [session](bool ok) {
                          if (!ok) return;
                          std::fputs((session + "\n").c_str(), stdout);
                          std::fflush(stdout);
                      });
        // Keep the queue short: the writer must not run ahead of the disk forever.
        if (n % 8 == 0) store->flush();
    }
}
