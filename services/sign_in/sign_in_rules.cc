// Sign-in's address rules.
#include "services/sign_in/sign_in_rules.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace grants::sign_in {

namespace {

bool AtomChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) !=
             std::string_view::npos;
}

// Non-empty runs of `ok` characters between single dots.
template <typename Ok>
bool DotSeparated(std::string_view s, Ok ok) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  if (s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return c == '.' || ok(c); });
}

bool DomainOk(std::string_view domain) {
  if (domain.size() > 253 || domain.find('.') == std::string_view::npos)
    return false;
  if (!DotSeparated(domain, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
      }))
    return false;
  size_t start = 0;
  while (start <= domain.size()) {
    size_t dot = std::min(domain.find('.', start), domain.size());
    std::string_view label = domain.substr(start, dot - start);
    if (label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    start = dot + 1;
  }
  return true;
}

}  // namespace

std::optional<std::string> NormaliseAddress(std::string_view typed) {
  const char* kSpace = " \t\r\n\f\v";
  size_t first = typed.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return std::nullopt;
  typed = typed.substr(first, typed.find_last_not_of(kSpace) - first + 1);
  std::string address(typed);
  std::transform(address.begin(), address.end(), address.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  size_t at = address.find('@');
  if (address.size() > 254 || at == std::string::npos ||
      address.find('@', at + 1) != std::string::npos)
    return std::nullopt;
  std::string_view local = std::string_view(address).substr(0, at);
  if (local.size() > 64 || !DotSeparated(local, AtomChar) ||
      !DomainOk(std::string_view(address).substr(at + 1)))
    return std::nullopt;
  return address;
}

std::string MailboxOf(const std::string& address) {
  size_t at = address.find('@');
  size_t plus = address.find('+');
  if (at == std::string::npos || plus == std::string::npos || plus > at)
    return address;
  return address.substr(0, plus) + address.substr(at);
}

}  // namespace grants::sign_in
