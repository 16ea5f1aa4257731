#include "match/base/huge_pages.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace match {

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
}  // namespace

void AdviseHugePages(const void* data, size_t bytes) {
#ifdef MADV_HUGEPAGE
  const uintptr_t start = (reinterpret_cast<uintptr_t>(data) + kHugePage - 1) / kHugePage * kHugePage;
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) / kHugePage * kHugePage;
  if (start < end) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);  // a hint; failure is fine
#else
  (void)data;
  (void)bytes;
#endif
}

void* AllocateLarge(size_t bytes) {
  bytes = std::max<size_t>(bytes, 1);
  void* block = nullptr;
  if (bytes >= kHugePage / 2) {
    bytes = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    block = std::aligned_alloc(kHugePage, bytes);
    if (block != nullptr) AdviseHugePages(block, bytes);
  } else {
    block = std::malloc(bytes);
  }
  if (block == nullptr) throw std::bad_alloc();
  return block;
}

void FreeLarge(void* block) { std::free(block); }

}  // namespace match
