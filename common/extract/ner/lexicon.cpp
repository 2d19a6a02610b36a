#include "common/extract/ner/lexicon.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace newsdig::extract::ner {
namespace {

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

std::string lower_case(std::string_view word) {
  std::string lower;
  lower.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    auto byte = static_cast<unsigned char>(word[i]);
    if (byte < 0x80) {
      lower.push_back(byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte - 'A' + 'a')
                                                 : static_cast<char>(byte));
      ++i;
      continue;
    }
    auto length = static_cast<std::int32_t>(std::min<std::size_t>(word.size() - i, 0x7fffffff));
    std::int32_t at = 0;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(word.data() + i), at, length, c);
    if (c < 0) {
      lower.append(word.substr(i, static_cast<std::size_t>(at)));
    } else {
      append_utf8(lower, static_cast<char32_t>(u_tolower(c)));
    }
    i += static_cast<std::size_t>(at);
  }
  return lower;
}

void WordClusters::write(ByteWriter& out) const {
  out.put(static_cast<std::uint32_t>(table_.size()));
  table_.for_each([&](std::uint64_t key, const ClusterPath& path) {
    out.put(key);
    for (auto id : path) out.put(id);
  });
}

WordClusters WordClusters::read(ByteReader& in) {
  WordClusters clusters;
  auto count = in.get<std::uint32_t>();
  clusters.table_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    auto key = in.get<std::uint64_t>();
    ClusterPath path{};
    for (auto& id : path) id = in.get<std::uint16_t>();
    clusters.table_.insert(key, path);
  }
  return clusters;
}

void Gazetteer::add(std::span<const std::string> words, std::uint16_t lists) {
  if (words.empty() || words.size() > kMaxWords || lists == 0) return;
  std::uint64_t key = kPhraseSeed;
  for (std::size_t i = 0; i < words.size(); ++i) {
    key = phrase_step(key, hash_bytes(words[i]));
    const Entry* found = table_.find(key);
    Entry entry = found != nullptr ? *found : Entry{};
    if (i + 1 < words.size()) {
      entry.continues = true;
    } else {
      if (entry.lists == 0) ++phrases_;
      entry.lists = static_cast<std::uint16_t>(entry.lists | lists);
    }
    table_.insert(key, entry);
  }
}

void Gazetteer::write(ByteWriter& out) const {
  out.put(static_cast<std::uint32_t>(table_.size()));
  out.put(static_cast<std::uint32_t>(phrases_));
  table_.for_each([&](std::uint64_t key, const Entry& entry) {
    out.put(key);
    out.put(entry.lists);
    out.put(static_cast<std::uint8_t>(entry.continues ? 1 : 0));
  });
}

Gazetteer Gazetteer::read(ByteReader& in) {
  Gazetteer gazetteer;
  auto count = in.get<std::uint32_t>();
  gazetteer.phrases_ = in.get<std::uint32_t>();
  gazetteer.table_.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    auto key = in.get<std::uint64_t>();
    Entry entry;
    entry.lists = in.get<std::uint16_t>();
    entry.continues = in.get<std::uint8_t>() != 0;
    gazetteer.table_.insert(key, entry);
  }
  return gazetteer;
}

}  // namespace newsdig::extract::ner
