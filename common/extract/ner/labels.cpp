#include "common/extract/ner/labels.hpp"

namespace newsdig::extract::ner {

std::vector<TokenSpan> spans_from_labels(std::span<const Label> labels, std::uint32_t offset) {
  std::vector<TokenSpan> spans;
  bool open = false;
  TokenSpan current;
  auto close = [&](std::uint32_t at) {
    if (!open) return;
    current.last = at;
    spans.push_back(current);
    open = false;
  };
  for (std::uint32_t i = 0; i < labels.size(); ++i) {
    Label label = labels[i];
    std::uint32_t at = offset + i;
    if (label == kOutside || label >= kLabels) {
      close(at);
      continue;
    }
    EntityType type = label_type(label);
    Part part = label_part(label);
    bool continues = open && current.type == type && (part == Part::Inside || part == Part::Last);
    if (!continues) {
      close(at);
      current = {at, at, type};
      open = true;
    }
    if (part == Part::Last || part == Part::Unit) close(at + 1);
  }
  close(offset + static_cast<std::uint32_t>(labels.size()));
  return spans;
}

std::vector<Label> labels_from_spans(std::span<const TokenSpan> spans, std::uint32_t count) {
  std::vector<Label> labels(count, kOutside);
  for (const auto& span : spans) {
    if (span.first >= span.last || span.last > count) continue;
    if (span.last - span.first == 1) {
      labels[span.first] = make_label(span.type, Part::Unit);
      continue;
    }
    labels[span.first] = make_label(span.type, Part::Begin);
    for (std::uint32_t i = span.first + 1; i + 1 < span.last; ++i)
      labels[i] = make_label(span.type, Part::Inside);
    labels[span.last - 1] = make_label(span.type, Part::Last);
  }
  return labels;
}

std::string_view conll_type_name(EntityType type) {
  switch (type) {
    case EntityType::Person: return "PER";
    case EntityType::Org: return "ORG";
    case EntityType::Place: return "LOC";
    case EntityType::Misc: return "MISC";
  }
  return "MISC";
}

}  // namespace newsdig::extract::ner
