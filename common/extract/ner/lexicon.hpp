#pragma once
// What the tagger knows beyond its weights, and the pieces the model file is made of: stable 64-bit hashes
// of words and features, an open-addressing table keyed by them, word clusters learned from unlabelled
// news, gazetteers of names, and little-endian byte (de)serialization.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/util/hash.hpp"

namespace newsdig::extract::ner {

static_assert(std::endian::native == std::endian::little, "the model file is little-endian");

// 64-bit FNV-1a of the bytes: the same value on every machine and build (the model stores such hashes).
constexpr std::uint64_t hash_bytes(std::string_view bytes) noexcept {
  return util::stable_hash64(bytes);
}

// An order-sensitive combination of two hashes.
constexpr std::uint64_t combine(std::uint64_t seed, std::uint64_t value) noexcept {
  return util::mix64(seed * 0x9e3779b97f4a7c15ULL + value + 0x632be59bd9b4e019ULL);
}

// Lower case, code point by code point (ICU simple case mapping); ill-formed bytes are kept as they are.
std::string lower_case(std::string_view word);

// Open addressing over 64-bit keys (0 is stored as 1); the load stays at most one half. Keys need not be
// hashes: slots come from util::mix64(key). A slot holds its key and its value side by side, so a look-up
// that finds its key costs one cache miss, and prefetch() can start that miss early.
template <class Value>
class KeyTable {
 public:
  void reserve(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

  // Inserts or overwrites; returns the stored value.
  Value& insert(std::uint64_t key, const Value& value) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    key = key == 0 ? 1 : key;
    std::size_t slot = home(key);
    while (slots_[slot].key != 0 && slots_[slot].key != key) slot = (slot + 1) & mask_;
    if (slots_[slot].key == 0) {
      slots_[slot].key = key;
      ++size_;
    }
    slots_[slot].value = value;
    return slots_[slot].value;
  }

  const Value* find(std::uint64_t key) const noexcept {
    if (slots_.empty()) return nullptr;
    key = key == 0 ? 1 : key;
    for (std::size_t slot = home(key);; slot = (slot + 1) & mask_) {
      const Slot& at = slots_[slot];
      if (at.key == key) return &at.value;
      if (at.key == 0) return nullptr;
    }
  }

  // A hint that find(key) comes soon: fetches its slot's cache line without waiting for it.
  void prefetch(std::uint64_t key) const noexcept {
    if (slots_.empty()) return;
    __builtin_prefetch(&slots_[home(key == 0 ? 1 : key)]);
  }

  std::size_t size() const noexcept { return size_; }

  template <class Function>
  void for_each(Function&& function) const {
    for (const Slot& slot : slots_) {
      if (slot.key != 0) function(slot.key, slot.value);
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    Value value{};
  };

  std::size_t home(std::uint64_t key) const noexcept {
    return static_cast<std::size_t>(util::mix64(key)) & mask_;
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.key != 0) insert(slot.key, slot.value);
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* bytes = reinterpret_cast<const char*>(&value);
    out_.append(bytes, sizeof(T));
  }
  void put_string(std::string_view text) {
    put(static_cast<std::uint32_t>(text.size()));
    out_.append(text);
  }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

// Reads what ByteWriter wrote. Throws std::runtime_error when the bytes run out.
class ByteReader {
 public:
  explicit ByteReader(std::span<const unsigned char> bytes) : bytes_(bytes) {}

  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    T value;
    std::memcpy(&value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  std::string get_string() {
    auto size = get<std::uint32_t>();
    need(size);
    std::string text(reinterpret_cast<const char*>(bytes_.data() + at_), size);
    at_ += size;
    return text;
  }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  void need(std::size_t count) const {
    if (bytes_.size() - at_ < count) throw std::runtime_error("entity model: the file is truncated");
  }

  std::span<const unsigned char> bytes_;
  std::size_t at_ = 0;
};

// Word clusters at a few granularities (coarse to fine), learned from unlabelled text by
// newsdig-ner-train. Cluster numbers start at 1; 0 means the word is not in the vocabulary.
inline constexpr int kClusterLevels = 3;
using ClusterPath = std::array<std::uint16_t, kClusterLevels>;

class WordClusters {
 public:
  void add(std::string_view word, const ClusterPath& path) { table_.insert(hash_bytes(word), path); }
  const ClusterPath* find(std::uint64_t word_hash) const noexcept { return table_.find(word_hash); }
  std::size_t size() const noexcept { return table_.size(); }

  void write(ByteWriter& out) const;
  static WordClusters read(ByteReader& in);

 private:
  KeyTable<ClusterPath> table_;
};

// Lists of names (bit i of a mask = list i), matched on lower-cased tokens. Each entry says which lists
// hold the phrase and whether some longer phrase starts with it, so matching can stop early.
class Gazetteer {
 public:
  struct Entry {
    std::uint16_t lists = 0;  // the lists holding exactly this phrase
    bool continues = false;   // a longer phrase starts with this one
  };

  static constexpr std::size_t kMaxWords = 8;

  // `words`: the phrase's lower-cased tokens (phrases longer than kMaxWords are ignored).
  void add(std::span<const std::string> words, std::uint16_t lists);

  // The key of a phrase: fold each word's hash_bytes() in with phrase_step(), starting from kPhraseSeed.
  static constexpr std::uint64_t kPhraseSeed = 0x5bd1e9955bd1e995ULL;
  static constexpr std::uint64_t phrase_step(std::uint64_t key, std::uint64_t word_hash) noexcept {
    return combine(key, word_hash);
  }

  const Entry* find(std::uint64_t phrase_key) const noexcept { return table_.find(phrase_key); }
  std::size_t size() const noexcept { return phrases_; }
  bool empty() const noexcept { return phrases_ == 0; }

  void write(ByteWriter& out) const;
  static Gazetteer read(ByteReader& in);

 private:
  KeyTable<Entry> table_;
  std::size_t phrases_ = 0;
};

// Gazetteer lists: which bit of Gazetteer::Entry::lists holds which kind of name.
enum class GazetteerList : std::uint8_t {
  Person,         // names tagged PER in the training data
  Org,            // ... ORG
  Place,          // ... LOC
  Misc,           // ... MISC
  Country,        // ISO 3166-1 country names (Debian iso-codes)
  Subdivision,    // ISO 3166-2 subdivisions: states, provinces, regions
  Currency,       // ISO 4217 currency names
  Language,       // ISO 639 language names
  ReutersPerson,  // Reuters-21578 PEOPLE category strings
  ReutersPlace,   // Reuters-21578 PLACES category strings
  ReutersOrg,     // Reuters-21578 ORGS and EXCHANGES category strings
};
inline constexpr int kGazetteerLists = 11;

// The lexicon: everything the features look up.
struct Lexicon {
  WordClusters clusters;
  Gazetteer gazetteer;
};

}  // namespace newsdig::extract::ner
