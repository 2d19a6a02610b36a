#include "common/extract/annotator.hpp"

#include <iterator>
#include <optional>

#include "common/util/iso_date.hpp"

namespace newsdig::extract {
namespace {

void annotate_dates(const DateTagger& tagger, Article& article) {
  // Relative expressions need the publication date; without one they keep no value (never invented).
  std::optional<util::Timestamp> reference = util::parse_iso8601(article.date);
  article.mentions = tagger.find(article.title, "title", reference);
  auto body = tagger.find(article.body, "body", reference);
  article.mentions.insert(article.mentions.end(), std::make_move_iterator(body.begin()),
                          std::make_move_iterator(body.end()));
}

}  // namespace

void Annotator::annotate(Article& article) {
  article.entities = entities_.entities(entities_.find(article));
  annotate_dates(dates_, article);
}

}  // namespace newsdig::extract
