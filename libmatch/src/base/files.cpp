#include "match/base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace match {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": cannot read: " + std::strerror(errno));
  return buffer.str();
}

namespace {

// Creates a temporary file beside PATH holding CONTENT; TMP receives its name.
Status WriteTemporary(const std::string& path, const std::string& content, bool sync, std::string& tmp) {
  tmp = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return Status::IoError(path + ": cannot create a temporary file: " + std::strerror(errno));
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IoError(path + ": cannot write: " + reason);
    }
    written += static_cast<size_t>(n);
  }
  ::fchmod(fd, 0644);
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0) {
    std::string reason = std::strerror(errno);
    ::unlink(tmp.c_str());
    return Status::IoError(path + ": cannot write: " + reason);
  }
  return Status();
}

Status Rename(const std::string& tmp, const std::string& path) {
  if (std::rename(tmp.c_str(), path.c_str()) == 0) return Status();
  std::string reason = std::strerror(errno);
  ::unlink(tmp.c_str());
  return Status::IoError(path + ": cannot replace: " + reason);
}

}  // namespace

Status WriteFileAtomic(const std::string& path, const std::string& content) {
  std::string tmp;
  if (Status st = WriteTemporary(path, content, /*sync=*/true, tmp); !st.ok()) return st;
  return Rename(tmp, path);
}

Status WriteFilesAtomic(const std::vector<FileContent>& files) {
  std::vector<std::string> tmps;
  tmps.reserve(files.size());
  Status failure;
  for (const auto& file : files) {
    std::string tmp;
    failure = WriteTemporary(file.path, file.content, /*sync=*/false, tmp);
    if (!failure.ok()) break;
    tmps.push_back(std::move(tmp));
  }
  if (failure.ok() && !tmps.empty()) {
    int fd = ::open(tmps.front().c_str(), O_RDONLY);
    if (fd < 0 || ::syncfs(fd) != 0)
      failure = Status::IoError(files.front().path + ": cannot sync: " + std::strerror(errno));
    if (fd >= 0) ::close(fd);
  }
  for (size_t i = 0; i < tmps.size(); ++i) {
    if (failure.ok())
      failure = Rename(tmps[i], files[i].path);
    else
      ::unlink(tmps[i].c_str());
  }
  return failure;
}

}  // namespace match
