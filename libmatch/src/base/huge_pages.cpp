#include "match/base/huge_pages.h"

#include <algorithm>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace match {

void* AllocateLarge(size_t bytes) {
  constexpr size_t kHugePage = size_t{2} << 20;
  bytes = std::max<size_t>(bytes, 1);
  void* block = nullptr;
  if (bytes >= kHugePage / 2) {
    bytes = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    block = std::aligned_alloc(kHugePage, bytes);
#ifdef MADV_HUGEPAGE
    if (block != nullptr) madvise(block, bytes, MADV_HUGEPAGE);  // a hint; failure is fine
#endif
  } else {
    block = std::malloc(bytes);
  }
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

void FreeLarge(void* block) { std::free(block); }

}  // namespace match
