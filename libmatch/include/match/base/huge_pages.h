// Large blocks of memory in transparent huge pages.
//
// The first touch of each 4 KB page of a fresh block is a page fault; on virtual
// machines one costs ~5-20 us, which made faults most of the built-in territory table's
// load and ~20 % of scoring a 20,000 x 2,000 event (40,000 faults for its 175 MB table).
// A block of at least 1 MB is 2 MB-aligned and marked for transparent huge pages
// (madvise MADV_HUGEPAGE, a hint the kernel may ignore): one fault per 2 MB.
#pragma once

#include <cstddef>
#include <new>

namespace match {

// BYTES of uninitialised memory, in huge pages when large; throws std::bad_alloc.
void* AllocateLarge(size_t bytes);
// Marks the whole 2 MB pages inside [DATA, DATA + BYTES) for transparent huge pages,
// for a large block allocated elsewhere (a std::vector's reserved storage, its type
// being part of an interface); the same hint, nothing when the range holds no such page.
void AdviseHugePages(const void* data, size_t bytes);
// Frees a block of AllocateLarge (null is fine).
void FreeLarge(void* block);

// A standard allocator over AllocateLarge, for vectors that grow to megabytes.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: converting, as allocators are
  T* allocate(size_t n) { return static_cast<T*>(AllocateLarge(n * sizeof(T))); }
  void deallocate(T* p, size_t) { FreeLarge(p); }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace match
