#pragma once
// Test helper for the format readers: an ArticleSink that keeps everything it is handed, in order.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/formats/reader.hpp"

namespace newsdig::test {

class RecordingSink final : public formats::ArticleSink {
 public:
  void article(Article article) override { articles.push_back(std::move(article)); }
  void skip(formats::Diagnostic diagnostic) override { skips.push_back(std::move(diagnostic)); }
  void warn(formats::Diagnostic diagnostic) override { warnings.push_back(std::move(diagnostic)); }

  // Every skip and warning as one line each, for readable failure messages.
  std::string diagnostics() const {
    std::string out;
    for (const auto& skip : skips) out += formats::format_diagnostic(skip, "skip") + "\n";
    for (const auto& warning : warnings) out += formats::format_diagnostic(warning, "warning") + "\n";
    return out;
  }

  std::vector<Article> articles;
  std::vector<formats::Diagnostic> skips;
  std::vector<formats::Diagnostic> warnings;
};

// The value of an extra field of `article`, or "<absent>".
inline std::string extra_field(const Article& article, std::string_view key) {
  for (const auto& [name, value] : article.extra) {
    if (name == key) return value;
  }
  return "<absent>";
}

}  // namespace newsdig::test
