#include "searcher/interactive/like.hpp"

#include <stdexcept>

#include "common/schema.hpp"

namespace newsdig::searcher::interactive {
namespace {

// All-text terms only: field terms (title, source, ...) repeat those words, and boolean terms (dates,
// languages, names) would pull in everything of the same day or language. All-text terms are index forms
// (stems), so words of one stem count as one.
class AllTextTerms : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override { return schema::all_text_stem(term).has_value(); }
};

}  // namespace

LikeQuery like_query(const Xapian::Database& database, const std::string& article_id, unsigned terms) {
  const std::string id_term = std::string(schema::prefix::kId) + article_id;
  Xapian::PostingIterator posting = database.postlist_begin(id_term);
  if (posting == database.postlist_end(id_term)) {
    throw std::runtime_error("article " + article_id + " is no longer in the database: search again");
  }
  Xapian::RSet relevant;
  relevant.add_document(*posting);
  Xapian::Enquire enquire(database);
  AllTextTerms all_text;
  Xapian::ESet expand = enquire.get_eset(terms, relevant, &all_text);
  if (expand.empty()) throw std::runtime_error("article " + article_id + " has no words to find others by");
  LikeQuery like;
  std::vector<Xapian::Query> parts;
  const double best = expand.begin().get_weight();
  for (auto it = expand.begin(); it != expand.end(); ++it) {
    const std::string term = *it;
    like.words.push_back(term);
    const double scale = best > 0 ? it.get_weight() / best : 1.0;
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), scale);
  }
  like.query =
      Xapian::Query(Xapian::Query::OP_AND_NOT,
                    Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), Xapian::Query(id_term));
  return like;
}

}  // namespace newsdig::searcher::interactive
