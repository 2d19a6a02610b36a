#pragma once
// The tagger's labels: BILOU (Begin, Inside, Last, Unit, Outside) over the four CoNLL-2003 types, and the
// conversions between label sequences and entity spans.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/article.hpp"

namespace newsdig::extract::ner {

using Label = std::uint8_t;

enum class Part : std::uint8_t { Begin, Inside, Last, Unit };

inline constexpr int kTypes = 4;                // in EntityType order: Person, Org, Place, Misc
inline constexpr int kLabels = 1 + kTypes * 4;  // 0 is O
inline constexpr Label kOutside = 0;
inline constexpr int kStart = kLabels;  // the state before the first token

constexpr Label make_label(EntityType type, Part part) {
  return static_cast<Label>(1 + static_cast<int>(type) * 4 + static_cast<int>(part));
}
constexpr EntityType label_type(Label label) {
  return static_cast<EntityType>((label - 1) / 4);
}
constexpr Part label_part(Label label) {
  return static_cast<Part>((label - 1) % 4);
}

// Whether `next` may follow `previous` (kStart for the first token) in a well-formed BILOU sequence.
constexpr bool allowed_transition(int previous, Label next) {
  bool open = previous != kStart && previous != kOutside &&
              (label_part(static_cast<Label>(previous)) == Part::Begin ||
               label_part(static_cast<Label>(previous)) == Part::Inside);
  if (!open) return next == kOutside || label_part(next) == Part::Begin || label_part(next) == Part::Unit;
  if (next == kOutside) return false;
  return label_type(next) == label_type(static_cast<Label>(previous)) &&
         (label_part(next) == Part::Inside || label_part(next) == Part::Last);
}

// Whether a sequence may end with `last`.
constexpr bool allowed_final(Label last) {
  return last == kOutside || label_part(last) == Part::Last || label_part(last) == Part::Unit;
}

// Tokens [first, last) of one entity.
struct TokenSpan {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  EntityType type = EntityType::Misc;

  friend bool operator==(const TokenSpan&, const TokenSpan&) = default;
};

// The spans of a label sequence. Ill-formed sequences are read leniently: an entity ends where its type
// changes, at O, at L or U, and before a B or U.
std::vector<TokenSpan> spans_from_labels(std::span<const Label> labels, std::uint32_t offset = 0);

// The BILOU labels of `count` tokens holding `spans` (sorted, not overlapping, offsets relative to the
// first token).
std::vector<Label> labels_from_spans(std::span<const TokenSpan> spans, std::uint32_t count);

// "PER", "ORG", "LOC", "MISC": the CoNLL names of the types.
std::string_view conll_type_name(EntityType type);

}  // namespace newsdig::extract::ner
