// STANDMATCH_EMBED_FILE: compiles a file's bytes into the binary at build time.
//
// STANDMATCH_EMBED_FILE(name, "/absolute/path") defines `name_begin` and `name_end`
// (extern "C" const char[]) around the file's bytes, followed by one NUL byte, in the
// read-only data section (the GNU assembler's .incbin; g++ and clang on ELF). The
// CMake target must list the file in the source's OBJECT_DEPENDS so an edit rebuilds
// it. Used for the territory table and default rules (libmatch) and the daemon's web
// pages.
#pragma once

#define STANDMATCH_EMBED_FILE(name, path)                                                                       \
  __asm__(".section .rodata\n.global " #name "_begin\n.global " #name "_end\n" #name "_begin:\n.incbin \"" path \
          "\"\n" #name "_end:\n.byte 0\n.previous\n");                                                          \
  extern "C" const char name##_begin[];                                                                         \
  extern "C" const char name##_end[];
