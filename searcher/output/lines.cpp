#include "searcher/output/lines.hpp"

#include <ostream>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace newsdig::output {
namespace {

// A TREC run line is split on white space, so an id must not hold any.
std::string trec_token(std::string_view text) {
  std::string token(text);
  for (char& c : token) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') c = '_';
  }
  return token.empty() ? std::string("_") : token;
}

}  // namespace

void write_ids(std::ostream& out, const Page& page) {
  for (const auto& shown : page.hits) {
    if (page.query_number != 0) out << page.qid << '\t';
    out << shown.hit.record.id << '\n';
  }
}

void write_trec(std::ostream& out, const Page& page, std::string_view run_tag) {
  const std::string qid = trec_token(page.qid);
  const std::string tag = trec_token(run_tag);
  for (const auto& shown : page.hits) {
    fmt::print(out, "{} Q0 {} {} {:.6f} {}\n", qid, trec_token(shown.hit.record.id), shown.hit.rank,
               shown.hit.score, tag);
  }
}

}  // namespace newsdig::output
