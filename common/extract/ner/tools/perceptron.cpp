#include "common/extract/ner/tools/perceptron.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <ostream>
#include <random>

#include "common/extract/ner/tagger.hpp"

namespace newsdig::extract::ner::tools {
namespace {

struct SentenceRef {
  std::uint32_t document;
  Sentence sentence;
};

// Every document's features as dense feature numbers (-1 = unknown, dropped).
struct EncodedDocument {
  std::vector<std::uint32_t> ids;
  std::vector<std::uint32_t> offsets;
};

}  // namespace

Pass train_pass(std::uint32_t groups, const TrainingSet& set, const TrainOptions& options,
                std::ostream& log) {
  std::span<const LabelledDocument> documents = set.documents;
  std::map<const Lexicon*, FeatureExtractor> extractors;
  // Count features, then number the frequent ones.
  KeyTable<std::uint32_t> counts;
  std::vector<FeatureSet> all(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const Lexicon* lexicon = set.lexicons[d];
    auto extractor = extractors.try_emplace(lexicon, *lexicon, groups).first;
    std::span<const Label> first;
    if (d < set.first_pass.size()) first = set.first_pass[d];
    extractor->second.extract(documents[d].view(), first, all[d]);
    for (std::uint64_t key : all[d].keys) {
      const std::uint32_t* count = counts.find(key);
      counts.insert(key, count == nullptr ? 1 : *count + 1);
    }
  }
  KeyTable<std::uint32_t> ids;
  std::vector<std::uint64_t> keys;
  counts.for_each([&](std::uint64_t key, std::uint32_t count) {
    if (count >= options.min_count) {
      ids.insert(key, static_cast<std::uint32_t>(keys.size()));
      keys.push_back(key);
    }
  });
  std::vector<EncodedDocument> encoded(documents.size());
  for (std::size_t d = 0; d < documents.size(); ++d) {
    const FeatureSet& document_features = all[d];
    EncodedDocument& out = encoded[d];
    out.offsets.push_back(0);
    for (std::size_t i = 0; i + 1 < document_features.offsets.size(); ++i) {
      for (std::uint64_t key : document_features.of(i)) {
        if (const std::uint32_t* id = ids.find(key)) out.ids.push_back(*id);
      }
      out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
    }
    all[d] = {};
  }
  log << "  features: " << counts.size() << " seen, " << keys.size() << " kept (seen at least "
      << options.min_count << " times)\n";

  std::vector<SentenceRef> sentences;
  for (std::uint32_t d = 0; d < documents.size(); ++d) {
    for (const Sentence& sentence : documents[d].sentences) sentences.push_back({d, sentence});
  }

  const std::size_t feature_count = keys.size();
  std::vector<float> weights(feature_count * kLabels, 0.0F);
  std::vector<double> totals(feature_count * kLabels, 0.0);  // sum of step * update, for averaging
  Transitions transitions{};
  std::array<double, (kLabels + 1) * kLabels> transition_totals{};
  double step = 1;

  std::mt19937_64 random(options.seed);
  std::vector<float> emissions;
  std::vector<Label> predicted;
  std::vector<std::uint8_t> back;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(sentences.begin(), sentences.end(), random);
    std::size_t errors = 0;
    std::size_t tokens = 0;
    Transitions constrained = constrain(transitions);
    for (const SentenceRef& ref : sentences) {
      const EncodedDocument& doc = encoded[ref.document];
      const std::vector<Label>& gold = documents[ref.document].labels;
      const std::size_t first = ref.sentence.first;
      const std::size_t count = ref.sentence.last - ref.sentence.first;
      emissions.assign(count * kLabels, 0.0F);
      for (std::size_t i = 0; i < count; ++i) {
        float* row = emissions.data() + i * kLabels;
        for (std::uint32_t k = doc.offsets[first + i]; k < doc.offsets[first + i + 1]; ++k) {
          const float* w = weights.data() + std::size_t{doc.ids[k]} * kLabels;
          for (std::size_t y = 0; y < kLabels; ++y) row[y] += w[y];
        }
      }
      predicted.assign(count, kOutside);
      viterbi(emissions, constrained, predicted, back);
      tokens += count;
      bool wrong = false;
      for (std::size_t i = 0; i < count; ++i) {
        Label g = gold[first + i];
        Label p = predicted[i];
        if (g == p) continue;
        wrong = true;
        ++errors;
        for (std::uint32_t k = doc.offsets[first + i]; k < doc.offsets[first + i + 1]; ++k) {
          std::size_t base = std::size_t{doc.ids[k]} * kLabels;
          weights[base + g] += 1.0F;
          totals[base + g] += step;
          weights[base + p] -= 1.0F;
          totals[base + p] -= step;
        }
      }
      if (wrong) {
        for (std::size_t i = 0; i < count; ++i) {
          std::size_t gold_previous = i == 0 ? std::size_t{kStart} : gold[first + i - 1];
          std::size_t predicted_previous = i == 0 ? std::size_t{kStart} : predicted[i - 1];
          Label g = gold[first + i];
          Label p = predicted[i];
          if (gold_previous == predicted_previous && g == p) continue;
          transitions[gold_previous * kLabels + g] += 1.0F;
          transition_totals[gold_previous * kLabels + g] += step;
          transitions[predicted_previous * kLabels + p] -= 1.0F;
          transition_totals[predicted_previous * kLabels + p] -= step;
        }
        constrained = constrain(transitions);
      }
      step += 1;
    }
    log << "  epoch " << epoch + 1 << ": " << errors << " token errors in " << tokens << " tokens\n";
  }

  Pass pass;
  pass.groups = groups;
  std::vector<float> averaged(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    averaged[i] = static_cast<float>(static_cast<double>(weights[i]) - totals[i] / step);
  }
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    pass.transitions[i] =
        static_cast<float>(static_cast<double>(transitions[i]) - transition_totals[i] / step);
  }
  pass.set_weights(keys, averaged, options.prune);
  log << "  kept " << pass.features() << " features after pruning\n";
  return pass;
}

std::vector<std::vector<Label>> jackknife_first_pass(std::uint32_t groups, const TrainingSet& set, int folds,
                                                     const TrainOptions& options, std::ostream& log) {
  std::span<const LabelledDocument> documents = set.documents;
  std::vector<std::vector<Label>> labels(documents.size());
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<std::size_t> held_out;
    std::vector<LabelledDocument> training;
    std::vector<const Lexicon*> lexicons;
    for (std::size_t d = 0; d < documents.size(); ++d) {
      if (static_cast<int>(d % static_cast<std::size_t>(folds)) == fold) {
        held_out.push_back(d);
        continue;
      }
      // LabelledDocument holds views into itself: copy, then point the views at the copy.
      LabelledDocument copy;
      copy.words = documents[d].words;
      copy.views.assign(copy.words.begin(), copy.words.end());
      copy.sentences = documents[d].sentences;
      copy.gold = documents[d].gold;
      copy.labels = documents[d].labels;
      training.push_back(std::move(copy));
      lexicons.push_back(set.lexicons[d]);
    }
    if (held_out.empty()) continue;
    log << "first pass, fold " << fold + 1 << " of " << folds << "\n";
    Model model;
    model.lexicon = *set.lexicons[held_out.front()];
    model.passes.push_back(train_pass(groups, {training, lexicons, {}}, options, log));
    Tagger tagger(model);
    for (std::size_t d : held_out) tagger.tag(documents[d].view(), labels[d]);
  }
  return labels;
}

}  // namespace newsdig::extract::ner::tools
