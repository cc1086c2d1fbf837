#pragma once

// The kiosk's test hooks, compiled only with AMANAT_TEST_HOOKS (never in a
// release build): observers of its loop (app/loop_observer.hpp) that a test
// build adds to the others, in run_kiosk().

#include <memory>

#include "app/loop_observer.hpp"
#include "core/settings/kiosk_options.hpp"

namespace amanat {

// tests/e2e/crash-loop's aborting pack (AbortingPack), always; with --soak, the
// soak's synthetic visitors on their virtual clock (SoakDriver).
std::unique_ptr<LoopObserver> make_test_hooks(const KioskOptions& options);

}  // namespace amanat
