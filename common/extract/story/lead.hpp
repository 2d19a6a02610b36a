#pragma once
// The lead of a news report (its title and the first sentence of its body), where it says which event it
// reports: the all-text terms there, which weigh more in a story profile, and the people it names, whose
// absence from another report of the same kind of event tells the two events apart (the Klitschko fight
// against Thompson is not the one against Rahman, though every other word is the same).
#include <string_view>

#include "common/analysis/analyzer.hpp"
#include "common/analysis/sentences.hpp"
#include "common/article.hpp"
#include "common/extract/story/similarity.hpp"

namespace newsdig::extract::story {

// Sets features.lead_terms, lead_people and named_people from the article's title, body and person
// entities (article.entities, as common/extract finds them), with `language`'s stems (the article's own
// language, else the indexer's default). The sentence splitter should treat a single line break as a
// space (LineBreaks::Wrapped): only the body's first paragraph is split. Throws nothing the analyzer does
// not (std::length_error for texts of 2 GiB or more).
void add_lead(const Article& article, std::string_view language, analysis::Analyzer& analyzer,
              analysis::SentenceSplitter& sentences, StoryFeatures& features);

}  // namespace newsdig::extract::story
