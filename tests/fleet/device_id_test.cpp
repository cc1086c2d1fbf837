#include <doctest/doctest.h>

#include "syncthing/device_id.hpp"
#include "syncthing/pairing.hpp"

namespace st = amanat::syncthing;

namespace {
// Made by `syncthing generate` on a test machine.
const char* const kId = "DFB2OA2-V3PAEHC-PZGBOUY-DOXVWBB-I3P7DL4-P5ZSM3L-6P6LMMU-2EQFVAO";
}  // namespace

TEST_CASE("a device id is read as typed: lower case, spaces, no dashes, 0 and 1 for O and I") {
    std::string problem;
    CHECK(st::canonical_device_id(kId, problem) == kId);
    CHECK(st::canonical_device_id("dfb2oa2v3paehcpzgbouydoxvwbbi3p7dl4p5zsm3l6p6lmmu2eqfvao", problem) ==
          kId);
    CHECK(st::canonical_device_id("DFB20A2 V3PAEHC PZGBOUY DOXVWBB I3P7DL4 P5ZSM3L 6P6LMMU 2EQFVA0",
                                  problem) == kId);
    CHECK(st::short_device_id(kId) == "DFB2OA2");
    CHECK(st::outbox_folder_id(kId) == "amanat-outbox-DFB2OA2");
}

TEST_CASE("a wrong device id is refused with what is wrong") {
    std::string problem;
    CHECK_FALSE(st::canonical_device_id("DFB2OA2-V3PAEHC", problem));
    CHECK(problem.find("has 14 letters") != std::string::npos);
    // One letter changed in the second block: its check letter catches it.
    CHECK_FALSE(
        st::canonical_device_id("DFB2OA2-V3PAEHC-PZGBOUY-DOXVWBB-I3P7DL4-P5ZSM3L-6P6LMMU-2EQFVAP", problem));
    CHECK(problem.find("letters 43 to 56") != std::string::npos);
    CHECK_FALSE(
        st::canonical_device_id("DFB2OA2-V3PAEHC-PZGBOUY-DOXVWBB-I3P7DL4-P5ZSM3L-6P6LMMU-2EQFVA!", problem));
    CHECK(problem.find("'!'") != std::string::npos);
}
