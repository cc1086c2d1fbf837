#pragma once

// The moments at which an install or a rollback may be cut short by a crash or
// a power cut: after every step that changes the file system. The shipped
// library compiles every call to nothing. The kill test (tests/pack) builds this
// module a second time with AMANAT_PACK_CRASH_POINTS defined and provides
// crash_point() itself, which SIGKILLs the process at the Nth call, so that the
// test can stop an install after each of its steps in turn.

namespace amanat::pack {

#ifdef AMANAT_PACK_CRASH_POINTS
void crash_point(const char* step);
#else
inline void crash_point(const char*) {}
#endif

}  // namespace amanat::pack
