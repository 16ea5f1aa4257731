#include "random_token.h"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

namespace standmatchd {
namespace {

// Reads SIZE bytes from /dev/urandom; false on any failure.
bool ReadUrandom(unsigned char* out, std::size_t size) {
  int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, out + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return done == size;
}

}  // namespace

match::Status RandomBytes(void* buffer, std::size_t size) {
  auto* out = static_cast<unsigned char*>(buffer);
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::getrandom(out + done, size - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done == size) return match::Status();
  if (ReadUrandom(out + done, size - done)) return match::Status();
  return match::Status::IoError(std::string("random source: getrandom and /dev/urandom failed: ") +
                                std::strerror(errno));
}

std::string Base64Url(const unsigned char* data, std::size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    unsigned v = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8) | data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (size - i == 1) {
    unsigned v = unsigned{data[i]} << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (size - i == 2) {
    unsigned v = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

match::Result<std::vector<std::string>> NewTokens(std::size_t count) {
  std::vector<unsigned char> bytes(count * kTokenBytes);
  match::Status status = RandomBytes(bytes.data(), bytes.size());
  if (!status.ok()) return status;
  std::vector<std::string> tokens;
  tokens.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    tokens.push_back(Base64Url(bytes.data() + i * kTokenBytes, kTokenBytes));
  }
  return tokens;
}

match::Result<std::string> NewToken() {
  auto tokens = NewTokens(1);
  if (!tokens.ok()) return tokens.status();
  return std::move(tokens->front());
}

match::Result<std::string> RandomHex(std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::vector<unsigned char> bytes(size);
  match::Status status = RandomBytes(bytes.data(), size);
  if (!status.ok()) return status;
  std::string out;
  out.reserve(2 * size);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

}  // namespace standmatchd
