// simdjson On-Demand compiled with the build's own flags, as perfeval's
// loader is (runtime/src/data_fast.cpp). See walk.hpp.

#include "walk.hpp"

namespace perfeval::floor {

std::unique_ptr<ChunkParser> make_generic_parser(std::size_t batch_bytes, bool threaded) {
  return std::make_unique<Parser>(batch_bytes, threaded);
}

}  // namespace perfeval::floor
