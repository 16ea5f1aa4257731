// Reading and writing whole files, with errors as Status values.
//
// WriteFileAtomic writes to a temporary file beside the target and renames it over
// the target, so a reader never sees a half-written file and a failed write leaves
// the old file in place. Thread-compatible; concurrent writers of one path race
// (the last rename wins) but never interleave bytes.
#pragma once

#include <string>
#include <vector>

#include "match/base/status.h"

namespace match {

// The file's bytes, or an IoError naming the path and the system's reason.
Result<std::string> ReadFile(const std::string& path);

// Replaces PATH with CONTENT atomically (temporary file + fsync + rename).
Status WriteFileAtomic(const std::string& path, const std::string& content);

struct FileContent {
  std::string path;
  std::string content;
};
// Writes many files, each replaced atomically as by WriteFileAtomic, with one file
// system sync for all of them instead of one fsync per file: every temporary file is
// written, the file system is synced once, then all are renamed into place. On a
// failure nothing more is renamed and the temporaries are removed; files renamed
// before the failure stay (each is whole). Returns the first failure.
Status WriteFilesAtomic(const std::vector<FileContent>& files);

}  // namespace match
