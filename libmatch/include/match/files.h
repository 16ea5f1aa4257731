// Reading and writing whole files, with errors as Status values.
//
// WriteFileAtomic writes to a temporary file beside the target and renames it over
// the target, so a reader never sees a half-written file and a failed write leaves
// the old file in place. Thread-compatible; concurrent writers of one path race
// (the last rename wins) but never interleave bytes.
#pragma once

#include <string>

#include "match/status.h"

namespace match {

// The file's bytes, or an IoError naming the path and the system's reason.
Result<std::string> ReadFile(const std::string& path);

// Replaces PATH with CONTENT atomically (temporary file + fsync + rename).
Status WriteFileAtomic(const std::string& path, const std::string& content);

}  // namespace match
