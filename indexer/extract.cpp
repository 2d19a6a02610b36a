#include "indexer/extract.hpp"

#include <exception>
#include <new>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "common/extract/dates/date_tagger.hpp"
#include "common/extract/ner/entity_extractor.hpp"
#include "common/schema.hpp"
#include "common/util/iso_date.hpp"
#include "indexer/pipeline.hpp"
#include "indexer/report.hpp"
#include "indexer/run.hpp"
#include "indexer/sources/feed.hpp"

namespace newsdig::indexer {
namespace {

nlohmann::ordered_json entities_json(const std::vector<extract::EntitySpan>& spans) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& span : spans) {
    list.push_back({{"type", schema::entity_type_name(span.type)},
                    {"text", span.text},
                    {"canonical", span.canonical},
                    {"field", span.field},
                    {"start", span.start},
                    {"end", span.end}});
  }
  return list;
}

nlohmann::ordered_json dates_json(const std::vector<DateMention>& mentions) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& mention : mentions) {
    list.push_back(
        {{"text", mention.text},
         {"value", mention.value.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(mention.value)},
         {"field", mention.field},
         {"start", mention.start},
         {"end", mention.end}});
  }
  return list;
}

// Prints each article's line as the reader hands it over; skips and warnings go to the report.
class ExtractSink final : public formats::ArticleSink {
 public:
  ExtractSink(std::ostream& out, Report& report, std::size_t max_article_bytes)
      : out_(out), report_(report), max_article_bytes_(max_article_bytes) {}

  void article(Article article) override {
    const std::size_t text_bytes = article.title.size() + article.body.size();
    if (text_bytes > max_article_bytes_) {
      skip({article.origin, 0,
            "article too large: " + std::to_string(text_bytes) +
                " bytes of title and body, over --max-article-bytes " + std::to_string(max_article_bytes_)});
      return;
    }
    const auto spans = entities_.find(article);
    const std::optional<util::Timestamp> reference = util::parse_iso8601(article.date);
    auto mentions = dates_.find(article.title, "title", reference);
    auto body = dates_.find(article.body, "body", reference);
    mentions.insert(mentions.end(), std::make_move_iterator(body.begin()),
                    std::make_move_iterator(body.end()));
    const nlohmann::ordered_json line = {
        {"id", article.id},
        {"origin", article.origin},
        {"date", article.date.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(article.date)},
        {"entities", entities_json(spans)},
        {"dates", dates_json(mentions)},
    };
    out_ << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    report_.indexed(text_bytes);
  }
  void skip(formats::Diagnostic diagnostic) override { report_.skipped(diagnostic); }
  void warn(formats::Diagnostic diagnostic) override { report_.warned(diagnostic); }

 private:
  std::ostream& out_;
  Report& report_;
  std::size_t max_article_bytes_;
  extract::EntityExtractor entities_;
  extract::DateTagger dates_;
};

}  // namespace

int extract_articles(const Options& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (options.paths.empty()) {
    fmt::print(err,
               "newsdig-index: error: nothing to read: name files, directories, archives or - (standard "
               "input) after 'extract'\n");
    return kExitFatal;
  }
  PipelineSettings settings;
  settings.feed.globs.include = options.include;
  settings.feed.globs.exclude = options.exclude;
  settings.feed.format = options.format;
  settings.reader = reader_settings(options);
  Report report(err, options.quiet, ProgressMode::None);
  report.set_verb("extracted");
  sources::Feed feed(options.paths, in, settings.feed);
  ExtractSink sink(out, report, options.max_article_bytes);
  while (auto item = feed.next()) {
    switch (item->kind) {
      case sources::FeedItem::Kind::Piece: try { read_piece(item->piece, settings, sink);
        } catch (const std::bad_alloc&) {
          throw;
        } catch (const std::exception& e) {
          sink.skip({item->piece.origin, 0, std::string("cannot read: ") + e.what()});
        }
        break;
      case sources::FeedItem::Kind::Skip: sink.skip(std::move(item->diagnostic)); break;
      case sources::FeedItem::Kind::Warn: sink.warn(std::move(item->diagnostic)); break;
    }
  }
  out.flush();
  report.print_summary("", input_totals(feed));
  return report.skipped_count() == 0 ? kExitOk : kExitSkipped;
}

}  // namespace newsdig::indexer
