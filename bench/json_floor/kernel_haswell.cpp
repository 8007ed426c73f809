// simdjson On-Demand compiled with AVX2, BMI, PCLMUL and LZCNT (CMake adds
// the flags to this file only), so that its built-in kernel is "haswell".
// See walk.hpp.

#include "walk.hpp"

namespace perfeval::floor {

std::unique_ptr<ChunkParser> make_haswell_parser(std::size_t batch_bytes, bool threaded) {
#if SIMDJSON_CAN_ALWAYS_RUN_HASWELL
  // The processor must have them too: ask simdjson's runtime detection.
  const auto* haswell = simdjson::get_available_implementations()["haswell"];
  if (haswell && haswell->supported_by_runtime_system()) {
    return std::make_unique<Parser>(batch_bytes, threaded);
  }
#else
  (void)batch_bytes;
  (void)threaded;
#endif
  return nullptr;
}

}  // namespace perfeval::floor
